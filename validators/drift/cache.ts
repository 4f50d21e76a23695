/**
 * A clean drift check remembered between runs.
 *
 * Checking drift means reading the declarations with the TypeScript compiler
 * and planning the generation: ~1 s for one app, most of it loading and
 * warming the compiler, and tens of ms for each further app of a monorepo.
 * While that check runs, every file-system read it makes is recorded (files
 * with their content hash, existence probes, folder listings). When it finds
 * nothing, the record is kept; the next run for the same project root first
 * re-checks the recorded inputs (a stat, and the content hash only when the
 * stat differs or is too recent to trust) and, if none changed, the answer is
 * the same: nothing to report — no compiler, no generator. The build of
 * bg-service itself (its dist/ and templates/, by size and mtime) is part of
 * the key, so an upgrade or a rebuild re-checks everything.
 *
 * Only clean results are kept: a project with findings is analysed every
 * run, so findings and their fixes are always computed fresh.
 *
 * Where: <cache>/doctor/drift/<sha256 of the root>.json (~/.cache/bg-service,
 * or $BG_SERVICE_CACHE), never in the project. BG_DOCTOR_NO_CACHE=1 turns
 * it off. A missing or unwritable cache only costs time. The same recording,
 * by content only, is what generate keeps in the project (record.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, packageRoot, runningBundled, toPosix } from '../../lib/paths.js';

/** The project's own record of a clean check: `.bg-service/drift-check.json` (record.ts). */
export const RECORD_DIR = '.bg-service';
export const RECORD_NAME = 'drift-check.json';

const FORMAT = 2;
/** An mtime this close to the recording (ms) may hide a later edit in the same tick: trust only the content hash. */
const RACY_MS = 2000;
/** Entries kept (one per generator root: a 1,000-app monorepo has hundreds); past it, the oldest go. */
const MAX_ENTRIES = 5000;
const KEEP_ENTRIES = 4000;
let pruned = false;

/** f: a file read (content hash) · x: an existence probe (type) · d: a folder listing (hash) · r: a realpath — by content only, as the project's record keeps them (record.ts). */
export type ContentInput =
  | { k: 'f'; p: string; h: string }
  | { k: 'x'; p: string; t: 'f' | 'd' | '-' }
  | { k: 'd'; p: string; h: string }
  | { k: 'r'; p: string; v: string };

/** An input as this machine's cache keeps it: files and folders also with the stat that stood for that content. */
export type Input = Exclude<ContentInput, { k: 'f' | 'd' }> | (Extract<ContentInput, { k: 'f' | 'd' }> & { s: string });

interface Entry {
  format: number;
  build: string;
  root: string;
  recordedAt: number;
  inputs: Input[];
}

export function cacheEnabled(): boolean {
  return !process.env.BG_DOCTOR_NO_CACHE;
}

export const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex').slice(0, 32);

/** The real functions, whatever a recording has swapped in. */
export const real = {
  readFileSync: fs.readFileSync,
  existsSync: fs.existsSync,
  statSync: fs.statSync,
  lstatSync: fs.lstatSync,
  readdirSync: fs.readdirSync,
  realpathSync: fs.realpathSync,
  readdir: fs.promises.readdir,
};

function entryPath(root: string): string {
  return cachePath('doctor', 'drift', `${sha(resolve(root))}.json`);
}

