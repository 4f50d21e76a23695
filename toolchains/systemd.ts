/**
 * verifySystemdUnit: `systemd-analyze --user verify` (works without systemd as
 * PID 1; needs XDG_RUNTIME_DIR, given a fresh 0700 folder). Bad values only
 * warn and exit 0, so ANY output on stderr fails the check.
 */
import { chmod } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type CheckResult, type Diagnostic, finish, runTool, unlocated, withTempDir } from './common.js';

export interface SystemdOptions {
  /** Verify as a user unit (default true) or a system unit. */
  user?: boolean;
  timeoutMs?: number;
}

/** Parse systemd-analyze's stderr: `/path/x.service:7: Unknown key …` lines are located, the rest are about the file. */
export function parseSystemdAnalyze(stderr: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (!line) continue;
    const severity = /ignoring|deprecated|obsolete/i.test(line) ? 'warning' : 'error';
    const m = /^(.+?):(\d+): (.*)$/.exec(line);
    if (m && resolve(m[1]!) === file) {
      out.push({ file, line: Number(m[2]), column: 1, severity, message: m[3]!, tool: 'systemd-analyze' });
      continue;
    }
    const unit = basename(file);
    const about = line.startsWith(`${unit}: `) ? line.slice(unit.length + 2) : line;
    out.push(unlocated('systemd-analyze', file, about, severity));
  }
  return out;
}

/** Verify one unit file. Throws ToolchainMissingError when systemd-analyze is not installed. */
export async function verifySystemdUnit(file: string, opts: SystemdOptions = {}): Promise<CheckResult> {
  const start = performance.now();
  const abs = resolve(file);
  return withTempDir('systemd', async (runtime) => {
    await chmod(runtime, 0o700);
    const args = [...((opts.user ?? true) ? ['--user'] : []), '--no-pager', 'verify', abs];
    const r = await runTool('systemd-analyze', args, {
      cwd: runtime,
      timeoutMs: opts.timeoutMs ?? 60_000,
      what: 'systemd-analyze (Debian package systemd)',
      env: { XDG_RUNTIME_DIR: runtime, SYSTEMD_LOG_COLOR: '0', SYSTEMD_LOG_LOCATION: '0', SYSTEMD_LOG_TIME: '0', HOME: process.env.HOME ?? join(runtime, 'home') },
    });
    const found = parseSystemdAnalyze(r.stderr, abs);
    if (r.code !== 0 && found.length === 0) found.push(unlocated('systemd-analyze', abs, `systemd-analyze verify failed (exit ${r.code ?? r.signal}) with no message`));
    return finish(found, start);
  });
}
