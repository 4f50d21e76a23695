import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { findDeclarations, SKIPPED_DIRECTORIES } from './reader.js';

test('finds *.bg.ts under a project, skipping dependencies and build output', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'bg-find-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files = ['a.bg.ts', 'src/services/b.bg.ts', 'src/deep/er/c.bg.ts', 'src/not-a-decl.ts', 'src/d.bg.tsx', 'src/e.bg.ts.bak'];
  for (const skipped of SKIPPED_DIRECTORIES) files.push(`${skipped}/x.bg.ts`, `src/${skipped}/y.bg.ts`);
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  symlinkSync(root, join(root, 'src', 'loop')); // must not be followed
  assert.deepEqual(await findDeclarations(root), [join(root, 'a.bg.ts'), join(root, 'src/deep/er/c.bg.ts'), join(root, 'src/services/b.bg.ts')]);
});

test('a missing folder has no declarations', async () => {
  assert.deepEqual(await findDeclarations(join(tmpdir(), 'bg-find-does-not-exist-' + process.pid)), []);
});