function statKey(st: fs.BigIntStats): string {
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

function dirKey(st: fs.BigIntStats): string {
  return `${st.ino}:${st.mtimeNs}`;
}

function dirStat(p: string): string {
  const st = real.statSync(p, { bigint: true, throwIfNoEntry: false });
  return st ? dirKey(st) : '';
}

export function typeOf(p: string): 'f' | 'd' | '-' {
  const st = real.statSync(p, { throwIfNoEntry: false });
  return !st ? '-' : st.isDirectory() ? 'd' : 'f';
}

export function listing(p: string): string {
  return namesHash(p, real.readdirSync(p));
}

/**
 * The hash of a folder's entry names (names or Dirents, as a readdir
 * returned them). The project's record of a clean check (record.ts), which
 * generate writes into `.bg-service/` after the check listed that folder, is
 * left out, so writing it does not void what it records.
 */
function namesHash(dir: string, entries: unknown[]): string {
  let names = entries.map((e) => (typeof e === 'string' ? e : (e as fs.Dirent).name));
  if (basename(dir) === RECORD_DIR) names = names.filter((n) => n !== RECORD_NAME);
  return sha(names.sort().join('\0'));
}

let buildFileList: string[] | undefined;

/**
 * The files that make up the build of bg-service a drift check runs: bundled
 * (dist/bin, the executables users run), the whole bundle, what the reader
 * maps the package to and its trimmed default library; else the compiled
 * reader, engine, targets and editors. Plus the templates, always.
 */
function buildFiles(): string[] {
  if (buildFileList) return buildFileList;
  const dist = join(packageRoot, 'dist');
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = real.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if ((!p.startsWith(dist) || e.name.endsWith('.js') || e.name === 'define.d.ts' || e.name === 'lib.es5.d.ts') && !e.name.includes('.test.')) out.push(p);
    }
  };
  if (runningBundled) {
    walk(join(dist, 'bin'));
    for (const f of [join(dist, 'declaration', 'define.d.ts'), join(dist, 'declaration', 'lib', 'lib.es5.d.ts')]) if (real.existsSync(f)) out.push(f);
  } else for (const part of ['generator', 'templates', 'declaration', 'editors', 'escape', 'lib', join('validators', 'drift')]) walk(join(dist, part));
  walk(join(packageRoot, 'templates'));
  return (buildFileList = out.sort());
}

function packageJsonText(): string {
  try {
    return real.readFileSync(join(packageRoot, 'package.json'), 'utf8');
  } catch {
    return ''; // the files alone still identify the build
  }
}

let buildId: string | undefined;

/**
 * The build on this machine: package.json and the size and mtime of each
 * build file, so a rebuild or an upgrade never reuses an answer the old
 * build gave. Cheap (a stat each), for the machine's cache.
 */
function currentBuild(): string {
  if (buildId) return buildId;
  const lines: string[] = [];
  for (const p of buildFiles()) {
    const st = real.statSync(p, { bigint: true, throwIfNoEntry: false });
    if (st) lines.push(`${relative(packageRoot, p)}:${st.size}:${st.mtimeNs}`);
  }
  return (buildId = sha(`${packageJsonText()}\n${lines.join('\n')}`));
}

let contentId: string | undefined;

/**
 * The build by content: package.json and a hash of each build file, the
 * same on every machine that has this build (for the project's record,
 * which travels with the project). A few ms: computed only when needed.
 */
export function contentBuild(): string {
  if (contentId) return contentId;
  const lines: string[] = [];
  for (const p of buildFiles()) {
    try {
      lines.push(`${toPosix(relative(packageRoot, p))}:${sha(real.readFileSync(p))}`);
    } catch {
      // gone since listed: the rest still identify the build
    }
  }
  return (contentId = sha(`${packageJsonText()}\n${lines.join('\n')}`));
}

/** Per run (keyed by the run's ProjectFiles): inputs already checked (the same config checked for many apps). */
const verifiedByRun = new WeakMap<object, Map<string, boolean>>();

