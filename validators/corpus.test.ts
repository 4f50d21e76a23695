/**
 * The corpus of real projects (../shared/corpus, or $BG_CORPUS_DIR): every
 * case must report each expected finding (rule, file, line, severity) and no
 * error at any trap's file and line — other than an expected finding that
 * shares the line (a trap documents what must NOT be reported; an expected
 * finding on the same line is still required). The corpus is read in place
 * and never modified.
 *
 * Each case is audited with the case's `targetSdk` as the assumed targetSdk
 * (the build files are not part of the corpus; `--target-sdk` does the same).
 * A case whose expected rule is not implemented fails and names the rule.
 * Without the corpus folder the test is skipped with a notice — except under
 * CI=true, where a missing corpus is a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedPath } from '../lib/paths.js';
import { runValidation } from './run.js';
import { RULES } from './rules/index.js';
import { toPosix } from './project/files.js';

interface CaseFile {
  id: string;
  targetSdk: number | null;
  expected: Array<{ rule: string; severity: string; file: string; line: number; why?: string }>;
  traps: Array<{ file: string; line: number; why?: string }>;
}

const corpus = process.env.BG_CORPUS_DIR ?? sharedPath('corpus');
const present = existsSync(corpus);

if (!present) {
  if (process.env.CI === 'true') {
    test('corpus is present', () => {
      assert.fail(`the corpus folder ${corpus} does not exist (set BG_CORPUS_DIR); under CI=true it is required`);
    });
  } else {
    process.stdout.write(`# NOTICE: corpus folder ${corpus} not found; the corpus test is skipped (set BG_CORPUS_DIR)\n`);
    test('corpus', { skip: `corpus folder ${corpus} not found` }, () => {});
  }
} else {
  const ids = readdirSync(corpus)
    .filter((d) => existsSync(join(corpus, d, 'case.json')))
    .sort();
  test('corpus has cases', () => assert.ok(ids.length > 0, `no case.json under ${corpus}`));

  test('corpus as one monorepo: one app per case, nothing leaks between cases', async () => {
    const result = await runValidation({ root: corpus });
    assert.equal(result.internalErrors, 0);
    const names = result.apps.map((a) => a.name).sort();
    assert.equal(names.length, ids.length, `apps found: ${names.join(', ')}`);
    for (const id of ids) assert.equal(names.filter((n) => n === id || n.startsWith(`${id}/`)).length, 1, `case ${id} is one app (apps: ${names.join(', ')})`);
    for (const a of result.apps) {
      const caseId = a.name.split('/')[0];
      for (const f of a.findings) assert.equal(toPosix(relative(corpus, f.file)).split('/')[0], caseId, `${a.name}: finding in another case's file ${f.file}`);
    }
  });
  const implemented = new Set(RULES.map((r) => r.meta.id));

  for (const id of ids) {
    test(`corpus: ${id}`, async () => {
      const c = JSON.parse(readFileSync(join(corpus, id, 'case.json'), 'utf8')) as CaseFile;
      const root = join(corpus, id, 'files');
      const missingRules = [...new Set(c.expected.map((e) => e.rule))].filter((r) => !implemented.has(r));
      assert.deepEqual(missingRules, [], `case ${id} needs rule(s) not implemented yet: ${missingRules.join(', ')}`);

      const result = await runValidation({ root, settings: c.targetSdk !== null ? { assumeTargetSdk: c.targetSdk } : {} });
      const found = result.findings.map((f) => ({ ...f, rel: toPosix(relative(root, f.file)) }));
      const show = () => found.map((f) => `  ${f.severity} ${f.ruleId} ${f.rel}:${f.line} ${f.message}`).join('\n') || '  (no findings)';

      assert.equal(result.internalErrors, 0, `a rule crashed on ${id}:\n${show()}`);
      const problems: string[] = [];
      for (const e of c.expected) {
        const hit = found.find((f) => f.ruleId === e.rule && f.rel === e.file && f.line === e.line && f.severity === e.severity);
        if (!hit) problems.push(`missing expected ${e.severity} ${e.rule} at ${e.file}:${e.line}`);
      }
      for (const t of c.traps) {
        const bad = found.filter(
          (f) =>
            f.rel === t.file &&
            f.line === t.line &&
            f.severity === 'error' &&
            !c.expected.some((e) => e.rule === f.ruleId && e.file === f.rel && e.line === f.line),
        );
        for (const b of bad) problems.push(`trap hit: error ${b.ruleId} at ${t.file}:${t.line} (${t.why?.slice(0, 120) ?? ''})`);
      }
      const parse = found.filter((f) => f.ruleId === 'parse-error');
      for (const p of parse) problems.push(`parse error in a real project file: ${p.rel}:${p.line} ${p.message}`);
      assert.deepEqual(problems, [], `${id}:\n${problems.join('\n')}\nfindings:\n${show()}`);
    });
  }
}
