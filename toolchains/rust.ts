/**
 * checkRust: `cargo check --all-targets` (JSON diagnostics), `cargo test` when
 * the crate has tests, and `rustfmt --check` on its .rs files, all against the
 * shared CARGO_TARGET_DIR that `npm run toolchains` warmed (so a generated
 * crate depending on the warm-up crate's dependency set builds incrementally).
 * Warnings fail unless allow-listed; they are read from the JSON output, so
 * RUSTFLAGS stays untouched and the cache stays valid.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import {
  type AllowedWarning,
  type CheckResult,
  type Diagnostic,
  finish,
  runTool,
  tail,
  unlocated,
} from './common.js';
import { type RustEntry, installed } from './manifest.js';

export interface RustOptions {
  /** Run `cargo test` too: true, false, or 'auto' (default: when a .rs file has a #[test]-like attribute or tests/ exists). */
  test?: boolean | 'auto';
  /** Run `rustfmt --check` (default true). */
  fmt?: boolean;
  /** rustfmt's edition (default: the crate's `edition`, else 2021). */
  edition?: string;
  /** Warnings to accept, each with a reason. */
  allowWarnings?: readonly AllowedWarning[];
  /** Seed a crate that has no Cargo.lock with the warm-up crate's (default true): same versions, cache hits. */
  seedLockfile?: boolean;
  /** Pass --offline to cargo (only crates already in the registry cache). */
  offline?: boolean;
  timeoutMs?: number;
}

/** The environment checkRust gives cargo: the shared target dir and the profile the cache was built with. */
export function cargoEnv(entry: RustEntry = installed('rust', (e) => [e.targetDir])): Record<string, string> {
  return { ...entry.env, CARGO_TARGET_DIR: entry.targetDir, CARGO_TERM_COLOR: 'never' };
}

/** The crate's .rs files (src, tests, examples, benches, build.rs), never target/. */
export function rustFiles(crateDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'target' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rs')) out.push(p);
    }
  };
  for (const sub of ['src', 'tests', 'examples', 'benches']) if (existsSync(join(crateDir, sub))) walk(join(crateDir, sub));
  if (existsSync(join(crateDir, 'build.rs'))) out.push(join(crateDir, 'build.rs'));
  return out.sort();
}

interface Span {
  file_name: string;
  line_start: number;
  column_start: number;
  is_primary: boolean;
  label: string | null;
  expansion?: { span: Span } | null;
}
interface RustcMessage {
  message: string;
  code: { code: string } | null;
  level: string;
  spans: Span[];
  children: { message: string; level: string; spans: Span[] }[];
}

/** Parse cargo's `--message-format=json` stdout; non-JSON lines (test output) are returned apart. */
export function parseCargoJson(stdout: string, crateDir: string, tool = 'rustc'): { diagnostics: Diagnostic[]; other: string[] } {
  const diagnostics: Diagnostic[] = [];
  const other: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) {
      other.push(line);
      continue;
    }
    let msg: { reason?: string; message?: RustcMessage };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      other.push(line);
      continue;
    }
    if (msg.reason !== 'compiler-message' || !msg.message) continue;
    const m = msg.message;
    const severity = m.level === 'warning' ? 'warning' : m.level === 'error' || m.level.startsWith('error') ? 'error' : null;
    if (!severity) continue;
    if (m.spans.length === 0 && /^(aborting due to|\d+ warnings? emitted|.*generated \d+ warnings?)/.test(m.message)) continue;
    let span = m.spans.find((s) => s.is_primary) ?? m.spans[0];
    // A span inside a macro from another crate: follow the expansion back to the crate's own code.
    while (span && isAbsolute(span.file_name) && !resolve(span.file_name).startsWith(resolve(crateDir)) && span.expansion) span = span.expansion.span;
    const text = [
      `${m.message}${m.code ? ` [${m.code.code}]` : ''}${span?.label ? `: ${span.label}` : ''}`,
      ...m.children.filter((c) => c.level === 'help' || c.level === 'note').map((c) => `${c.level}: ${c.message}`),
    ].join('\n');
    diagnostics.push(
      span
        ? { file: resolve(crateDir, span.file_name), line: span.line_start, column: span.column_start, severity, message: text, tool }
        : unlocated(tool, join(crateDir, 'Cargo.toml'), text, severity),
    );
  }
  return { diagnostics, other };
}

/** Cargo's own warnings on stderr (manifest problems); its progress and summaries are left out. */
function cargoStderrWarnings(stderr: string, crateDir: string): Diagnostic[] {
  return stderr
    .split('\n')
    .filter((l) => /^warning: /.test(l) && !/generated \d+ warnings?|build failed, waiting for other jobs|ignoring invalid dependency/.test(l))
    .map((l) => unlocated('cargo', join(crateDir, 'Cargo.toml'), l.slice('warning: '.length), 'warning'));
}