function unchanged(input: Input, recordedAt: number, verified: Map<string, boolean>): boolean {
  const key = `${input.k}\0${input.p}\0${input.k === 'r' ? input.v : input.k === 'x' ? input.t : `${input.h}\0${input.s}`}`;
  const known = verified.get(key);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    switch (input.k) {
      case 'f': {
        const st = real.statSync(input.p, { bigint: true, throwIfNoEntry: false });
        if (!st || !st.isFile()) ok = false;
        else if (statKey(st) === input.s && Number(st.mtimeNs / 1_000_000n) < recordedAt - RACY_MS) ok = true;
        else ok = sha(real.readFileSync(input.p)) === input.h;
        break;
      }
      case 'x':
        ok = typeOf(input.p) === input.t;
        break;
      case 'd': {
        // A folder's mtime changes when an entry is added, removed or renamed: stat first, list only when it moved.
        const st = real.statSync(input.p, { bigint: true, throwIfNoEntry: false });
        if (!st || !st.isDirectory()) ok = false;
        else if (dirKey(st) === input.s && Number(st.mtimeNs / 1_000_000n) < recordedAt - RACY_MS) ok = true;
        else ok = listing(input.p) === input.h;
        break;
      }
      case 'r':
        ok = real.realpathSync(input.p) === input.v;
        break;
    }
  } catch {
    ok = input.k === 'x' && input.t === '-';
  }
  verified.set(key, ok);
  return ok;
}

/**
 * True when a clean check of `root` was recorded and nothing it read has
 * changed since. `run` scopes the memo of inputs already checked (pass the
 * run's ProjectFiles: a later run in the same process checks afresh).
 */
export function knownClean(root: string, run: object): boolean {
  if (!cacheEnabled()) return false;
  let entry: Entry;
  try {
    entry = JSON.parse(real.readFileSync(entryPath(root), 'utf8')) as Entry;
  } catch {
    return false;
  }
  if (entry.format !== FORMAT || entry.root !== resolve(root) || entry.build !== currentBuild()) return false;
  let verified = verifiedByRun.get(run);
  if (!verified) verifiedByRun.set(run, (verified = new Map()));
  return entry.inputs.every((i) => unchanged(i, entry.recordedAt, verified));
}

/**
 * Reads that are not inputs of the check: the package itself (covered by the
 * build id) and code under node_modules (ts-morph, TypeScript: loaded, not
 * read as data).
 */
function ignored(p: string): boolean {
  if (p === packageRoot || p.startsWith(packageRoot + sep)) return true;
  return p.includes(`${sep}node_modules${sep}`) && /\.(?:[cm]?js|node)$/.test(p);
}

export interface RecordOptions {
  /** Given the inputs of a clean check (generate keeps them in the project too, record.ts). */
  onClean?: (inputs: Input[]) => void;
  /** False when the answer also depended on something no file holds (then it is not kept). */
  cacheable?: () => boolean;
}

/**
 * Run `check` with every file-system read it makes recorded; when it returns
 * no report (and the answer is cacheable), keep the record for `root` in this
 * machine's cache, and pass it to `onClean`.
 */
export async function recordIfClean<T>(root: string, check: () => Promise<T[]>, options: RecordOptions = {}): Promise<T[]> {
  const { onClean, cacheable } = options;
  if (!cacheEnabled() && !onClean) return check();
  const { reports, inputs, recordedAt } = await recordReads(check);
  if (reports.length === 0 && (cacheable?.() ?? true)) {
    if (cacheEnabled()) save({ format: FORMAT, build: currentBuild(), root: resolve(root), recordedAt, inputs });
    onClean?.(inputs);
  }
  return reports;
}

/**
 * Run `check` with every file-system read it makes recorded. The `fs`
 * functions the checker and the generator use are swapped (and the ES
 * module bindings re-synced) only for the duration of the call: nothing
 * else runs meanwhile (the runner runs rules one at a time, and this check
 * awaits only itself).
 */
