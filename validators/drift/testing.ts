/**
 * For the drift tests: a sample Capacitor app (e2e/fixtures/apps/capacitor)
 * with one declaration, generated in memory by the real reader and planner and
 * written, as `bg-service generate` would leave it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sourcePath } from '../../lib/paths.js';
import { findDeclarations, readDeclarations } from '../../declaration/reader.js';
import { applyChanges, planGeneration, type FileChange } from '../../generator/engine.js';
import { detectHost } from '../../generator/host.js';
import { targets } from '../../generator/targets.js';

/** A declaration the cache and record tests generate: one continuous Capacitor service. */
export const SAMPLE_DECLARATION = 'services/notes-sync.bg.ts';
export const SAMPLE_SOURCE = `import { defineService } from 'create-bg-service';

export interface Events {
  progress: { done: number; total: number };
}

export default defineService<Events>({
  name: 'notes-sync',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: { foregroundServiceType: ['dataSync'], notification: { channel: 'sync', title: 'Syncing notes' } },
  permissions: ['notifications'],
});
`;

export async function generatedCapacitorApp(prefix: string, declaration: string, source: string): Promise<{ root: string; changes: FileChange[] }> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(sourcePath('e2e', 'fixtures', 'apps', 'capacitor'), root, { recursive: true });
  mkdirSync(dirname(join(root, declaration)), { recursive: true });
  writeFileSync(join(root, declaration), source);
  const read = await readDeclarations(await findDeclarations(root));
  assert.ok(read.ok, JSON.stringify(!read.ok && read.diagnostics));
  const plan = planGeneration({ host: detectHost(root), models: read.models, targets, pruneMissingServices: true });
  assert.deepEqual([plan.errors, plan.conflicts], [[], []]);
  applyChanges(root, plan.changes);
  return { root, changes: plan.changes };
}
