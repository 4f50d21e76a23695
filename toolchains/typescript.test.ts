import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { sourcePath } from '../lib/paths.js';
import { parseTscOutput, typecheckTs } from './typescript.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'ts', name);

test('typecheckTs: Tauri invoke/Channel/listen and Capacitor registerPlugin code checks against the real packages', async () => {
  const r = await typecheckTs(fx('good'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('typecheckTs: a wrong argument to invoke() is a located TS2345', async () => {
  const r = await typecheckTs(fx('bad'));
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.tool]),
    [[join(fx('bad'), 'commands.ts'), 5, 42, 'error', 'tsc']],
  );
  assert.match(r.diagnostics[0]!.message, /Argument of type 'string' is not assignable to parameter of type 'InvokeArgs \| undefined'.*\[TS2345\]/s);
});

test('parseTscOutput: continuation lines join their diagnostic; global errors are unlocated', () => {
  const ds = parseTscOutput(
    [
      "src/a.ts(3,7): error TS2322: Type '{ a: string; }' is not assignable to type 'P'.",
      "  Object literal may only specify known properties, and 'a' does not exist in type 'P'.",
      "error TS5083: Cannot read file '/x/tsconfig.json'.",
    ].join('\n'),
    '/w',
    '/w',
  );
  assert.deepEqual(
    ds.map((d) => [d.file, d.line, d.column, d.message]),
    [
      ['/w/src/a.ts', 3, 7, "Type '{ a: string; }' is not assignable to type 'P'.\nObject literal may only specify known properties, and 'a' does not exist in type 'P'. [TS2322]"],
      ['/w', 0, 0, "Cannot read file '/x/tsconfig.json'. [TS5083]"],
    ],
  );
});
