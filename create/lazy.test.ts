/**
 * Start-up stays lean: `--version` loads only cli/common.js, `--help` only
 * the question table, and a run by flags never loads @inquirer (prompt.ts
 * imports it dynamically, for terminals only). Checked on the compiled
 * static import graph, so it cannot pass by timing luck.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Packages reachable from `entry` through static imports, each with the path that reaches it. */
function staticPackages(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string, via: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // No quote before `from`: a string that merely mentions an import is not one.
    for (const m of text.matchAll(/^(?:import|export)\s(?:[^;'"`]*?\sfrom\s)?['"]([^'"]+)['"];?\s*$/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        // declaration/ts-morph.js loads ts-morph with require(): it counts as the package.
        if (/(^|\/)ts-morph\.js$/.test(spec)) found.set('ts-morph', `${via} → ${spec}`);
        if (existsSync(target)) visit(target, `${via} → ${spec}`);
      } else if (!spec.startsWith('node:')) found.set(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'), `${via} → ${spec}`);
    }
  };
  visit(resolve(dist, entry), entry);
  return found;
}

test('the executable itself imports nothing but cli/common.js statically', () => {
  const text = readFileSync(resolve(dist, 'cli/create-bg-service.js'), 'utf8');
  const imports = [...text.matchAll(/^import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  assert.deepEqual(imports, ['./common.js']);
  assert.deepEqual([...staticPackages('cli/create-bg-service.js').keys()], []);
});

test('--help loads no package at all (the table is data; the checks are the reader’s pure rules)', () => {
  assert.deepEqual(Object.fromEntries(staticPackages('create/help.js')), {});
});

test('a run by flags never loads @inquirer/prompts, and ts-morph only when reading', () => {
  const run = staticPackages('create/run.js');
  for (const heavy of ['@inquirer/prompts', 'ts-morph', 'typescript']) assert.equal(run.get(heavy), undefined, `${heavy} via ${run.get(heavy)}`);
});
