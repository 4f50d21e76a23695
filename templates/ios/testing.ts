/**
 * Helpers for the iOS target's tests: the fixture declarations read once with
 * the real reader, and a service's iOS output written to a folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readDeclarations } from '../../declaration/reader.js';
import type { ServiceModel } from '../../declaration/model.js';
import { buildContext, type GenerationContext } from '../../generator/context.js';
import type { HostProject } from '../../generator/host.js';
import type { TargetOutput } from '../../generator/target.js';
import { sourcePath } from '../../lib/paths.js';
import { iosTarget } from './plan.js';

/** The iOS rows of the declaration matrix (e2e/matrix/ios-*.bg.ts). */
export const FIXTURES = ['ios-continuous-all', 'ios-periodic-refresh', 'ios-periodic-processing'] as const;
export type FixtureName = (typeof FIXTURES)[number];

let models: Promise<Map<FixtureName, ServiceModel>> | undefined;

/** Every fixture's model, read once per process with the real declaration reader. */
export function fixtureModels(): Promise<Map<FixtureName, ServiceModel>> {
  models ??= (async () => {
    const files = FIXTURES.map((n) => sourcePath('e2e', 'matrix', `${n}.bg.ts`));
    const read = await readDeclarations(files);
    if (!read.ok) throw new Error(`fixture declarations do not read:\n${JSON.stringify(read.diagnostics, null, 2)}`);
    return new Map(read.models.map((m) => [basename(m.sourceFile, '.bg.ts') as FixtureName, m]));
  })();
  return models;
}

/** A context for `model` generated into `root` (standalone unless `host` says otherwise). */
export function contextFor(model: ServiceModel, root: string, host: Partial<HostProject> = {}): GenerationContext {
  const project: HostProject = { kind: 'standalone', root, files: {}, ...host };
  const built = buildContext({ ...model, sourceFile: join(root, `${model.names.kebab}.bg.ts`) }, project);
  if (!built.ok) throw new Error(built.diagnostic.message);
  return built.ctx;
}

export interface Written {
  dir: string;
  output: TargetOutput;
  /** Absolute paths of the written files, by project-relative path. */
  paths: Map<string, string>;
}

/** Plan the iOS target for `model` as a standalone module and write its files to a new temporary folder. */
export function writeStandalone(model: ServiceModel): Written {
  const dir = mkdtempSync(join(tmpdir(), `bg-ios-${model.names.kebab}-`));
  const output = iosTarget.plan(contextFor(model, dir));
  const paths = new Map<string, string>();
  for (const f of output.files) {
    const abs = join(dir, f.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
    paths.set(f.path, abs);
  }
  return { dir, output, paths };
}
