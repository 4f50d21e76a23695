/**
 * `--help` and the README are written from the question table: every flag is
 * in the help, and the README's table is the table (regenerate it with
 * `node -e "import('./dist/create/help.js').then(m => process.stdout.write(m.questionTableMarkdown()))"`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { GLOBAL_OPTIONS } from './flags.js';
import { questionTableMarkdown, usage } from './help.js';
import { questions } from './questions.js';

test('--help names every flag, its valid values and its default', () => {
  const help = usage();
  for (const q of questions) {
    assert.ok(help.includes(`--${q.flag}`), `--${q.flag}`);
    for (const c of q.choices ?? []) assert.ok(help.includes(c.value), `${q.flag}: ${c.value}`);
    if (q.default) assert.ok(help.replace(/\s+/g, ' ').includes(q.default.text.replace(/\s+/g, ' ')), `${q.flag}: default`);
  }
  for (const name of Object.keys(GLOBAL_OPTIONS)) assert.ok(help.includes(`--${name}`), `--${name}`);
  assert.ok(help.split('\n').every((line) => line.length <= 80), 'fits 80 columns');
});

test("the README's question table is the question table", () => {
  const readme = readFileSync(sourcePath('README.md'), 'utf8');
  assert.ok(readme.includes(questionTableMarkdown()), `README.md lacks the current table:\n${questionTableMarkdown()}`);
});

test('flags and ids are unique', () => {
  assert.equal(new Set(questions.map((q) => q.flag)).size, questions.length);
  assert.equal(new Set(questions.map((q) => q.id)).size, questions.length);
  for (const q of questions) assert.ok(!(q.flag in GLOBAL_OPTIONS), `--${q.flag} is also a global option`);
});
