/**
 * reader.ts must stay cheap to import: nothing it loads statically may pull
 * in ts-morph or TypeScript (they cost ~0.4–0.5 s to load). Checked on the
 * compiled import graph, so it cannot pass by timing luck.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

test('importing reader.js and diagnostics.js loads no ts-morph or typescript', () => {
  const seen = new Set<string>();
  const heavy: string[] = [];
  const visit = (file: string, via: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        // ts-morph.js loads ts-morph with require() (faster than an ES import): it counts as ts-morph.
        if (/(^|\/)ts-morph\.js$/.test(spec)) heavy.push([...via, spec].join(' → '));
        const target = resolve(dirname(file), spec);
        if (existsSync(target)) visit(target, [...via, spec]);
      } else if (/^(ts-morph|typescript|@ts-morph)/.test(spec)) heavy.push([...via, spec].join(' → '));
    }
  };
  visit(resolve(here, 'reader.js'), ['reader.js']);
  visit(resolve(here, 'diagnostics.js'), ['diagnostics.js']);
  assert.deepEqual(heavy, []);
  assert.ok(seen.size >= 3, 'the walk found the imports');
});

test('read-files.js does load ts-morph (through ts-morph.js), so the check above can fail', () => {
  const imports = staticImports(resolve(here, 'read-files.js'));
  assert.ok(imports.includes('./ts-morph.js'), imports.join(', '));
});
