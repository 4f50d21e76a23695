/**
 * The desktop part of the project model: systemd units, launchd agent plists
 * and Windows Task Scheduler definitions found in the app's tree, a located
 * reader for unit files, and the `systemd-analyze verify` runner.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parsePlist, type PlistDocument } from '../../parsers/plist.js';
import { XmlParseError } from '../../parsers/xml.js';
import type { DesktopUnits, ProjectFiles } from './types.js';
import { toPosix } from './files.js';
import { perRunCache } from './memo.js';

// ------------------------------------------------------------------ discovery

/** systemd unit files (not `.in` templates of build systems). */
export function isSystemdUnitPath(p: string): boolean {
  return /\.(service|timer|socket|path)$/.test(p) && !/\/(node_modules|\.git)\//.test(toPosix(p));
}

/** launchd agent/daemon plists: in a LaunchAgents/LaunchDaemons folder, or named like reverse DNS (`com.example.sync.plist`). */
export function isLaunchdPlistPath(p: string): boolean {
  const posix = toPosix(p);
  if (!posix.endsWith('.plist') || /Info\.plist$/.test(posix)) return false;
  return /\/Launch(Agents|Daemons)\/[^/]+\.plist$/.test(posix) || /^[a-z][\w-]*(\.[\w-]+){2,}\.plist$/.test(basename(posix));
}

/** Candidate Task Scheduler XML files (the content is checked by isWindowsTaskXml). */
export function isWindowsTaskPath(p: string): boolean {
  return /(^|[\\/])[^\\/]*task[^\\/]*\.xml$/i.test(p) && !/AndroidManifest\.xml$/.test(p) && !/[\\/]res[\\/]/.test(p);
}

export function loadDesktop(paths: string[]): DesktopUnits {
  return {
    systemdUnits: paths.filter(isSystemdUnitPath),
    launchdPlists: paths.filter(isLaunchdPlistPath),
    windowsTasks: paths.filter(isWindowsTaskPath),
  };
}

/** True when the file is a Task Scheduler definition (`<Task xmlns="…/windows/2004/02/mit/task">`). */
export function isWindowsTaskXml(files: ProjectFiles, file: string): boolean {
  const head = (files.read(file) ?? '').slice(0, 2048);
  return /<Task\b[^>]*schemas\.microsoft\.com\/windows\/2004\/02\/mit\/task/.test(head);
}

// ------------------------------------------------------------------ unit files

export interface UnitEntry {
  section: string;
  key: string;
  value: string;
  line: number;
  /** Offsets of the whole line (continuations included), for fixes. */
  start: number;
  end: number;
}

export interface UnitFile {
  file: string;
  source: string;
  entries: UnitEntry[];
  /** Section name → line of its `[Header]` and the offset just past the section's last line. */
  sections: Map<string, { line: number; start: number; end: number }>;
  eol: string;
}

const unitCache = perRunCache<UnitFile | undefined>();

/** Parse a systemd unit file (cached per run): sections, `Key=value` entries with lines, continuation lines. */
export function readUnit(files: ProjectFiles, file: string): UnitFile | undefined {
  return unitCache(files, file, () => {
    const src = files.read(file);
    return src === undefined ? undefined : parseUnit(file, src);
  });
}

export function parseUnit(file: string, source: string): UnitFile {
  const entries: UnitEntry[] = [];
  const sections = new Map<string, { line: number; start: number; end: number }>();
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  let section = '';
  let pos = 0;
  let line = 0;
  while (pos < source.length) {
    const startLine = ++line;
    const start = pos;
    let nl = source.indexOf('\n', pos);
    let end = nl < 0 ? source.length : nl + 1;
    let text = source.slice(start, nl < 0 ? source.length : nl).replace(/\r$/, '');
    // Continuation lines (a trailing backslash joins the next line).
    while (/\\$/.test(text) && !/^\s*[#;]/.test(text) && end < source.length) {
      nl = source.indexOf('\n', end);
      const next = source.slice(end, nl < 0 ? source.length : nl).replace(/\r$/, '');
      text = text.slice(0, -1) + ' ' + next;
      end = nl < 0 ? source.length : nl + 1;
      line++;
    }
    pos = end;
    const t = text.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) {
      if (section) sections.get(section)!.end = t === '' ? sections.get(section)!.end : end;
      continue;
    }
    const h = /^\[([^\]]+)\]$/.exec(t);
    if (h) {
      section = h[1]!;
      if (!sections.has(section)) sections.set(section, { line: startLine, start, end });
      continue;
    }
    const eq = t.indexOf('=');
    if (eq > 0) entries.push({ section, key: t.slice(0, eq).trim(), value: t.slice(eq + 1).trim(), line: startLine, start, end });
    if (section) sections.get(section)!.end = end;
  }
  return { file, source, entries, sections, eol };
}

export function unitValues(u: UnitFile, section: string, key: string): UnitEntry[] {
  return u.entries.filter((e) => e.section === section && e.key === key);
}

/**
 * User unit or system unit? From the path (`systemd/user`, a `user` folder)
 * or the content (`default.target`, `graphical-session.target`, `%h`,
 * `systemctl --user`); `unknown` when nothing says.
 */
