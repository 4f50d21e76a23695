/**
 * The generator engine: from models to a complete, in-memory set of changes,
 * then (only if nothing stands in the way) to disk.
 *
 * Order of work, so that a failure anywhere writes nothing:
 *   plan every target → compare with disk and the state file → collect
 *   conflicts → (check | dry-run | write).
 * Writes are per-file atomic and only for files whose bytes change, so a
 * no-op run leaves every mtime untouched.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceModel } from '../declaration/model.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { buildContext, type GenerationContext } from './context.js';
import { contributionKind, type Contribution } from './contributions.js';
import type { HostProject } from './host.js';
import { contentHash, readHeader, withHeader } from './ownership.js';
import { SNAPSHOT_FILE } from './snapshot.js';
import {
  readState,
  serializeState,
  STATE_FILE,
  type ContributionRecord,
  type GeneratorState,
  type ServiceState,
} from './state.js';
import type { Target } from './target.js';
import { toPosix } from './context.js';

export type ChangeKind = 'create' | 'update' | 'delete';

/** Whose file a change is to. */
export type FileRole =
  /** A generated file the engine owns (written, rewritten, or deleted when no longer generated). */
  | 'glue'
  /** A user implementation file, created once. */
  | 'implementation'
  /** A file the user owns, where the engine adds or removes contributions. */
  | 'user-owned'
  /** The engine's own state file. */
  | 'state'
  /** The declarations as read (snapshot.ts): a cache for bg-doctor, never an output `--check` requires. */
  | 'snapshot';

/** One contribution the change adds to or removes from a user-owned file. */
export interface ContributionChange {
  action: 'add' | 'remove';
  /** The service that wants it (add) or had added it (remove). */
  service: string;
  kind: string;
  key: string;
  data: Record<string, unknown>;
  /** The kind's description, e.g. `<uses-permission android.permission.FOREGROUND_SERVICE>`. */
  description: string;
}

export interface FileChange {
  /** Project-relative, '/'-separated. */
  path: string;
  kind: ChangeKind;
  before?: string;
  after?: string;
  /** What the change is for, e.g. `glue`, `user file`, `3 manifest entries`. */
  why: string;
  role: FileRole;
  /** For a user-owned file: the contributions that change it, in the order they were applied. */
  contributions?: ContributionChange[];
}

export interface Conflict {
  path: string;
  reason: string;
}

export interface GenerationResult {
  changes: FileChange[];
  conflicts: Conflict[];
  /** Problems that stop generation (e.g. an unresolvable identifier), located in the declaration. */
  errors: Array<{ code: string; message: string; hint?: string; loc: { file: string; line: number; column: number } }>;
  notes: string[];
  /** Paths the engine left alone because they are the user's (created before). */
  keptUserFiles: string[];
}

export interface GenerateOptions {
  host: HostProject;
  models: ServiceModel[];
  targets: Target[];
  /** Overwrite glue files edited by hand, and files not made by bg-service. */
  force?: boolean;
  /**
   * Treat services in the state file that are not among `models` as removed
   * (their files and contributions are deleted). True when every declaration
   * of the project was read.
   */
  pruneMissingServices?: boolean;
  /**
   * The text of `.bg-service/models.json` (snapshot.ts snapshotText) to keep
   * beside the state; absent: the file is left as it is.
   */
  snapshot?: string;
}

