/**
 * The declarations as last read by `generate`, kept in the project
 * (`.bg-service/models.json`, committed with state.json) so `bg-doctor
 * validate` can check drift without the TypeScript compiler while they have
 * not changed — on a fresh CI checkout too, where no cache exists. Loading
 * TypeScript and reading a declaration is ~0.5 s of CPU; checking this file
 * is a hash of each input.
 *
 * It holds the models the reader returned, with every path inside the
 * project stored relative to it, and the key that makes them valid: the
 * reader's build (dist/declaration/reader-id.json, a hash of the reader's
 * compiled code, its default library and the TypeScript version), the
 * declaration files in the order they were read, and the content hash of
 * every file the read parsed. Anything different — an edited declaration or
 * import, a new or removed declaration, another reader build — and the
 * snapshot is simply not used: the declarations are read again, with every
 * diagnostic. It never changes what generate writes; `generate --check`
 * does not fail for it (it is a cache, not an output).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ServiceModel } from '../declaration/model.js';
import { sourcePath, toPosix } from '../lib/paths.js';

export const SNAPSHOT_FILE = join('.bg-service', 'models.json');
const FORMAT = 1;

interface Snapshot {
  format: number;
  reader: string;
  /** Declarations, project-relative and '/'-separated, in the order they were read. */
  declarations: string[];
  /** Every file the read parsed → sha256 of its content. */
  inputs: Record<string, string>;
  models: unknown[];
}

let readerIdMemo: string | null | undefined;

/** The reader build's id, or undefined when there is none (an unbuilt source tree: no snapshots then). */
export function readerId(): string | undefined {
  if (readerIdMemo === undefined) {
    try {
      const { id } = JSON.parse(readFileSync(sourcePath('dist', 'declaration', 'reader-id.json'), 'utf8')) as { id?: unknown };
      readerIdMemo = typeof id === 'string' && id ? id : null;
    } catch {
      readerIdMemo = null;
    }
  }
  return readerIdMemo ?? undefined;
}

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** An absolute path strictly inside root (a relative string is a name, never a path here). */
function inside(root: string, p: string): boolean {
  if (!isAbsolute(p)) return false;
  const r = relative(root, p);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}

/** Paths in the project become `{ "$path": "rel/posix" }`, so the snapshot reads the same from any checkout. */
function portable(value: unknown, root: string): unknown {
  if (typeof value === 'string') return inside(root, value) ? { $path: toPosix(relative(root, value)) } : value;
  if (Array.isArray(value)) return value.map((v) => portable(v, root));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, portable(v, root)]));
  return value;
}

function local(value: unknown, root: string): unknown {
  if (Array.isArray(value)) return value.map((v) => local(v, root));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$path' && typeof o.$path === 'string') return join(root, ...o.$path.split('/'));
    return Object.fromEntries(keys.map((k) => [k, local(o[k], root)]));
  }
  return value;
}

/**
 * The snapshot of a successful read, as the text to write; undefined when
 * there can be none: no reader build id, or a file read from outside the
 * project (its path would not hold on another checkout).
 * `text(path)` gives each input's content as the reader saw it.
 */
export function snapshotText(
  root: string,
  read: { declarations: readonly string[]; inputs: readonly string[]; models: readonly ServiceModel[] },
  text: (path: string) => string | Buffer = (p) => readFileSync(p),
): string | undefined {
  const reader = readerId();
  if (!reader) return undefined;
  const all = [...read.declarations.map((d) => resolve(d)), ...read.inputs];
  if (!all.every((p) => inside(root, p))) return undefined;
  const inputs: Record<string, string> = {};
  for (const p of [...new Set(all)].sort()) inputs[toPosix(relative(root, p))] = sha(text(p));
  const snapshot: Snapshot = {
    format: FORMAT,
    reader,
    declarations: read.declarations.map((d) => toPosix(relative(root, resolve(d)))),
    inputs,
    models: read.models.map((m) => portable(m, root)),
  };
  return JSON.stringify(snapshot, null, 1) + '\n';
}

/**
 * The models recorded for exactly these declarations, when the snapshot is
 * there, from this reader build, and every input still has the content it
 * had; else undefined (read the declarations).
 */
export function loadSnapshot(root: string, declarations: readonly string[]): ServiceModel[] | undefined {
  const reader = readerId();
  if (!reader) return undefined;
  let s: Snapshot;
  try {
    s = JSON.parse(readFileSync(join(root, SNAPSHOT_FILE), 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (!s || s.format !== FORMAT || s.reader !== reader || !Array.isArray(s.declarations) || !Array.isArray(s.models) || !s.inputs || typeof s.inputs !== 'object') return undefined;
  const wanted = declarations.map((d) => toPosix(relative(root, resolve(d))));
  if (wanted.length !== s.declarations.length || wanted.some((d, i) => d !== s.declarations[i])) return undefined;
  for (const [rel, hash] of Object.entries(s.inputs)) {
    let content: Buffer;
    try {
      content = readFileSync(join(root, ...rel.split('/')));
    } catch {
      return undefined;
    }
    if (sha(content) !== hash) return undefined;
  }
  return local(s.models, root) as ServiceModel[];
}
