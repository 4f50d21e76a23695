import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { colours } from '../lib/colour.js';
import { sourcePath } from '../lib/paths.js';
import { displayPath, formatDiagnostic, formatDiagnostics } from './diagnostics.js';
import type { DeclarationDiagnostic } from './model.js';
import { readDeclaration } from './reader.js';

const file = '/project/src/notes.bg.ts';
const source = "import { defineService } from 'create-bg-service';\n\nexport interface Events {\n  sample: { at: Date };\n}\n";
const diag: DeclarationDiagnostic = {
  code: 'BG200',
  message: 'built-in type `Date` is not supported',
  hint: 'send an ISO-8601 string',
  loc: { file, line: 4, column: 17 },
  length: 4,
};

test('file:line:col: error CODE message, a code frame with the span underlined, then the hint', () => {
  const text = formatDiagnostic(diag, { cwd: '/project', readSource: () => source });
  assert.equal(
    text,
    [
      'src/notes.bg.ts:4:17: error BG200 built-in type `Date` is not supported',
      '    2 |',
      '    3 | export interface Events {',
      '  > 4 |   sample: { at: Date };',
      '      |                 ^~~~',
      '    5 | }',
      '    6 |',
      '  hint: send an ISO-8601 string',
      '',
    ].join('\n'),
  );
});

test('absolute path outside cwd; no frame when the source cannot be read', () => {
  assert.equal(displayPath(file, '/elsewhere'), file);
  const text = formatDiagnostic(diag, { cwd: '/elsewhere', readSource: () => undefined });
  assert.equal(text, `${file}:4:17: error BG200 built-in type \`Date\` is not supported\n  hint: send an ISO-8601 string\n`);
});

test('a summary line counts errors and files; colour only when given', () => {
  const text = formatDiagnostics([diag, { ...diag, loc: { ...diag.loc, file: '/project/b.bg.ts' } }], { cwd: '/project', readSource: () => source });
  assert.match(text, /\n2 errors in 2 files\n$/);
  assert.ok(!text.includes('\u001b'));
  assert.ok(formatDiagnostics([diag], { readSource: () => source, colour: colours(true) }).includes('\u001b[31merror'));
  assert.equal(formatDiagnostics([]), '');
  const many = formatDiagnostics(Array.from({ length: 5 }, () => diag), { readSource: () => source, max: 2 });
  assert.equal(many.match(/error BG200/g)?.length, 2);
  assert.match(many, /5 errors in 1 file \(3 not shown\)\n$/);
});

test('a hostile name is shown escaped, never raw', async () => {
  const dir = sourcePath('declaration', 'fixtures', 'bad');
  const result = await readDeclaration(join(dir, 'name-nul.bg.ts'));
  assert.equal(result.ok, false);
  if (result.ok) return;
  const text = formatDiagnostics(result.diagnostics, { cwd: dir });
  assert.ok(!text.includes('\u0000'));
  assert.ok(text.includes("'sync\\u0000evil'"));
  assert.ok(readFileSync(join(dir, 'name-nul.bg.ts'), 'utf8').includes('\\0'));
});

test('a missing declaration file is a located diagnostic, not a crash', async () => {
  const result = await readDeclaration('/nonexistent/dir/x.bg.ts');
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.diagnostics[0]?.code, 'BG001');
    assert.match(formatDiagnostics(result.diagnostics), /^\/nonexistent\/dir\/x\.bg\.ts:1:1: error BG001 cannot read the declaration: it does not exist/);
  }
});

test('every diagnostic code is documented in declaration/README.md', async () => {
  const { Code } = await import('./codes.js');
  const readme = readFileSync(sourcePath('declaration', 'README.md'), 'utf8');
  for (const code of Object.values(Code)) assert.ok(readme.includes(`| ${code} |`), `${code} missing from the README table`);
});
