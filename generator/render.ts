/**
 * Renders ejs templates from `templates/<target>/`. Templates are readable
 * target-language files with few holes; every user string reaches them
 * through the escaping helpers the target passes in its data.
 */
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { sourcePath } from '../lib/paths.js';

const compiled = new Map<string, ejs.TemplateFunction>();

/** Render `templates/<template>` (e.g. `android/Service.kt.ejs`) with `data`. */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  let fn = compiled.get(template);
  if (!fn) {
    const file = sourcePath('templates', template);
    const text = readFileSync(file, 'utf8');
    // `_` trims the whitespace before `<%_` and `_%>` eats the newline after,
    // so control-flow lines vanish from the output.
    fn = ejs.compile(text, { filename: file, strict: true, localsName: 'it', escape: noHtmlEscape, rmWhitespace: false });
    compiled.set(template, fn);
  }
  return fn(data);
}

/** `<%= %>` must not HTML-escape: targets escape explicitly per language. */
function noHtmlEscape(s: unknown): string {
  return String(s);
}
