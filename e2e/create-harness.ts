/**
 * Running the real executables for the create-bg-service tests: the command
 * by flags (no terminal), the command in a pseudo-terminal (e2e/pty-driver.py,
 * Python's pty module: no native Node module), `generate --check`, bg-doctor,
 * and folder snapshots to prove "nothing written" and "nothing changed".
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { TestContext } from 'node:test';
import { join, relative } from 'node:path';
import { binPath, sourcePath } from '../lib/paths.js';

const CLI = (name: 'bg-doctor' | 'bg-service' | 'create-bg-service') => binPath(name);
export const CREATE = CLI('create-bg-service');

/** Plain output (no colour) and no terminal: stdin is closed, as in CI. */
const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export function run(bin: 'create-bg-service' | 'bg-service' | 'bg-doctor', args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI(bin), ...args], { cwd, encoding: 'utf8', env: ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export const create = (args: string[], cwd: string): Run => run('create-bg-service', args, cwd);

/** The same, without blocking, so independent runs can go side by side. */
export function createAsync(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [CREATE, ...args], { cwd, encoding: 'utf8', env: ENV, timeout: 120_000 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
    });
    child.stdin?.end();
  });
}

/** Every file below dir with its content and mtime; equal snapshots mean nothing was written. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // a folder that does not exist has nothing in it
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), `${statSync(p).mtimeMs} ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out;
}

export interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  file?: string;
}

/** bg-doctor's findings for the app in dir (JSON format), every severity. */
export function doctorFindings(dir: string): Finding[] {
  const r = run('bg-doctor', ['validate', '.', '-f', 'json'], dir);
  if (r.code === 2) throw new Error(`bg-doctor failed: ${r.err}`);
  const report = JSON.parse(r.out) as { apps: { findings: Finding[] }[] };
  return report.apps.flatMap((a) => a.findings);
}

/** Findings an app must have (and nothing else), and why they are right. */
export interface ExpectedFindings {
  rules: string[];
  why: string;
}

/** bg-doctor reports nothing for the app in `dir` — or exactly the `expected` rules. */
export async function assertDoctorClean(t: TestContext, dir: string, expected?: ExpectedFindings): Promise<void> {
  const findings = doctorFindings(dir);
  const name = expected ? `bg-doctor validate reports exactly ${expected.rules.join(', ')}: ${expected.why}` : 'bg-doctor validate finds nothing';
  await t.test(name, () => {
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), [...(expected?.rules ?? [])].sort(), JSON.stringify(findings, null, 2));
  });
}

/**
 * When the AppDelegate cannot be edited safely, the launch line is the user's
 * to add, and bg-doctor must keep reporting it until it is there.
 */
export const APP_DELEGATE_NOT_EDITABLE: ExpectedFindings = {
  // One root cause, one finding: the missing call. ios-bgtask-handler leaves the two task identifiers the
  // call would register to capacitor-register-at-launch instead of reporting each of them again.
  rules: ['capacitor-register-at-launch'],
  why: 'the AppDelegate could not be edited safely, so the registerAtLaunch() line is left to the user and reported until added',
};

export interface PtyStep {
  /** A regular expression matched against the output written since the previous step. */
  expect: string;
  /** Keys to type: '\r' Enter, '\u001b[B' down, ' ' toggle, '\u0003' Ctrl-C. */
  send: string;
}

export interface PtyResult {
  exit: number | null;
  signal: number | null;
  timedOutAt: number | 'exit' | null;
  /** The terminal's final screen (with scrollback), prompts drawn as the user saw them. */
  screen: string;
  stream: string;
}

export const ARROW_DOWN = '\u001b[B';
export const ENTER = '\r';

/** Run create-bg-service in a pseudo-terminal, typing `steps`; every wait has a deadline. */
export function createOnTerminal(args: string[], cwd: string, steps: PtyStep[]): PtyResult {
  const scriptDir = mkdtempSync(join(tmpdir(), 'bg-pty-'));
  const script = join(scriptDir, 'script.json');
  writeFileSync(script, JSON.stringify({ steps, timeout: 60, cols: 160, rows: 50 }));
  const driver = sourcePath('e2e', 'pty-driver.py');
  const r = spawnSync('python3', [driver, script, '--', process.execPath, CREATE, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`pty driver failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as PtyResult;
}
