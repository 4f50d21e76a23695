import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { parseSwift } from './swift.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'swift', name);

test('parseSwift: BackgroundTasks code (closures, async, #if in function bodies, Unicode) has no ERROR or MISSING node', async () => {
  const r = await parseSwift([fx('SyncTask.swift')]);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('parseSwift: a missing `)` is located in the broken file only', async () => {
  const r = await parseSwift([fx('SyncTask.swift'), fx('Broken.swift')]);
  assert.equal(r.ok, false);
  assert.ok(r.diagnostics.length >= 1);
  for (const d of r.diagnostics) {
    assert.equal(d.file, fx('Broken.swift'));
    assert.equal(d.tool, 'tree-sitter');
  }
  assert.deepEqual(
    r.diagnostics.map((d) => [d.line, d.column, d.message]),
    [[5, 58, 'syntax error: missing `)`']],
  );
});
