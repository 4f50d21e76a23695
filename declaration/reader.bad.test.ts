/**
 * The bad-input suite: every file under fixtures/bad/ is a broken declaration
 * (a folder is a multi-file case, read together) whose `// expect:` comments
 * say which diagnostic code must be reported where:
 *
 *     // expect: BG200 5:17 hint="ISO-8601" message="Date"
 *
 * Each expected diagnostic must be there with that code at that line:column,
 * reading must report failure (no model), and the formatted output must
 * name the place as file:line:col with a code frame. A case with the line
 * `// expect: nothing else` must report exactly its expectations (no
 * follow-on diagnostic about what an earlier one refused).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { Code } from './codes.js';
import { formatDiagnostics } from './diagnostics.js';
import { readDeclarations } from './reader.js';

const dir = sourcePath('declaration', 'fixtures', 'bad');

interface Expectation {
  file: string;
  code: string;
  line: number;
  column: number;
  hint?: string;
  message?: string;
}

function expectationsIn(file: string): Expectation[] {
  const out: Expectation[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ expect: (BG\d{3}) (\d+):(\d+)(.*)$/gm)) {
    const e: Expectation = { file, code: m[1]!, line: Number(m[2]), column: Number(m[3]) };
    const rest = m[4] ?? '';
    const hint = /hint=("(?:[^"\\]|\\.)*")/.exec(rest);
    const message = /message=("(?:[^"\\]|\\.)*")/.exec(rest);
    if (hint) e.hint = JSON.parse(hint[1]!);
    if (message) e.message = JSON.parse(message[1]!);
    out.push(e);
  }
  return out;
}

const cases = readdirSync(dir).sort().map((name) => {
  const path = join(dir, name);
  const files = statSync(path).isDirectory() ? readdirSync(path).sort().map((f) => join(path, f)) : [path];
  const exhaustive = files.some((f) => /^\/\/ expect: nothing else$/m.test(readFileSync(f, 'utf8')));
  return { name: name.replace(/\.bg\.ts$/, ''), declarations: files.filter((f) => f.endsWith('.bg.ts')), expectations: files.flatMap(expectationsIn), exhaustive };
});

test('the bad-input suite has at least 60 cases, each with an expectation', () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
  for (const c of cases) assert.ok(c.expectations.length > 0, `${c.name} has no // expect: line`);
});

test('every diagnostic code has at least one bad declaration (BG001, an unreadable file, is tested in diagnostics.test)', () => {
  const covered = new Set(cases.flatMap((c) => c.expectations.map((e) => e.code)));
  const missing = Object.values(Code).filter((code) => code !== Code.fileUnreadable && !covered.has(code));
  assert.deepEqual(missing, []);
});

for (const c of cases) {
  test(`bad declaration: ${c.name}`, async () => {
    const result = await readDeclarations(c.declarations);
    assert.equal(result.ok, false, `${c.name} was accepted`);
    if (result.ok) return;
    const found = result.diagnostics.map((d) => `${relative(dir, d.loc.file)} ${d.loc.line}:${d.loc.column} ${d.code} ${d.message}`);
    const text = formatDiagnostics(result.diagnostics, { cwd: dir });
    for (const e of c.expectations) {
      const match = result.diagnostics.find(
        (d) => d.code === e.code && d.loc.file === e.file && d.loc.line === e.line && d.loc.column === e.column,
      );
      assert.ok(match, `${c.name}: expected ${e.code} at ${relative(dir, e.file)}:${e.line}:${e.column}; got:\n  ${found.join('\n  ')}`);
      if (e.hint) assert.ok(match.hint?.includes(e.hint), `${c.name}: hint ${JSON.stringify(match.hint)} lacks ${JSON.stringify(e.hint)}`);
      if (e.message) assert.ok(match.message.includes(e.message), `${c.name}: message ${JSON.stringify(match.message)} lacks ${JSON.stringify(e.message)}`);
      const where = `${relative(dir, e.file)}:${e.line}:${e.column}: error ${e.code} `;
      assert.ok(text.includes(where), `${c.name}: formatted output lacks ${where}\n${text}`);
    }
    if (c.exhaustive) assert.equal(result.diagnostics.length, c.expectations.length, `${c.name}: more than expected:\n  ${found.join('\n  ')}`);
    // Every diagnostic is located inside the files it is about, with a frame.
    for (const d of result.diagnostics) {
      assert.ok(d.loc.line >= 1 && d.loc.column >= 1, `${c.name}: unlocated ${d.code}`);
      assert.ok(d.message.length > 0);
    }
    assert.match(text, /\n\s*> +\d+ \|/, `${c.name}: no code frame in\n${text}`);
  });
}
