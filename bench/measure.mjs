// Timing whole commands: each run is a spawned process, wall time measured
// around it here, peak memory (max RSS) and CPU time (user + sys) from GNU
// time's report of the same process (`/usr/bin/time -f '%M %U %S' -o file`).
// Cases given together run interleaved (A B C, A B C, …) so that a change of
// machine load hits all of them alike and the ratios of one run stay fair.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** Make sure GNU time is there (Debian package `time`); install it when root. Returns whether memory can be measured. */
export function ensureGnuTime(log = console.error) {
  if (gnuTimeWorks()) return true;
  if (process.getuid?.() === 0) {
    log('bench: installing GNU time (Debian package "time") to measure peak memory…');
    spawnSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!gnuTimeWorks()) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      spawnSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    if (gnuTimeWorks()) return true;
  }
  log('bench: GNU time (/usr/bin/time) is not available: peak memory and CPU time are not measured (install the Debian package "time").');
  return false;
}

function gnuTimeWorks() {
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr ?? '');
}

let withTime = false;
let reportDir;
export function useGnuTime(on) {
  withTime = on;
  reportDir ??= mkdtempSync(join(tmpdir(), 'bg-bench-time-'));
  process.on('exit', () => rmSync(reportDir, { recursive: true, force: true }));
}

/**
 * Run one command once. Returns { ms, rssKb, cpuMs, status, stdout, stderr }.
 * `cmd` is [executable, ...args]; options: cwd, env.
 */
export function runOnce(cmd, { cwd, env } = {}) {
  const report = withTime ? join(reportDir, 'r.txt') : undefined;
  const [exe, ...args] = withTime ? [GNU_TIME, '-f', '%M %U %S', '-o', report, ...cmd] : cmd;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, args, { cwd, env: env ? { ...process.env, ...env } : process.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  let rssKb;
  let cpuMs;
  if (report) {
    // GNU time writes "Command exited with non-zero status N" before the figures.
    const line = readFileSync(report, 'utf8').trim().split('\n').pop() ?? '';
    const [m, u, s] = line.split(' ').map(Number);
    rssKb = m;
    cpuMs = (u + s) * 1000;
  }
  return { ms, rssKb, cpuMs, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Measure cases interleaved. Each case: { id, cmd, cwd?, env?, setup?(i) → {cwd?, env?}, check?(result, i) → string|undefined,
 * ok?: number[] (accepted exit codes, default [0]) }. `warmup` untimed rounds first (file cache, lazy installs).
 * Returns Map id → { runs: [...], stats }.
 */
export function measure(cases, { runs, warmup = 1, log = () => {} }) {
  const out = new Map(cases.map((c) => [c.id, { case: c, runs: [], problems: [] }]));
  for (let round = -warmup; round < runs; round++) {
    for (const c of cases) {
      const prepared = c.setup ? c.setup(round) ?? {} : {};
      const r = runOnce(c.cmd, { cwd: prepared.cwd ?? c.cwd, env: prepared.env ?? c.env });
      const entry = out.get(c.id);
      const okCodes = c.ok ?? [0];
      let problem = okCodes.includes(r.status) ? undefined : `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 5).join(' / ')}`;
      problem ??= c.check?.(r, round, prepared);
      if (problem && !entry.problems.includes(problem)) entry.problems.push(problem);
      if (round >= 0) entry.runs.push(r);
      c.after?.(round, prepared, r);
    }
    log(round);
  }
  for (const entry of out.values()) entry.stats = stats(entry.runs);
  return out;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function stats(runs) {
  const ms = runs.map((r) => r.ms);
  const rss = runs.map((r) => r.rssKb).filter((x) => x !== undefined);
  const cpu = runs.map((r) => r.cpuMs).filter((x) => x !== undefined);
  return {
    n: runs.length,
    median: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    cpuMedian: cpu.length ? median(cpu) : undefined,
    rssMedianMb: rss.length ? median(rss) / 1024 : undefined,
    rssMaxMb: rss.length ? Math.max(...rss) / 1024 : undefined,
  };
}
