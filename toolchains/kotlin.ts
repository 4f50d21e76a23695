/**
 * compileKotlin: kotlinc (JVM) against the real Android framework (android-all,
 * API 36) and kotlinx-coroutines, all files in one call (one JVM start, about
 * 3–4 s). Warnings fail unless allow-listed with a reason.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AllowedWarning,
  type CheckResult,
  type Diagnostic,
  finish,
  runTool,
  tail,
  unlocated,
  withTempDir,
} from './common.js';
import { installed } from './manifest.js';

export interface KotlinOptions {
  /** Warnings fail the check (default true). With false every warning is moved to `allowed`. */
  werror?: boolean;
  /** Warnings to accept, each with a reason. */
  allowWarnings?: readonly AllowedWarning[];
  /** More jars or class folders for the classpath, after android-all and coroutines. */
  classpath?: readonly string[];
  /** `-jvm-target` (default 17, what Android Gradle plugin 8 uses). */
  jvmTarget?: string;
  /** More kotlinc arguments. */
  extraArgs?: readonly string[];
  timeoutMs?: number;
}

function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  return 'java';
}

const HEADER = /^(.+?):(\d+):(\d+): (error|warning|info|exception): (.*)$/;
const BARE = /^(error|warning|exception|info): (.*)$/;
const CARET = /^\s*\^+\s*$/;

/** Parse kotlinc's `file:line:col: error: …` output (each followed by the source line and a caret line). */
export function parseKotlincOutput(text: string, cwd: string, fallbackFile: string): Diagnostic[] {
  const out: { d: Diagnostic; more: string[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const h = HEADER.exec(line);
    if (h && h[4] !== 'info') {
      const severity = h[4] === 'warning' ? 'warning' : 'error';
      out.push({
        d: { file: resolve(cwd, h[1]!), line: Number(h[2]), column: Number(h[3]), severity, message: h[5]!, tool: 'kotlinc' },
        more: [],
      });
      continue;
    }
    const b = h ? null : BARE.exec(line);
    if (b?.[1] === 'info') continue;
    if (b) {
      // "warnings found and -Werror specified" only repeats the warnings.
      if (/^warnings found and -Werror specified/.test(b[2]!)) continue;
      out.push({ d: unlocated('kotlinc', fallbackFile, b[2]!, b[1] === 'warning' ? 'warning' : 'error'), more: [] });
      continue;
    }
    if (h) continue; // info:
    out.at(-1)?.more.push(line);
  }
  return out.map(({ d, more }) => {
    while (more.length && more.at(-1)!.trim() === '') more.pop();
    // Drop the echoed source line and its caret underline.
    if (more.length && CARET.test(more.at(-1)!)) more.splice(-2, 2);
    const extra = more.map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    return extra.length ? { ...d, message: `${d.message}\n${extra.join('\n')}` } : d;
  });
}

/**
 * Compile Kotlin files for the JVM with the Android framework on the classpath.
 * Throws ToolchainMissingError when kotlinc, android-all or java is missing.
 */
export async function compileKotlin(files: readonly string[], opts: KotlinOptions = {}): Promise<CheckResult> {
  const start = performance.now();
  if (files.length === 0) throw new TypeError('compileKotlin: no files given');
  const kotlin = installed('kotlin', (e) => [e.home, e.compilerJar]);
  const maven = installed('maven', (e) => [e.androidAll, e.coroutines]);
  const abs = files.map((f) => resolve(f));
  const classpath = [maven.androidAll, maven.coroutines, ...(opts.classpath ?? [])];

  return withTempDir('kotlinc', async (dir) => {
    const args = [
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-jar',
      kotlin.compilerJar,
      '-kotlin-home',
      kotlin.home,
      '-no-reflect',
      '-jvm-target',
      opts.jvmTarget ?? '17',
      '-classpath',
      classpath.join(':'),
      '-d',
      join(dir, 'classes'),
      ...(opts.extraArgs ?? []),
      ...abs,
    ];
    const r = await runTool(javaExecutable(), args, { cwd: dir, timeoutMs: opts.timeoutMs, what: 'java (the JDK kotlinc runs on)' });
    const found = parseKotlincOutput(`${r.stdout}\n${r.stderr}`, dir, abs[0]!);
    if (r.code !== 0 && !found.some((d) => d.severity === 'error')) {
      const why = r.timedOut ? `timed out after ${Math.round(r.durationMs / 1000)} s` : `exit ${r.code ?? r.signal}`;
      found.push(unlocated('kotlinc', abs[0]!, `kotlinc failed (${why}) without a located error:\n${tail(r.stderr || r.stdout)}`));
    }
    const allow = opts.werror === false ? [{ pattern: /[^]*/, reason: 'werror: false (the caller accepts every warning)' }] : opts.allowWarnings;
    return finish(found, start, allow);
  });
}