function readText(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

function recordKey(c: { file: string; kind: string; key: string }): string {
  return `${c.file}\0${c.kind}\0${c.key}`;
}

/** Plan every change for `models`; touches nothing on disk. */
export function planGeneration(opts: GenerationOptionsInternal): GenerationResult {
  const { host, models, targets } = opts;
  const root = host.root;
  const oldState = readState(root);
  const newState: GeneratorState = { version: 1, services: { ...oldState.services } };
  const result: GenerationResult = { changes: [], conflicts: [], errors: [], notes: [], keptUserFiles: [] };

  // Working copies of every file touched, so several services/contributions
  // editing one file compose; `original` remembers what is on disk.
  const original = new Map<string, string | undefined>();
  const working = new Map<string, string | undefined>();
  const why = new Map<string, Set<string>>();
  const roles = new Map<string, FileRole>();
  const contributionChanges = new Map<string, ContributionChange[]>();
  const load = (path: string): string | undefined => {
    if (!working.has(path)) {
      const text = readText(root, path);
      original.set(path, text);
      working.set(path, text);
    }
    return working.get(path);
  };
  const put = (path: string, content: string | undefined, reason: string, role: FileRole) => {
    load(path);
    roles.set(path, role);
    working.set(path, content);
    let set = why.get(path);
    if (!set) why.set(path, (set = new Set()));
    set.add(reason);
  };

  const contexts: GenerationContext[] = [];
  for (const model of models) {
    const built = buildContext(model, host);
    if (!built.ok) result.errors.push(built.diagnostic);
    else contexts.push(built.ctx);
  }
  if (result.errors.length) return result;

  const planned = new Map<string, { ctx: GenerationContext; glue: Map<string, string>; user: Map<string, string>; contributions: Contribution[] }>();
  const claimedBy = new Map<string, string>();
  for (const ctx of contexts) {
    const glue = new Map<string, string>();
    const user = new Map<string, string>();
    const contributions: Contribution[] = [];
    for (const target of targets) {
      if (!target.applies(ctx)) continue;
      const reserved = new Set(target.reservedTypeNames?.(ctx) ?? []);
      for (const t of ctx.model.types) {
        if (!reserved.has(t.name)) continue;
        result.errors.push({
          code: 'BG305',
          message: `type name '${t.name}' clashes with a name the generated ${target.id} code uses itself`,
          hint: `rename it (for example ${ctx.model.names.pascal}${t.name} or ${t.name}Info)`,
          loc: t.loc,
        });
      }
      const out = target.plan(ctx);
      for (const f of out.files) {
        const owner = claimedBy.get(f.path);
        if (owner && owner !== ctx.model.names.kebab) {
          result.conflicts.push({ path: f.path, reason: `generated by both "${owner}" and "${ctx.model.names.kebab}"` });
        }
        claimedBy.set(f.path, ctx.model.names.kebab);
        (f.owner === 'glue' ? glue : user).set(f.path, f.owner === 'glue' ? withHeader(f.path, f.content, ctx.declarationPath) : f.content);
      }
      contributions.push(...out.contributions);
      result.notes.push(...out.notes);
    }
    planned.set(ctx.model.names.kebab, { ctx, glue, user, contributions });
  }
  if (result.errors.length) return result;

  // Contribution keys every planned service wants, and those any service
  // added before: an entry shared by two services stays while either wants it.
  const wantedByAny = new Set([...planned.values()].flatMap((p) => p.contributions.map(recordKey)));
  const ownedBefore = new Set(Object.values(oldState.services).flatMap((s) => s.contributions.map(recordKey)));

  // Services that were generated before and are gone now.
  const removedServices = opts.pruneMissingServices
    ? Object.keys(oldState.services).filter((name) => !planned.has(name))
    : [];

  const checkOwnedBeforeRewrite = (path: string, disk: string, previousHash: string | undefined): string | undefined => {
    const header = readHeader(disk);
    if (header) return header.recorded === header.actual ? undefined : 'edited by hand since it was generated';
    if (previousHash !== undefined) return contentHash(disk) === previousHash ? undefined : 'edited by hand since it was generated';
    return 'exists and was not generated by bg-service';
  };

  for (const [name, p] of planned) {
    const old: ServiceState | undefined = oldState.services[name];
    const state: ServiceState = { declaration: p.ctx.declarationPath, files: {}, userFiles: [], contributions: [] };

    for (const [path, content] of p.glue) {
      state.files[path] = contentHash(content);
      const disk = load(path);
      if (disk === content) continue;
      if (disk !== undefined && !opts.force) {
        const problem = checkOwnedBeforeRewrite(path, disk, old?.files[path]);
        if (problem) {
          result.conflicts.push({ path, reason: problem });
          continue;
        }
      }
      put(path, content, 'generated', 'glue');
    }

    for (const [path, content] of p.user) {
      state.userFiles.push(path);
      if (load(path) === undefined) put(path, content, 'your implementation (created once)', 'implementation');
      else result.keptUserFiles.push(path);
    }

    // Stale glue: owned before, not planned now.
    for (const path of Object.keys(old?.files ?? {})) {
      if (p.glue.has(path)) continue;
      deleteOwned(path, old!.files[path]!);
    }

    applyContributions(name, p.contributions, old?.contributions ?? [], state);
    newState.services[name] = state;
  }

  for (const name of removedServices) {
    const old = oldState.services[name]!;
    for (const [path, hash] of Object.entries(old.files)) deleteOwned(path, hash);
    applyContributions(name, [], old.contributions, undefined);
    delete newState.services[name];
    result.notes.push(`service "${name}" is no longer declared: its generated files were removed (your implementation files were kept)`);
  }

  function deleteOwned(path: string, hash: string) {
    const disk = load(path);
    if (disk === undefined) return;
    if (!opts.force) {
      const problem = checkOwnedBeforeRewrite(path, disk, hash);
      if (problem) {
        result.conflicts.push({ path, reason: `${problem}; it is no longer generated, so it would be deleted` });
        return;
      }
    }
    put(path, undefined, 'no longer generated', 'glue');
  }

  function noteContribution(file: string, action: ContributionChange['action'], service: string, c: { kind: string; key: string; data: Record<string, unknown> }) {
    let list = contributionChanges.get(file);
    if (!list) contributionChanges.set(file, (list = []));
    list.push({ action, service, kind: c.kind, key: c.key, data: c.data, description: contributionKind(c.kind).describe(c.data) });
  }

  function applyContributions(service: string, wanted: Contribution[], previous: ContributionRecord[], state: ServiceState | undefined) {
    const wantedKeys = new Set(wanted.map(recordKey));
    // Remove what this service added before and no longer wants, unless
    // another service still wants the same entry (it inherits ownership).
    for (const rec of previous) {
      if (wantedKeys.has(recordKey(rec)) || wantedByAny.has(recordKey(rec))) continue;
      const src = load(rec.file);
      if (src === undefined) continue;
      const kind = contributionKind(rec.kind);
      const after = kind.remove(src, rec.data, rec.file);
      if (after !== src) noteContribution(rec.file, 'remove', service, rec);
      put(rec.file, after, `removed ${kind.describe(rec.data)}`, 'user-owned');
    }
    for (const c of wanted) {
      const src = load(c.file);
      const kind = contributionKind(c.kind);
      if (src === undefined) {
        result.errors.push({
          code: 'missing-host-file',
          message: `${c.file} does not exist, so ${kind.describe(c.data)} cannot be added`,
          hint: 'create the platform project first (e.g. `npx cap add android`, `tauri android init`), then run generate again',
          loc: { file: join(root, c.file), line: 0, column: 0 },
        });
        continue;
      }
      const after = kind.ensure(src, c.data, c.file);
      // Recorded as ours only if we added it (now or before): what the user
      // had already is never removed later.
      if (after !== src) {
        noteContribution(c.file, 'add', service, c);
        put(c.file, after, `added ${kind.describe(c.data)}`, 'user-owned');
      }
      if ((after !== src || ownedBefore.has(recordKey(c))) && state) {
        state.contributions.push({ file: c.file, kind: c.kind, key: c.key, data: c.data });
      }
    }
  }

  // The state file is the engine's own; it changes only when ownership does.
  const stateText = serializeState(newState);
  const stateBefore = load(toPosix(STATE_FILE));
  if (stateBefore !== stateText) put(toPosix(STATE_FILE), stateText, 'generator state', 'state');
  if (opts.snapshot !== undefined && load(toPosix(SNAPSHOT_FILE)) !== opts.snapshot) {
    put(toPosix(SNAPSHOT_FILE), opts.snapshot, 'declarations as read (lets bg-doctor skip the compiler)', 'snapshot');
  }

  for (const [path, after] of working) {
    const before = original.get(path);
    if (before === after) continue;
    const kind: ChangeKind = before === undefined ? 'create' : after === undefined ? 'delete' : 'update';
    const role = roles.get(path) ?? 'user-owned';
    const contributions = contributionChanges.get(path);
    result.changes.push({ path, kind, before, after, why: [...(why.get(path) ?? [])].join(', '), role, ...(contributions ? { contributions } : {}) });
  }
  result.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

type GenerationOptionsInternal = GenerateOptions;

/** Write planned changes: each file atomically; deletions last. */
export function applyChanges(root: string, changes: FileChange[]): void {
  for (const c of changes) if (c.kind !== 'delete') writeFileAtomic(join(root, c.path), c.after!);
  for (const c of changes) if (c.kind === 'delete' && existsSync(join(root, c.path))) rmSync(join(root, c.path));
}
