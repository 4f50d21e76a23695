/**
 * The default, human format: findings grouped by app, then by file, each with
 * a code frame of the offending line. Colour comes from the caller (only on a
 * TTY and never with NO_COLOR — see lib/colour.ts).
 */
import { codeFrame, sanitizeForTerminal } from '../../lib/codeframe.js';
import { colours } from '../../lib/colour.js';
import type { Formatter } from './types.js';
import { plural, readFileOrUndefined, relPath } from './util.js';

export const stylish: Formatter = (result, options) => {
  const c = options.colour ?? colours(false);
  const read = options.read ?? readFileOrUndefined;
  const out: string[] = [];
  const sources = new Map<string, string | undefined>();
  const source = (f: string) => {
    if (!sources.has(f)) sources.set(f, read(f));
    return sources.get(f);
  };
  const sev = (s: string) => (s === 'error' ? c.red('error') : s === 'warning' ? c.yellow('warning') : c.cyan('info'));
  for (const app of result.apps) {
    if (!app.findings.length) continue;
    const kinds = app.kinds.length ? ` (${app.kinds.join(', ')})` : '';
    const t = app.targetSdk;
    const sdk =
      t && (t.value !== undefined || t.unresolved)
        ? ` · targetSdk ${t.value ?? 'unknown'}${t.assumed ? ' (assumed)' : t.source ? ` (${t.source})` : t.unresolved ? ` (${sanitizeForTerminal(t.unresolved)})` : ''}`
        : '';
    out.push(c.bold(`app ${app.name}${kinds}${sdk}`));
    let lastFile = '';
    for (const f of app.findings) {
      if (f.file !== lastFile) {
        lastFile = f.file;
        out.push('');
        out.push(`  ${c.bold(sanitizeForTerminal(relPath(options.cwd, f.file)))}`);
      }
      const loc = f.line > 0 ? `${f.line}:${f.column}` : '-';
      out.push(`    ${c.dim(loc.padEnd(7))} ${sev(f.severity)}  ${sanitizeForTerminal(f.message)}  ${c.dim(f.ruleId)}${f.fix ? c.dim(' (fixable)') : ''}`);
      if (f.line > 0) {
        const src = source(f.file);
        if (src !== undefined) {
          const frame = codeFrame(src, f.line, f.column, 1, { colour: c, context: 1 });
          if (frame) out.push(frame.split('\n').map((l) => `      ${l}`).join('\n'));
        }
      }
    }
    out.push('');
  }
  const total = result.errorCount + result.warningCount + result.infoCount;
  if (total === 0 && result.internalErrors === 0) {
    const n = result.apps.length;
    out.push(c.green(`✔ no problems (${n === 0 ? 'no app found' : plural(n, 'app')} checked)`));
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')}, ${result.infoCount} info)`;
    out.push(result.errorCount ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    const fixable = result.findings.filter((f) => f.fix);
    if (fixable.length) out.push(c.dim(`  ${plural(fixable.length, 'problem')} potentially fixable with --fix (preview with --fix-dry-run)`));
  }
  return out.join('\n') + '\n';
};
