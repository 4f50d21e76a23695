/**
 * What every checker shares: the located Diagnostic, the result shape, the
 * allow-list for warnings, running a tool as a child process, and the error
 * thrown when a toolchain is not installed (never a silent pass).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cachePath } from '../lib/paths.js';

export type Severity = 'error' | 'warning';

/**
 * One finding, located in the checked (generated) file. `line` and `column`
 * are 1-based; `line: 0, column: 0` means the tool gave no location (then
 * `file` is the file or folder the check was about). `file` is absolute.
 */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Which tool said it: kotlinc, rustc, cargo, cargo test, rustfmt, tree-sitter, tsc, systemd-analyze, plistlib, saxes. */
  tool: string;
}

/** A warning pattern a caller accepts, with the reason why (kept in the result). */
export interface AllowedWarning {
  /** Matched against the diagnostic's message (a string matches as a substring). */
  pattern: RegExp | string;
  reason: string;
}

export interface CheckResult {
  /** False when any diagnostic is left; warnings count unless allow-listed. */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Warnings dropped by the caller's allow-list, each with the reason given. */
  allowed: { diagnostic: Diagnostic; reason: string }[];
  durationMs: number;
}

/** The one fix for a missing toolchain. */
export const INSTALL_HINT = 'run `npm run toolchains` (installs into the cache outside the clone; see scripts/toolchains.mjs)';

/** Thrown (never a skip) when a checker's tool or library is not installed. */
export class ToolchainMissingError extends Error {
  override readonly name = 'ToolchainMissingError';
  constructor(
    readonly what: string,
    detail = '',
  ) {
    super(`${what} is missing${detail ? ` (${detail})` : ''}: ${INSTALL_HINT}. Cache: ${cachePath()}`);
  }
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Kill the tool after this long and report it (default 10 minutes). */
  timeoutMs?: number;
  /** What to call the tool in a ToolchainMissingError when the command is not found. */
  what?: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** Run a tool to completion, capturing both streams. A missing executable throws ToolchainMissingError. */
export function runTool(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const start = performance.now();
  // spawn reports a missing cwd as ENOENT too; that is not a missing tool.
  if (opts.cwd && !existsSync(opts.cwd)) return Promise.reject(new Error(`${cmd}: the folder to run in does not exist: ${opts.cwd}`));
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 600_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') fail(new ToolchainMissingError(opts.what ?? cmd, `\`${cmd}\` was not found on PATH`));
      else fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        durationMs: performance.now() - start,
      });
    });
  });
}

/** A diagnostic the tool gave without a location. */
export function unlocated(tool: string, file: string, message: string, severity: Severity = 'error'): Diagnostic {
  return { file: resolve(file), line: 0, column: 0, severity, message, tool };
}

/** The last lines of a tool's output, for a diagnostic when nothing could be parsed. */
export function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * The checker's verdict: drop duplicate findings, apply the warning allow-list,
 * sort by file and position. `ok` is true only when nothing is left, so a
 * warning fails unless a caller allowed it with a reason.
 */
export function finish(found: Diagnostic[], start: number, allow: readonly AllowedWarning[] = []): CheckResult {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const allowed: CheckResult['allowed'] = [];
  for (const d of found) {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.severity}\0${d.message}\0${d.tool}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule =
      d.severity === 'warning'
        ? allow.find((a) => (typeof a.pattern === 'string' ? d.message.includes(a.pattern) : a.pattern.test(d.message)))
        : undefined;
    if (rule) allowed.push({ diagnostic: d, reason: rule.reason });
    else diagnostics.push(d);
  }
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { ok: diagnostics.length === 0, diagnostics, allowed, durationMs: performance.now() - start };
}

/** A throw-away directory for one check, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `bg-${prefix}-`));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `file:line:col` for messages and test failures. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.line ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${at}: ${d.severity}: ${d.message} [${d.tool}]`;
}
