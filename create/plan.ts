/**
 * Everything create-bg-service would write, decided before anything is: the
 * declaration (checked by the real reader from memory, before it exists on
 * disk), the package.json of a new standalone module, and the generation of
 * every declaration in the project (the same as `bg-service generate` would
 * do afterwards, so `generate --check` is clean right after).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageVersion } from '../cli/common.js';
import { findDeclarations, readDeclarations } from '../declaration/reader.js';
import type { DeclarationDiagnostic, ServiceModel } from '../declaration/model.js';
import { planGeneration, type GenerationResult } from '../generator/engine.js';
import { snapshotText } from '../generator/snapshot.js';
import { readState, STATE_FILE, type GeneratorState } from '../generator/state.js';
import { targets } from '../generator/targets.js';
import { buildContext, toPosix } from '../generator/context.js';
import type { Target } from './target.js';

/** A file create-bg-service writes itself (not through the engine). */
export interface OwnFile {
  /** Project-relative. */
  path: string;
  text: string;
  /** What is on disk now, if anything. */
  disk?: string;
  what: string;
}

export function readDisk(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

export function ownFile(target: Target, path: string, text: string, what: string): OwnFile {
  const disk = readDisk(target.dir, path);
  return { path, text, what, ...(disk !== undefined ? { disk } : {}) };
}

/** The package.json of a standalone module: scripts for the three commands, and the package for the declaration's types. */
export function modulePackageJson(name: string): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: `The ${name} background service: native modules generated from ${name}.bg.ts by bg-service.`,
    type: 'module',
    scripts: {
      generate: 'bg-service generate',
      'generate:check': 'bg-service generate --check',
      doctor: 'bg-doctor validate',
    },
    devDependencies: { 'create-bg-service': `^${packageVersion()}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export type ReadOutcome =
  /** `snapshot`: the declarations as read, for `.bg-service/models.json` (generator/snapshot.ts). */
  | { ok: true; models: ServiceModel[]; snapshot: string | undefined }
  /** `ours`: the problems are in the text create-bg-service wrote, which is a bug of ours. */
  | { ok: false; ours: boolean; diagnostics: DeclarationDiagnostic[] };

/**
 * Read every declaration of the project with the real reader, ours from
 * `text` (undefined: the one on disk is kept and read).
 */
export async function readProject(target: Target, declarationPath: string, text: string | undefined): Promise<ReadOutcome> {
  const ours = resolve(target.dir, declarationPath);
  const found = existsSync(target.dir) ? await findDeclarations(target.dir) : [];
  const files = found.includes(ours) ? found : [...found, ours].sort();
  const read = await readDeclarations(files, text === undefined ? {} : { sources: new Map([[ours, text]]) });
  if (read.ok) {
    // Ours as it will be written; every other input as it is on disk.
    const snapshot = snapshotText(target.dir, { declarations: files, inputs: read.inputs, models: read.models }, (p) => (p === ours && text !== undefined ? text : readFileSync(p)));
    return { ok: true, models: read.models, snapshot };
  }
  return { ok: false, ours: read.diagnostics.some((d) => d.loc.file === ours), diagnostics: read.diagnostics };
}

export function planFor(target: Target, models: ServiceModel[], force: boolean, snapshot?: string): GenerationResult {
  return planGeneration({ host: target.host, models, targets, force, pruneMissingServices: true, snapshot });
}

/** Every file the generation owns after `result` (its glue and its state file), from the state it would leave. */
export function generatedGlue(target: Target, result: GenerationResult): string[] {
  const statePath = toPosix(STATE_FILE);
  const stateChange = result.changes.find((c) => c.path === statePath);
  const state = stateChange?.after !== undefined ? (JSON.parse(stateChange.after) as GeneratorState) : readState(target.dir);
  return [statePath, ...Object.values(state.services).flatMap((s) => Object.keys(s.files))];
}

/**
 * The content each implementation file would have if it were created now,
 * rendered by the same targets, so a second run can tell an untouched one
 * (identical) from one the user has written in (kept).
 */
export function implementationContents(target: Target, models: ServiceModel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const model of models) {
    const built = buildContext(model, target.host);
    if (!built.ok) continue;
    for (const t of targets) {
      if (!t.applies(built.ctx)) continue;
      for (const f of t.plan(built.ctx).files) if (f.owner === 'user') out.set(f.path, f.content);
    }
  }
  return out;
}
