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
 * it off. A missing or unwritable cache only costs time.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, packageRoot } from '../../lib/paths.js';

const FORMAT = 2;
/** An mtime this close to the recording (ms) may hide a later edit in the same tick: trust only the content hash. */
const RACY_MS = 2000;
/** Entries kept (one per generator root: a 1,000-app monorepo has hundreds); past it, the oldest go. */
const MAX_ENTRIES = 5000;
const KEEP_ENTRIES = 4000;
let pruned = false;

/** f: a file read (content hash, stat) · x: an existence probe (type) · d: a folder listing (hash, stat) · r: a realpath. */
type Input =
  | { k: 'f'; p: string; h: string; s: string }
  | { k: 'x'; p: string; t: 'f' | 'd' | '-' }
  | { k: 'd'; p: string; h: string; s: string }
  | { k: 'r'; p: string; v: string };

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

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex').slice(0, 32);

/** The real functions, whatever a recording has swapped in. */
const real = {
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

function typeOf(p: string): 'f' | 'd' | '-' {
  const st = real.statSync(p, { throwIfNoEntry: false });
  return !st ? '-' : st.isDirectory() ? 'd' : 'f';
}

function listing(p: string): string {
  return sha(real.readdirSync(p).sort().join('\0'));
}

/** The same hash from what a readdir returned (names or Dirents), without listing the folder again. */
function namesHash(entries: unknown[]): string {
  return sha(entries.map((e) => (typeof e === 'string' ? e : (e as fs.Dirent).name)).sort().join('\0'));
}

let buildId: string | undefined;

/**
 * The build of bg-service: its package.json and the size and mtime of every
 * compiled module a drift check runs and of every template, so a rebuild or
 * an upgrade never reuses an answer the old build gave.
 */
function currentBuild(): string {
  if (buildId) return buildId;
  const dist = join(packageRoot, 'dist');
  const lines: string[] = [];
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
      else if ((!p.startsWith(dist) || e.name.endsWith('.js') || e.name === 'define.d.ts' || e.name === 'lib.es5.d.ts') && !e.name.includes('.test.')) {
        const st = real.statSync(p, { bigint: true, throwIfNoEntry: false });
        if (st) lines.push(`${relative(packageRoot, p)}:${st.size}:${st.mtimeNs}`);
      }
    }
  };
  // What a drift check runs: bundled (dist/bin, the executables users run), the
  // whole bundle; else the compiled reader, engine, targets and editors.
  if (fileURLToPath(import.meta.url).startsWith(join(dist, 'bin') + sep)) {
    walk(join(dist, 'bin'));
    // What the reader maps the package to, and its trimmed default library.
    for (const f of [join(dist, 'declaration', 'define.d.ts'), join(dist, 'declaration', 'lib', 'lib.es5.d.ts')]) {
      const st = real.statSync(f, { bigint: true, throwIfNoEntry: false });
      if (st) lines.push(`${relative(packageRoot, f)}:${st.size}:${st.mtimeNs}`);
    }
  } else for (const part of ['generator', 'templates', 'declaration', 'editors', 'escape', 'lib', join('validators', 'drift')]) walk(join(dist, part));
  walk(join(packageRoot, 'templates'));
  let pkg = '';
  try {
    pkg = real.readFileSync(join(packageRoot, 'package.json'), 'utf8');
  } catch {
    // the files alone still identify the build
  }
  return (buildId = sha(`${pkg}\n${lines.sort().join('\n')}`));
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

/**
 * Run `check` with every file-system read it makes recorded; when it returns
 * no report, keep the record for `root`. The `fs` functions the checker and
 * the generator use are swapped (and the ES module bindings re-synced) only
 * for the duration of the call: nothing else runs meanwhile (the runner runs
 * rules one at a time, and this check awaits only itself).
 */
export async function recordIfClean<T>(root: string, check: () => Promise<T[]>): Promise<T[]> {
  if (!cacheEnabled()) return check();
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
    readdirSync: wrap(real.readdirSync, (p, out: unknown[]) => ({ k: 'd', p, h: namesHash(out), s: dirStat(p) })),
    realpathSync: Object.assign(
      wrap(real.realpathSync, (p, out: string | Buffer) => ({ k: 'r', p, v: String(out) })),
      { native: real.realpathSync.native },
    ),
  };
  const swappedReaddir = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    try {
      const out = await (real.readdir as (...a: unknown[]) => Promise<unknown[]>).apply(this, args);
      add(args[0], (p) => ({ k: 'd', p, h: namesHash(out), s: dirStat(p) }));
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
  if (reports.length === 0) save({ format: FORMAT, build: currentBuild(), root: resolve(root), recordedAt, inputs: [...inputs.values()] });
  return reports;
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
