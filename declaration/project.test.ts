/**
 * The reader's TypeScript project uses the trimmed default library that
 * `npm run build` writes (scripts/reader-build.mjs) — and with it still
 * knows every global type of lib.es5.d.ts as a built-in, with the same
 * explanation as before the trimming.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { Code } from './codes.js';
import { createProject, isLibFile } from './project.js';
import { readDeclarations } from './reader.js';

test('the project loads the trimmed lib.es5.d.ts from dist, and nothing else by default', () => {
  const project = createProject();
  const sf = project.createSourceFile('/virtual/x.ts', 'export const a: ReadonlyArray<string> = [];\n');
  const program = project.getProgram().compilerObject;
  const libs = program.getSourceFiles().filter((f) => program.isSourceFileDefaultLibrary(f)).map((f) => f.fileName);
  assert.deepEqual(libs, [sourcePath('dist', 'declaration', 'lib', 'lib.es5.d.ts').replace(/\\/g, '/')]);
  assert.equal(isLibFile(project, sf), false);
});

test('global types whose members were dropped are still reported as built-ins', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bg-lib-'));
  try {
    const names = ['RegExp', 'Error', 'Uint8Array', 'ArrayBuffer', 'Function'];
    const file = join(dir, 'x.bg.ts');
    writeFileSync(
      file,
      `import { defineService } from 'create-bg-service';
export interface Events {
  sample: { ${names.map((n, i) => `f${i}: ${n}`).join('; ')} };
}
export default defineService<Events>({ name: 'x-sync', kind: 'periodic', hosts: ['tauri'], schedule: { everyMinutes: 15 } });
`,
    );
    const r = await readDeclarations([file]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    for (const n of names) {
      assert.ok(
        r.diagnostics.some((d) => d.code === Code.unsupportedType && d.message.includes(`built-in type \`${n}\``)),
        `${n}: ${r.diagnostics.map((d) => d.message).join(' | ')}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