/** libtest's failures: `thread 'x' panicked at src/lib.rs:22:9:` followed by the message. */
export function parseTestFailures(output: string, crateDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const p = /^thread '(.+?)' (?:\(\d+\) )?panicked at (.+?):(\d+):(\d+):\s*(.*)$/.exec(lines[i]!);
    if (!p) continue;
    const msg = [p[5]!];
    for (let j = i + 1; j < lines.length && lines[j]!.trim() !== '' && !/^note: run with `RUST_BACKTRACE/.test(lines[j]!); j++) msg.push(lines[j]!);
    out.push({
      file: resolve(crateDir, p[2]!),
      line: Number(p[3]),
      column: Number(p[4]),
      severity: 'error',
      message: `test ${p[1]} failed: ${msg.filter(Boolean).join('\n')}`,
      tool: 'cargo test',
    });
  }
  return out;
}

/** rustfmt --check's `Diff in <file>:<line>:` hunks, located at their first changed line. */
export function parseRustfmtCheck(output: string, crateDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = /^Diff in (.+?)(?::| at line )(\d+):$/.exec(lines[i]!);
    if (h) {
      let line = Number(h[2]);
      const hunk: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^Diff in /.test(lines[j]!); j++) hunk.push(lines[j]!);
      const firstChange = hunk.findIndex((l) => l.startsWith('-') || l.startsWith('+'));
      line += Math.max(0, firstChange);
      const shown = hunk.filter((l) => l.startsWith('-') || l.startsWith('+')).slice(0, 8);
      out.push({
        file: resolve(crateDir, h[1]!),
        line,
        column: 1,
        severity: 'error',
        message: `not formatted as rustfmt formats it:\n${shown.join('\n')}`,
        tool: 'rustfmt',
      });
      i = j - 1;
      continue;
    }
    const e = /^error: (.*)$/.exec(lines[i]!);
    if (e) {
      const at = /^\s*--> (.+?):(\d+):(\d+)$/.exec(lines[i + 1] ?? '');
      out.push(
        at
          ? { file: resolve(crateDir, at[1]!), line: Number(at[2]), column: Number(at[3]), severity: 'error', message: e[1]!, tool: 'rustfmt' }
          : unlocated('rustfmt', crateDir, e[1]!),
      );
    }
  }
  return out;
}

function crateEdition(crateDir: string): string | undefined {
  try {
    return /^\s*edition\s*=\s*"(\d{4})"/m.exec(readFileSync(join(crateDir, 'Cargo.toml'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

function hasTests(crateDir: string, files: string[]): boolean {
  if (existsSync(join(crateDir, 'tests'))) return true;
  return files.some((f) => /#\[\s*(?:\w+::)*test\b/.test(readFileSync(f, 'utf8')));
}

/**
 * Check a crate: compile errors and warnings (all targets), failing tests,
 * formatting drift. Throws ToolchainMissingError when cargo or the warmed
 * cache is missing.
 */
export async function checkRust(crateDir: string, opts: RustOptions = {}): Promise<CheckResult> {
  const start = performance.now();
  const dir = resolve(crateDir);
  if (!existsSync(join(dir, 'Cargo.toml'))) throw new TypeError(`checkRust: no Cargo.toml in ${dir}`);
  const entry = installed('rust', (e) => [e.targetDir, e.lockfile]);
  const env = cargoEnv(entry);
  const timeoutMs = opts.timeoutMs ?? 900_000;
  const what = 'cargo (the Rust toolchain)';
  if ((opts.seedLockfile ?? true) && !existsSync(join(dir, 'Cargo.lock'))) await copyFile(entry.lockfile, join(dir, 'Cargo.lock'));
  const net = opts.offline ? ['--offline'] : [];
  const found: Diagnostic[] = [];
  const files = rustFiles(dir);

  const check = await runTool('cargo', ['check', '--all-targets', '--message-format=json', ...net], { cwd: dir, env, timeoutMs, what });
  const checked = parseCargoJson(check.stdout, dir);
  found.push(...checked.diagnostics, ...cargoStderrWarnings(check.stderr, dir));
  const compiles = check.code === 0;
  if (!compiles && !checked.diagnostics.some((d) => d.severity === 'error'))
    found.push(unlocated('cargo', join(dir, 'Cargo.toml'), `cargo check failed (${check.timedOut ? 'timed out' : `exit ${check.code ?? check.signal}`}):\n${tail(check.stderr)}`));

  const runTests = opts.test === 'auto' || opts.test === undefined ? hasTests(dir, files) : opts.test;
  if (runTests && compiles) {
    const t = await runTool('cargo', ['test', '--message-format=json', ...net], { cwd: dir, env, timeoutMs, what });
    const tested = parseCargoJson(t.stdout, dir);
    found.push(...tested.diagnostics.filter((d) => d.severity === 'error'));
    if (t.code !== 0) {
      const failures = parseTestFailures(`${tested.other.join('\n')}\n${t.stderr}`, dir);
      found.push(...failures);
      if (failures.length === 0 && !tested.diagnostics.some((d) => d.severity === 'error'))
        found.push(unlocated('cargo test', join(dir, 'Cargo.toml'), `cargo test failed (${t.timedOut ? 'timed out' : `exit ${t.code ?? t.signal}`}):\n${tail(`${tested.other.join('\n')}\n${t.stderr}`)}`));
    }
  }

  if ((opts.fmt ?? true) && files.length) {
    const edition = opts.edition ?? crateEdition(dir) ?? '2021';
    const f = await runTool('rustfmt', ['--edition', edition, '--check', '--color', 'never', ...files], { cwd: dir, timeoutMs, what: 'rustfmt (rustup component add rustfmt)' });
    let fmt = parseRustfmtCheck(`${f.stdout}\n${f.stderr}`, dir);
    // Syntax errors are already cargo's; keep rustfmt to formatting then.
    if (!compiles) fmt = fmt.filter((d) => d.message.startsWith('not formatted'));
    found.push(...fmt);
    if (f.code !== 0 && fmt.length === 0 && compiles)
      found.push(unlocated('rustfmt', dir, `rustfmt --check failed (exit ${f.code ?? f.signal}):\n${tail(f.stdout + f.stderr)}`));
  }
  return finish(found, start, opts.allowWarnings);
}
