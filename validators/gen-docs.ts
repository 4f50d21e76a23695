/**
 * Generate docs/rules/<id>.md from the rule metadata:
 *   node dist/validators/gen-docs.js          write the pages
 *   node dist/validators/gen-docs.js --check  exit 1 when a page is stale or missing
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from './rules/index.js';
import { CORE_RULES } from './core-rules.js';
import { ruleMarkdown, rulesIndexMarkdown } from './docs.js';
import { sourcePath } from '../lib/paths.js';
import type { RuleMeta } from './rule.js';

export function allMetas(): RuleMeta[] {
  return [...RULES.map((r) => r.meta), ...CORE_RULES];
}

/** Expected content of every page, by file name. */
export function expectedPages(): Map<string, string> {
  const metas = allMetas();
  const pages = new Map<string, string>();
  for (const m of metas) pages.set(`${m.id}.md`, ruleMarkdown(m));
  pages.set('README.md', rulesIndexMarkdown(metas));
  return pages;
}

/** Stale, missing and extra pages under `dir`. */
export function docsDrift(dir: string = sourcePath('docs', 'rules')): { stale: string[]; missing: string[]; extra: string[] } {
  const pages = expectedPages();
  const stale: string[] = [];
  const missing: string[] = [];
  for (const [name, text] of pages) {
    const f = join(dir, name);
    if (!existsSync(f)) missing.push(name);
    else if (readFileSync(f, 'utf8') !== text) stale.push(name);
  }
  const extra = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md') && !pages.has(n)) : [];
  return { stale, missing, extra };
}

export function writeDocs(dir: string = sourcePath('docs', 'rules')): number {
  mkdirSync(dir, { recursive: true });
  const pages = expectedPages();
  let n = 0;
  for (const [name, text] of pages) {
    const f = join(dir, name);
    if (existsSync(f) && readFileSync(f, 'utf8') === text) continue;
    writeFileSync(f, text);
    n++;
  }
  for (const name of readdirSync(dir)) if (name.endsWith('.md') && !pages.has(name)) rmSync(join(dir, name));
  return n;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const d = docsDrift();
    const bad = [...d.stale.map((s) => `stale: ${s}`), ...d.missing.map((s) => `missing: ${s}`), ...d.extra.map((s) => `extra: ${s}`)];
    if (bad.length) {
      process.stderr.write(`docs/rules is out of date (run node dist/validators/gen-docs.js):\n${bad.join('\n')}\n`);
      process.exitCode = 1;
    }
  } else {
    const n = writeDocs();
    process.stdout.write(`docs/rules: ${n} page(s) written\n`);
  }
}