export function unitScope(u: UnitFile): 'user' | 'system' | 'unknown' {
  const p = toPosix(u.file);
  if (/\/systemd\/user\/|\/user\/[^/]+$|[._-]user\.(?:service|timer|socket|path)$/.test(p)) return 'user';
  if (/\/systemd\/system\/|\/system\/[^/]+$/.test(p)) return 'system';
  if (/\bgraphical-session(?:-pre)?\.target\b|%h\b|systemctl\s+--user|\bdefault\.target\b/.test(u.source)) return 'user';
  return 'unknown';
}

// ------------------------------------------------------------------ launchd

export type LaunchdPlist = { file: string; doc: PlistDocument } | { file: string; error: { line: number; column: number; message: string } };

const launchdCache = perRunCache<LaunchdPlist | undefined>();

/** Strictly parse a launchd plist, keeping the parse error's location (cached per run). */
export function readLaunchd(files: ProjectFiles, file: string): LaunchdPlist | undefined {
  return launchdCache(files, file, () => {
    const src = files.read(file);
    if (src === undefined) return undefined;
    try {
      return { file, doc: parsePlist(src) };
    } catch (e) {
      if (e instanceof XmlParseError) return { file, error: { line: e.line, column: e.column, message: e.reason } };
      if (e instanceof RangeError) return { file, error: { line: 1, column: 1, message: 'the file is too deeply nested to parse' } };
      throw e;
    }
  });
}

// ------------------------------------------------------------------ systemd-analyze verify

export interface VerifyDiagnostic {
  file: string;
  line: number;
  message: string;
  /** The command of an ExecStart= that does not exist on this machine. */
  missingCommand?: string;
}

export type VerifyResult = { ran: true; diagnostics: VerifyDiagnostic[] } | { ran: false; reason: string };

let runtimeDir: string | undefined;
/** A private 0700 XDG_RUNTIME_DIR for `systemd-analyze --user` (removed at exit). */
function privateRuntimeDir(): string {
  if (!runtimeDir) {
    runtimeDir = mkdtempSync(join(tmpdir(), 'bg-doctor-xdg-'));
    const dir = runtimeDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return runtimeDir;
}

/** Run `systemd-analyze [--user] verify` on unit files; every stderr line becomes a located diagnostic. */
export function verifyUnits(unitFiles: string[], user: boolean): Promise<VerifyResult> {
  if (unitFiles.length === 0) return Promise.resolve({ ran: true, diagnostics: [] });
  const args = [...(user ? ['--user'] : []), 'verify', ...unitFiles];
  const env = { ...process.env, XDG_RUNTIME_DIR: privateRuntimeDir(), SYSTEMD_LOG_COLOR: '0', SYSTEMD_PAGER: '' };
  return new Promise((resolve) => {
    execFile(process.env.BG_DOCTOR_SYSTEMD_ANALYZE ?? 'systemd-analyze', args, { env, timeout: 20_000, maxBuffer: 4 << 20 }, (err, _stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      if (e && e.code === 'ENOENT') return resolve({ ran: false, reason: 'systemd-analyze is not installed on this machine' });
      if (e && e.killed) return resolve({ ran: false, reason: 'systemd-analyze did not finish within 20 s' });
      resolve({ ran: true, diagnostics: parseVerifyOutput(String(stderr), unitFiles) });
    });
  });
}

export function parseVerifyOutput(stderr: string, unitFiles: string[]): VerifyDiagnostic[] {
  const out: VerifyDiagnostic[] = [];
  const byName = new Map(unitFiles.map((f) => [basename(f), f]));
  for (const raw of stderr.split('\n')) {
    const l = raw.trim();
    if (!l) continue;
    const located = /^(\/[^:]+):(\d+): (.*)$/.exec(l);
    if (located && unitFiles.includes(located[1]!)) {
      out.push({ file: located[1]!, line: Number(located[2]), message: located[3]! });
      continue;
    }
    const summary = /^Unit (\S+) has a bad unit file setting\.$/.exec(l);
    if (summary && out.some((d) => basename(d.file) === summary[1])) continue;
    const named = /^([^\s:/]+\.(?:service|timer|socket|path|target|mount)): (.*)$/.exec(l);
    const file = (named && byName.get(named[1]!)) ?? (summary && byName.get(summary[1]!)) ?? unitFiles[0]!;
    const message = named ? named[2]! : l;
    const cmd = /Command (\S+) is not executable: No such file or directory/.exec(message)?.[1];
    out.push({ file, line: 0, message, ...(cmd ? { missingCommand: cmd } : {}) });
  }
  return out;
}

export interface LaunchdAgent {
  file: string;
  doc: PlistDocument;
  /** In a LaunchAgents / LaunchDaemons folder (so it must be a complete job definition). */
  inAgentsFolder: boolean;
}

const JOB_KEYS = ['Label', 'Program', 'ProgramArguments', 'BundleProgram'];

/** The well-formed launchd job plists among `paths` (a reverse-DNS plist with none of the job keys is some other plist). */
export function launchdAgents(files: ProjectFiles, paths: string[]): LaunchdAgent[] {
  const out: LaunchdAgent[] = [];
  for (const file of paths) {
    const p = readLaunchd(files, file);
    if (!p || !('doc' in p) || p.doc.root.type !== 'dict') continue;
    const inAgentsFolder = /\/Launch(?:Agents|Daemons)\//.test(toPosix(file));
    if (!inAgentsFolder && !p.doc.root.entries.some((e) => JOB_KEYS.includes(e.key))) continue;
    out.push({ file, doc: p.doc, inAgentsFolder });
  }
  return out;
}
