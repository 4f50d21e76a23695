/**
 * Finding and running the real compilers the round-trip proofs use when they
 * are there. A missing tool is never silent: the test is skipped with a
 * message saying what was looked for, and tools CI must have fail instead.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { cachePath } from '../../lib/paths.js';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function commandWorks(cmd: string, args: string[]): boolean {
  try {
    return run(cmd, args).status === 0;
  } catch {
    return false;
  }
}

/**
 * Skip `t` with a clear message, unless `requiredInCi` and CI=true, where the
 * missing tool is a failure (e.g. rustc, which every machine of the project has).
 */
export function missingTool(t: TestContext, what: string, requiredInCi: boolean): void {
  const message = `${what} — the real-toolchain round trip did NOT run`;
  if (requiredInCi && process.env.CI === 'true') throw new Error(`${message}, and CI requires it`);
  console.log(`escape: ${message}`);
  t.skip(message);
}

/**
 * The kotlinc distribution (a folder with `lib/kotlin-compiler.jar`): from
 * BG_KOTLIN_HOME, else the first one found under the toolchain cache
 * (`scripts/toolchains.mjs` installs the npm package `kotlin-compiler` there).
 */
export function findKotlinHome(): string | undefined {
  const fromEnv = process.env.BG_KOTLIN_HOME;
  if (fromEnv) return existsSync(join(fromEnv, 'lib', 'kotlin-compiler.jar')) ? fromEnv : undefined;
  return searchKotlinHome(cachePath(), 6);
}

function searchKotlinHome(dir: string, depth: number): string | undefined {
  if (existsSync(join(dir, 'lib', 'kotlin-compiler.jar'))) return dir;
  if (depth === 0) return undefined;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const sub = join(dir, name);
    try {
      if (!statSync(sub).isDirectory()) continue;
    } catch {
      continue;
    }
    const found = searchKotlinHome(sub, depth - 1);
    if (found) return found;
  }
  return undefined;
}

/** Compile `files` (name → source) with kotlinc in one call; `run` runs `MainKt` if asked. */
export function kotlinc(home: string, dir: string, files: string[]): RunResult {
  return run('java', [
    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
    '-jar', join(home, 'lib', 'kotlin-compiler.jar'),
    '-kotlin-home', home, '-nowarn', '-d', join(dir, 'out.jar'), ...files,
  ], { cwd: dir });
}

export function runKotlinMain(home: string, dir: string, mainClass: string): RunResult {
  const cp = [join(dir, 'out.jar'), join(home, 'lib', 'kotlin-stdlib.jar')].join(':');
  return run('java', ['-cp', cp, mainClass], { cwd: dir });
}

/** Write `source` as Main.kt, compile it and run its `main`: the lines it printed (asserting both steps succeed). */
export function compileAndRunKotlinMain(home: string, dir: string, source: string): string[] {
  writeFileSync(join(dir, 'Main.kt'), source);
  const c = kotlinc(home, dir, ['Main.kt']);
  assert.equal(c.status, 0, `kotlinc failed:\n${c.stderr}`);
  const r = runKotlinMain(home, dir, 'MainKt');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').slice(0, -1);
}

/** Error lines (1-based) that a compiler reported for `file`, from `file:line:col: error` / `--> file:line:col`. */
export function errorLines(output: string, file: string): Set<number> {
  const lines = new Set<number>();
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of output.matchAll(new RegExp(`${esc}:(\\d+):\\d+`, 'g'))) lines.add(Number(m[1]));
  return lines;
}
