/**
 * The declaration matrix: every declaration in e2e/matrix/ is generated
 * through the real engine and targets into each project shape it fits (a
 * standalone module when it has an identifier, and an app of each host it
 * declares), generated a second time to prove nothing changes, then every
 * check registered in e2e/checks/index.ts runs over all projects at once.
 * A failure names the row, the shape and the file:line in the generated code.
 *
 * BG_KEEP_MATRIX=1 keeps the generated projects (their folder is printed).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { readDeclarations } from '../declaration/reader.js';
import type { ServiceModel } from '../declaration/model.js';
import { applyChanges, planGeneration } from '../generator/engine.js';
import { targets } from '../generator/targets.js';
import { sourcePath } from '../lib/paths.js';
import { checks } from './checks/index.js';
import type { CheckFailure, MatrixProject } from './checks/types.js';
import { createProject, relocateModel, type Shape } from './projects.js';

const ROWS = sourcePath('e2e', 'matrix');
const rows = readdirSync(ROWS)
  .filter((f) => f.endsWith('.bg.ts'))
  .sort();
const matrixRoot = mkdtempSync(join(tmpdir(), 'bg-matrix-'));
const projects: MatrixProject[] = [];
const generationFailures: string[] = [];
let models: ServiceModel[] = [];

function shapesOf(model: ServiceModel): Shape[] {
  return [...(model.identifier ? (['standalone'] as const) : []), ...model.hosts];
}

function generateInto(model: ServiceModel, shape: Shape): void {
  const row = basename(model.sourceFile);
  const where = `${row} [${shape}]`;
  try {
    const { host, declaration } = createProject(shape, join(matrixRoot, row.replace(/\.bg\.ts$/, ''), shape), model.sourceFile);
    const moved = relocateModel(model, declaration);
    const options = { host, models: [moved], targets, pruneMissingServices: true };
    const plan = planGeneration(options);
    for (const e of plan.errors) generationFailures.push(`${where}: ${e.code}: ${e.message}`);
    for (const c of plan.conflicts) generationFailures.push(`${where}: conflict in ${c.path}: ${c.reason}`);
    if (plan.errors.length || plan.conflicts.length) return;
    applyChanges(host.root, plan.changes);
    const again = planGeneration(options);
    if (again.changes.length) generationFailures.push(`${where}: a second run would change ${again.changes.map((c) => c.path).join(', ')}`);
    projects.push({ row, shape, root: host.root, host, model: moved, files: plan.changes.filter((c) => c.kind !== 'delete').map((c) => c.path) });
  } catch (e) {
    generationFailures.push(`${where}: generation crashed: ${(e as Error).stack ?? String(e)}`);
  }
}

function formatFailure(f: CheckFailure): string {
  const at = f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}: ` : '';
  return `${f.project.row} [${f.project.shape}] ${at}${f.message}\n    (project: ${f.project.root})`;
}

before(async () => {
  const read = await readDeclarations(rows.map((r) => join(ROWS, r)));
  if (!read.ok) {
    for (const d of read.diagnostics) generationFailures.push(`${basename(d.loc.file)}:${d.loc.line}:${d.loc.column}: ${d.code}: ${d.message}`);
    return;
  }
  models = read.models;
  for (const model of models) for (const shape of shapesOf(model)) generateInto(model, shape);
});

after(() => {
  if (process.env.BG_KEEP_MATRIX) console.log(`matrix projects kept in ${matrixRoot}`);
  else rmSync(matrixRoot, { recursive: true, force: true });
});

test('every row reads and generates, and a second run changes nothing', () => {
  assert.deepEqual(generationFailures, []);
  assert.equal(models.length, rows.length);
});

test('the matrix covers every kind, host, shape, foreground-service type and Android option', async () => {
  const { FGS_TYPES } = await import('../validators/data/android-fgs.js');
  const continuous = models.filter((m) => m.kind === 'continuous');
  const periodic = models.filter((m) => m.kind === 'periodic').map((m) => m.schedule!);
  const missing: string[] = [];
  const need = (what: string, ok: boolean) => ok || missing.push(what);
  for (const kind of ['continuous', 'periodic', 'transfer']) need(`kind ${kind}`, models.some((m) => m.kind === kind));
  for (const shape of ['standalone', 'tauri', 'capacitor']) need(`shape ${shape}`, projects.some((p) => p.shape === shape));
  for (const t of FGS_TYPES) need(`foreground service type ${t.name}`, continuous.some((m) => m.android.foregroundServiceTypes.includes(t.name)));
  for (const p of ['stop', 'notifyUser', 'reschedule']) need(`onTimeout ${p}`, continuous.some((m) => m.android.onTimeout === p));
  for (const on of [true, false]) need(`restartOnBoot ${on}`, continuous.some((m) => m.android.restartOnBoot === on));
  need('a stop action', continuous.some((m) => m.android.notification?.stopActionLabel !== undefined));
  need('no stop action', continuous.some((m) => m.android.notification?.stopActionLabel === undefined));
  for (const i of ['min', 'low', 'default', 'high']) need(`importance ${i}`, continuous.some((m) => m.android.notification?.importance === i));
  for (const n of ['none', 'any', 'unmetered']) need(`network ${n}`, periodic.some((s) => s.network === n));
  need('requiresCharging', periodic.some((s) => s.requiresCharging));
  need('requiresDeviceIdle', periodic.some((s) => s.requiresDeviceIdle));
  need('requiresBatteryNotLow', periodic.some((s) => s.requiresBatteryNotLow));
  need('a service without events or commands', models.some((m) => m.events.length === 0 && m.commands.length === 0));
  need('a service with 20+ events', models.some((m) => m.events.length >= 20));
  need('an event without payload', models.some((m) => m.events.some((e) => !e.payload)));
  need('an enum type', models.some((m) => m.types.some((t) => t.kind === 'enum')));
  const { isReservedIdentifier } = await import('../escape/index.js');
  const keywordIn = (lang: 'kotlin' | 'swift' | 'rust') =>
    models.some((m) => m.types.some((t) => t.kind === 'enum' && t.values.some((v) => isReservedIdentifier(lang, v) || isReservedIdentifier(lang, v.charAt(0).toUpperCase() + v.slice(1)))));
  for (const lang of ['kotlin', 'swift', 'rust'] as const) need(`an enum value that is a ${lang} keyword`, keywordIn(lang));
  need('an empty struct', models.some((m) => m.types.some((t) => t.kind === 'struct' && t.fields.length === 0)));
  const refs = models.flatMap((m) => m.types.flatMap((t) => (t.kind === 'struct' ? t.fields : [])));
  need('an optional field', refs.some((f) => f.optional));
  need('a record', refs.some((f) => f.type.kind === 'record'));
  need('an array of arrays', refs.some((f) => f.type.kind === 'array' && f.type.element.kind === 'array'));
  need('a row without identifier (app-only)', models.some((m) => !m.identifier));
  assert.deepEqual(missing, [], `add matrix rows for: ${missing.join('; ')}`);
});

for (const check of checks) {
  test(check.name, async (t) => {
    assert.ok(projects.length > 0, 'no project was generated');
    const applicable = projects.filter((p) => check.applies(p));
    const start = performance.now();
    const failures = await check.run(applicable);
    t.diagnostic(`${applicable.length} projects in ${Math.round(performance.now() - start)} ms`);
    assert.equal(failures.length, 0, `${failures.length} failure(s):\n${failures.map(formatFailure).join('\n')}`);
  });
}
