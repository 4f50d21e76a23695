/**
 * RuleTester for bg-doctor rules, after ESLint's: each case is a small
 * project given as files (path → content) written to a temporary folder,
 * audited with the rule alone, and compared with what the case expects.
 *
 *     ruleTester(rule, {
 *       valid: [{ name: 'typed service', files: { 'app/src/main/AndroidManifest.xml': '…' }, targetSdk: 34 }],
 *       invalid: [{ files: {…}, targetSdk: 34, errors: [{ line: 3, severity: 'error', message: /FOREGROUND_SERVICE/ }],
 *                   output: { 'app/src/main/AndroidManifest.xml': '…fixed…' } }],
 *     });
 *
 * A valid case must produce no finding of the rule. An invalid case must
 * produce exactly the listed findings (matched in file/line order). With
 * `output`, the fixes are applied and the files must equal it, and the fixed
 * project must be clean for the rule. Parse errors always fail a case unless
 * it expects them.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Rule, RunSettings, Severity } from './rule.js';
import { runValidation, type RunResult } from './run.js';
import { planFixes, writePlans } from './fix.js';
import { toPosix } from './project/files.js';
import type { BgDoctorConfig } from './config.js';

export interface TestCase {
  name?: string;
  /** Relative path → content. */
  files: Record<string, string>;
  /** targetSdk to assume when the files do not set one (like `--target-sdk`). */
  targetSdk?: number;
  settings?: RunSettings;
  config?: Partial<BgDoctorConfig>;
  only?: boolean;
}

export interface ExpectedFinding {
  ruleId?: string;
  /** Relative path; defaults to any file. */
  file?: string;
  line?: number;
  column?: number;
  severity?: Severity;
  message?: string | RegExp;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedFinding[];
  /** Files after `--fix` (only the listed ones are compared). */
  output?: Record<string, string>;
}

export interface LintResult {
  dir: string;
  result: RunResult;
  /** Findings with paths relative to the temporary project. */
  findings: Array<Finding & { rel: string }>;
  cleanup(): void;
}

/** Write `files` to a temporary folder (the caller cleans up). */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bg-doctor-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** Audit an in-memory project with the given rules (default: all). */
export async function lintFiles(
  files: Record<string, string>,
  options: { rules?: readonly Rule[]; targetSdk?: number; settings?: RunSettings; config?: Partial<BgDoctorConfig> } = {},
): Promise<LintResult> {
  const dir = writeProject(files);
  const settings: RunSettings = { ...options.settings };
  if (options.targetSdk !== undefined) settings.assumeTargetSdk = options.targetSdk;
  const result = await runValidation({
    root: dir,
    rules: options.rules,
    settings,
    config: { rules: {}, ignore: [], ...options.config },
  });
  return {
    dir,
    result,
    findings: result.findings.map((f) => ({ ...f, rel: toPosix(relative(dir, f.file)) })),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function describeFindings(fs: Array<Finding & { rel: string }>): string {
  return fs.map((f) => `  ${f.rel}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n') || '  (none)';
}

function matches(f: Finding & { rel: string }, e: ExpectedFinding): boolean {
  if (e.ruleId && f.ruleId !== e.ruleId) return false;
  if (e.file && f.rel !== e.file) return false;
  if (e.line !== undefined && f.line !== e.line) return false;
  if (e.column !== undefined && f.column !== e.column) return false;
  if (e.severity && f.severity !== e.severity) return false;
  if (e.message !== undefined) {
    if (typeof e.message === 'string' ? !f.message.includes(e.message) : !e.message.test(f.message)) return false;
  }
  return true;
}

/** Register node:test cases for a rule. */
export function ruleTester(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const relevant = (fs: Array<Finding & { rel: string }>, expectParse: boolean) =>
    fs.filter((f) => f.ruleId === id || (!expectParse && (f.ruleId === 'parse-error' || f.ruleId === 'internal-error')));

  cases.valid.forEach((c, i) => {
    test(`${id} valid: ${c.name ?? `#${i + 1}`}`, { only: c.only }, async () => {
      const r = await lintFiles(c.files, { rules: [rule], targetSdk: c.targetSdk, settings: c.settings, config: c.config });
      try {
        const got = relevant(r.findings, false);
        assert.equal(got.length, 0, `expected no findings of ${id}, got:\n${describeFindings(got)}`);
      } finally {
        r.cleanup();
      }
    });
  });

  cases.invalid.forEach((c, i) => {
    test(`${id} invalid: ${c.name ?? `#${i + 1}`}`, { only: c.only }, async () => {
      const expectParse = c.errors.some((e) => e.ruleId === 'parse-error');
      const r = await lintFiles(c.files, { rules: [rule], targetSdk: c.targetSdk, settings: c.settings, config: c.config });
      try {
        const got = relevant(r.findings, expectParse);
        assert.equal(got.length, c.errors.length, `expected ${c.errors.length} finding(s), got ${got.length}:\n${describeFindings(got)}`);
        c.errors.forEach((e, k) => {
          const f = got[k]!;
          assert.ok(matches(f, { ruleId: id, ...e }), `finding #${k + 1} does not match ${JSON.stringify({ ...e, message: String(e.message) })}:\n${describeFindings([f])}`);
        });
        if (c.output) {
          const plans = planFixes(r.result.findings);
          writePlans(plans);
          for (const [rel, want] of Object.entries(c.output)) {
            assert.equal(readFileSync(join(r.dir, rel), 'utf8'), want, `fixed ${rel} differs`);
          }
          const again = await runValidation({ root: r.dir, rules: [rule], settings: { assumeTargetSdk: c.targetSdk, ...c.settings } });
          const left = again.findings.filter((f) => f.ruleId === id && f.fix);
          assert.equal(left.length, 0, `the fixed project still has fixable ${id} findings:\n${left.map((f) => f.message).join('\n')}`);
        }
      } finally {
        r.cleanup();
      }
    });
  });
}
