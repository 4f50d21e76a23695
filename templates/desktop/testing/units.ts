/**
 * Checks of the unit files a runner renders at install time (the Rust runner
 * writes them from its generated tests, the Node runner from its module),
 * shared by the desktop tests and the matrix: systemd-analyze, plistlib and
 * an XML parser accept them, and they say what the declaration says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DesktopModel } from '../../../declaration/model.js';
import { dictGet, parsePlist, stringArray, toPlain } from '../../../parsers/plist.js';
import { binPath } from '../../../lib/paths.js';
import { runTool } from '../../../toolchains/common.js';
import { type CheckResult, formatDiagnostic, verifyPlist, verifySystemdUnit, verifyXml } from '../../../toolchains/index.js';

/** What systemd refuses in an executable path (so the runner must refuse it too). */
export const SYSTEMD_UNRUNNABLE = /[\x00-\x1f\x7f"'\\]/;

function problems(r: CheckResult): string[] {
  return r.diagnostics.map(formatDiagnostic);
}

/**
 * Verify `<dir>/<label>.service|.plist|.task.xml` rendered to start
 * `command` (the program, and a script for Node) followed by
 * `--bg-service <label> --bg-data-dir <absolute folder>`; returns the
 * problems found (empty when all is well).
 */
export async function checkRenderedUnits(dir: string, label: string, command: readonly string[], desktop: DesktopModel): Promise<string[]> {
  const program = command[0]!;
  const out: string[] = [];
  const service = join(dir, `${label}.service`);
  if (SYSTEMD_UNRUNNABLE.test(program)) {
    if (!existsSync(`${service}.error`)) out.push(`${service}: expected a refusal for the executable ${JSON.stringify(program)}`);
  } else if (!existsSync(service)) {
    out.push(`${service}: missing (${existsSync(`${service}.error`) ? readFileSync(`${service}.error`, 'utf8') : 'no error either'})`);
  } else {
    out.push(...problems(await verifySystemdUnit(service)));
    const text = readFileSync(service, 'utf8');
    const want = [
      'WantedBy=default.target',
      '# Runs with your session. To run at boot and after logout: loginctl enable-linger "$USER"',
      ...(desktop.keepAlive ? ['Restart=on-failure', 'RestartSec=5'] : ['Restart=no']),
    ];
    for (const line of want) if (!text.split('\n').includes(line)) out.push(`${service}: no line ${line}`);
  }
  const plist = join(dir, `${label}.plist`);
  out.push(...problems(await verifyPlist(plist)));
  try {
    const root = parsePlist(readFileSync(plist, 'utf8'), plist).root;
    const stem = basename(plist, '.plist');
    const got = {
      label: toPlain(dictGet(root, 'Label')!),
      programArguments: stringArray(dictGet(root, 'ProgramArguments')),
      runAtLoad: toPlain(dictGet(root, 'RunAtLoad')!),
      keepAlive: toPlain(dictGet(root, 'KeepAlive')!),
      stdout: toPlain(dictGet(root, 'StandardOutPath')!),
    };
    const dataDir = got.programArguments[command.length + 3] ?? '';
    const expected = {
      label: stem,
      programArguments: [...command, '--bg-service', label, '--bg-data-dir', dataDir],
      runAtLoad: desktop.autostart,
      keepAlive: desktop.keepAlive ? { SuccessfulExit: false } : false,
      stdout: got.stdout,
    };
    if (JSON.stringify(got) !== JSON.stringify(expected)) out.push(`${plist}: ${JSON.stringify(got)} is not ${JSON.stringify(expected)}`);
    if (typeof got.stdout !== 'string' || !got.stdout.startsWith('/')) out.push(`${plist}: StandardOutPath is not absolute`);
    if (!dataDir.startsWith('/')) out.push(`${plist}: the data folder ${JSON.stringify(dataDir)} is not absolute`);
  } catch (e) {
    out.push(`${plist}: ${(e as Error).message}`);
  }
  const task = join(dir, `${label}.task.xml`);
  out.push(...problems(await verifyXml(task)));
  const xml = readFileSync(task, 'utf8');
  if (desktop.autostart !== xml.includes('<LogonTrigger>')) out.push(`${task}: LogonTrigger does not follow autostart`);
  if (desktop.keepAlive !== xml.includes('<RestartOnFailure>')) out.push(`${task}: RestartOnFailure does not follow keepAlive`);
  return out;
}

/**
 * Split a Windows command line the way CommandLineToArgvW and the Microsoft
 * C runtime do (2008+ rules): 2n backslashes before a quote are n
 * backslashes and the quote toggles quoting; 2n+1 are n and a literal quote;
 * backslashes elsewhere are literal; `""` inside quotes is a literal quote.
 */
export function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) return args;
    let arg = '';
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t'))) {
      let backslashes = 0;
      while (line[i] === '\\') {
        backslashes++;
        i++;
      }
      if (line[i] === '"') {
        arg += '\\'.repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 === 1) {
          arg += '"';
          i++;
        } else if (quoted && line[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else {
        arg += '\\'.repeat(backslashes);
        if (i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t'))) arg += line[i++];
      }
    }
    args.push(arg);
  }
}

/** A finding bg-doctor may report on rendered units, with the reason it is right to stay. */
export interface AllowedFinding {
  rule: string;
  /** Only for files whose path matches. */
  file?: RegExp;
  reason: string;
}

/**
 * Run the real `bg-doctor validate` over a folder of rendered units (its
 * systemd-*, launchd-* and windows-task rules); every finding not allowed is
 * returned as a problem.
 */
export async function doctorProblems(dir: string, allowed: readonly AllowedFinding[]): Promise<string[]> {
  const cli = binPath('bg-doctor');
  const r = await runTool(process.execPath, [cli, 'validate', '.', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
  if (r.code !== 0 && r.code !== 1) return [`bg-doctor exited ${r.code}: ${r.stderr || r.stdout}`];
  const report = JSON.parse(r.stdout) as { summary: { internalErrors: number }; apps: Array<{ findings: Array<{ ruleId: string; severity: string; file?: string; message: string }> }> };
  const out = report.summary.internalErrors ? [`bg-doctor had ${report.summary.internalErrors} internal error(s)`] : [];
  for (const f of report.apps.flatMap((a) => a.findings)) {
    if (allowed.some((a) => a.rule === f.ruleId && (!a.file || a.file.test(f.file ?? '')))) continue;
    out.push(`${f.file ?? dir}: ${f.ruleId} (${f.severity}): ${f.message}`);
  }
  return out;
}

/** What bg-doctor rightly says about every rendered unit set. */
export const ALWAYS_ALLOWED: readonly AllowedFinding[] = [
  { rule: 'windows-task', reason: 'an info finding on every Task Scheduler file: schtasks can only validate it on Windows' },
];

/** For a declaration with neither autostart nor keepAlive: the agent is started on demand (`launchctl kickstart`). */
export const ON_DEMAND_AGENT: AllowedFinding = {
  rule: 'launchd-persistence',
  file: /\.plist$/,
  reason: 'without autostart or keepAlive the agent is loaded at install and login but started only by the app (startOsService runs `launchctl kickstart`)',
};