async function recordReads<T>(check: () => Promise<T[]>): Promise<{ reports: T[]; inputs: Input[]; recordedAt: number }> {
  const recordedAt = Date.now();
  const inputs = new Map<string, Input>();
  const pathOf = (p: unknown): string | undefined =>
    typeof p === 'string' ? resolve(p) : p instanceof URL && p.protocol === 'file:' ? fileURLToPath(p) : undefined;
  const add = (arg: unknown, make: (p: string) => Input) => {
    const p = pathOf(arg);
    if (p === undefined || ignored(p)) return;
    try {
      const i = make(p);
      inputs.set(`${i.k}\0${p}`, i);
    } catch {
      inputs.set(`x\0${p}`, { k: 'x', p, t: typeOf(p) });
    }
  };
  /** Call the real function; record what it saw, an absent path included. */
  const wrap =
    <R>(fn: (...a: never[]) => R, record: (p: string, out: R) => Input) =>
    function (this: unknown, ...args: unknown[]): R {
      let out: R;
      try {
        out = (fn as (...a: unknown[]) => R).apply(this, args);
      } catch (e) {
        add(args[0], (p) => ({ k: 'x', p, t: typeOf(p) }));
        throw e;
      }
      add(args[0], (p) => record(p, out));
      return out;
    };

  const swapped: Record<string, unknown> = {
    readFileSync: wrap(real.readFileSync, (p, out: string | Buffer) => {
      const st = real.statSync(p, { bigint: true, throwIfNoEntry: false });
      return { k: 'f', p, h: sha(out), s: st ? statKey(st) : '' };
    }),
    existsSync: wrap(real.existsSync, (p, out: boolean) => ({ k: 'x', p, t: out ? typeOf(p) : '-' })),
    statSync: wrap(real.statSync, (p, out: fs.Stats | fs.BigIntStats | undefined) => ({ k: 'x', p, t: !out ? '-' : out.isDirectory() ? 'd' : 'f' })),
    lstatSync: wrap(real.lstatSync, (p) => ({ k: 'x', p, t: typeOf(p) })),
    readdirSync: wrap(real.readdirSync, (p, out: unknown[]) => ({ k: 'd', p, h: namesHash(p, out), s: dirStat(p) })),
    realpathSync: Object.assign(
      wrap(real.realpathSync, (p, out: string | Buffer) => ({ k: 'r', p, v: String(out) })),
      { native: real.realpathSync.native },
    ),
  };
  const swappedReaddir = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    try {
      const out = await (real.readdir as (...a: unknown[]) => Promise<unknown[]>).apply(this, args);
      add(args[0], (p) => ({ k: 'd', p, h: namesHash(p, out), s: dirStat(p) }));
      return out;
    } catch (e) {
      add(args[0], (p) => ({ k: 'x', p, t: typeOf(p) }));
      throw e;
    }
  };

  const target = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  const swap = (on: boolean) => {
    for (const name of Object.keys(swapped)) target[name] = on ? swapped[name] : real[name as keyof typeof real];
    promises.readdir = on ? swappedReaddir : real.readdir;
    syncBuiltinESMExports();
  };

  swap(true);
  let reports: T[];
  try {
    reports = await check();
  } finally {
    swap(false);
  }
  return { reports, inputs: [...inputs.values()], recordedAt };
}

/**
 * Remember in this machine's cache that `root` is clean: its inputs have
 * just been verified by content (the project's record held, record.ts), so
 * their stats now stand for that content.
 */
export function rememberClean(root: string, inputs: ContentInput[]): void {
  if (!cacheEnabled()) return;
  const recordedAt = Date.now();
  const withStats = inputs.map((i): Input => {
    if (i.k === 'f') {
      const st = real.statSync(i.p, { bigint: true, throwIfNoEntry: false });
      return { ...i, s: st ? statKey(st) : '' };
    }
    return i.k === 'd' ? { ...i, s: dirStat(i.p) } : i;
  });
  save({ format: FORMAT, build: currentBuild(), root: resolve(root), recordedAt, inputs: withStats });
}

function save(entry: Entry): void {
  const file = entryPath(entry.root);
  try {
    const dir = join(file, '..');
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file); // atomic: a concurrent run reads the old entry or the new one
    if (!pruned) {
      pruned = true; // once per process: listing thousands of entries per save would cost more than it saves
      prune(dir);
    }
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** Past MAX_ENTRIES, keep the newest KEEP_ENTRIES (test runs make many short-lived projects). */
function prune(dir: string): void {
  const names = real.readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names
    .map((n) => ({ n, t: real.statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - KEEP_ENTRIES)) fs.rmSync(join(dir, n), { force: true });
}
