/**
 * Generate declarations through the real reader and engine into temp
 * standalone projects, for the desktop targets' own tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readDeclarations } from '../../../declaration/reader.js';
import type { ServiceModel } from '../../../declaration/model.js';
import { applyChanges, planGeneration } from '../../../generator/engine.js';
import type { GenerationContext } from '../../../generator/context.js';
import { buildContext } from '../../../generator/context.js';
import type { Target } from '../../../generator/target.js';
import { createProject } from '../../../e2e/projects.js';

export interface Generated {
  root: string;
  model: ServiceModel;
  ctx: GenerationContext;
  files: string[];
  notes: string[];
}

/** Read `declarations` and generate each with `targets` into its own standalone project under one temp folder. */
export async function generateStandalone(declarations: readonly string[], targets: readonly Target[]): Promise<Generated[]> {
  const read = await readDeclarations(declarations);
  if (!read.ok) throw new Error(read.diagnostics.map((d) => `${d.loc.file}:${d.loc.line}:${d.loc.column}: ${d.message}`).join('\n'));
  const base = mkdtempSync(join(tmpdir(), 'bg-desktop-'));
  return read.models.map((m) => {
    const { host, declaration } = createProject('standalone', join(base, basename(m.sourceFile, '.bg.ts')), m.sourceFile);
    const model = { ...structuredClone(m), sourceFile: declaration, loc: { ...m.loc, file: declaration } };
    const plan = planGeneration({ host, models: [model], targets: [...targets], pruneMissingServices: true });
    if (plan.errors.length || plan.conflicts.length) throw new Error(JSON.stringify({ errors: plan.errors, conflicts: plan.conflicts }));
    applyChanges(host.root, plan.changes);
    const built = buildContext(model, host);
    if (!built.ok) throw new Error(built.diagnostic.message);
    return { root: host.root, model, ctx: built.ctx, files: plan.changes.map((c) => c.path), notes: plan.notes };
  });
}
