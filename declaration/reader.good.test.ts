/**
 * Good declarations read into the expected models. Each fixture under
 * fixtures/good/ has a snapshot `<name>.model.json` beside it (paths made
 * relative to that folder); `BG_UPDATE_SNAPSHOTS=1 npm test -- declaration`
 * rewrites them after an intended change — review the diff before committing.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { formatDiagnostics } from './diagnostics.js';
import type { NamedType, ServiceModel, TypeRef } from './model.js';
import { readDeclaration, readDeclarations } from './reader.js';

const dir = sourcePath('declaration', 'fixtures', 'good');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.bg.ts')).sort();

async function read(file: string): Promise<ServiceModel> {
  const result = await readDeclaration(file);
  if (!result.ok) assert.fail(`${file} did not read cleanly:\n${formatDiagnostics(result.diagnostics)}`);
  return result.model;
}

/** The model as JSON with the fixture folder's absolute path taken out. */
function snapshotText(model: ServiceModel): string {
  return JSON.stringify(model, null, 2).split(JSON.stringify(dir).slice(1, -1)).join('.') + '\n';
}

for (const name of fixtures) {
  test(`good declaration matches its snapshot: ${name}`, async () => {
    const model = await read(join(dir, name));
    const snapshot = join(dir, name.replace(/\.bg\.ts$/, '.model.json'));
    const actual = snapshotText(model);
    if (process.env.BG_UPDATE_SNAPSHOTS === '1') writeFileSync(snapshot, actual);
    assert.ok(existsSync(snapshot), `no snapshot ${snapshot}; run with BG_UPDATE_SNAPSHOTS=1 once and review it`);
    assert.equal(actual, readFileSync(snapshot, 'utf8'));
  });
}

function refs(ref: TypeRef | undefined): string[] {
  if (!ref) return [];
  if (ref.kind === 'named') return [ref.name];
  if (ref.kind === 'array') return refs(ref.element);
  if (ref.kind === 'record') return refs(ref.value);
  return [];
}

/** Every named type is declared before anything that uses it, and every reference resolves. */
function assertDependenciesFirst(model: ServiceModel): void {
  const index = new Map(model.types.map((t, i) => [t.name, i]));
  assert.equal(index.size, model.types.length, 'type names are unique');
  model.types.forEach((t: NamedType, i) => {
    if (t.kind !== 'struct') return;
    for (const f of t.fields)
      for (const r of refs(f.type)) {
        assert.ok(index.has(r), `${t.name}.${f.name} refers to unknown ${r}`);
        assert.ok(index.get(r)! < i, `${r} must come before ${t.name}`);
      }
  });
  for (const r of [...model.events.map((e) => e.payload), ...model.commands.flatMap((c) => [c.input, c.output])].flatMap(refs))
    assert.ok(index.has(r), `unknown type ${r}`);
}

test('every good declaration lists its types dependencies-first', async () => {
  for (const name of fixtures) assertDependenciesFirst(await read(join(dir, name)));
});

test("the brief's notes-sync example: names, synthesised types, defaults", async () => {
  const m = await read(join(dir, 'notes-sync.bg.ts'));
  assert.deepEqual(m.names, { kebab: 'notes-sync', camel: 'notesSync', pascal: 'NotesSync', snake: 'notes_sync', screamingSnake: 'NOTES_SYNC' });
  assert.deepEqual(m.types.map((t) => t.name), ['ProgressEvent', 'ConflictEvent', 'SyncNowInput', 'SyncNowResult']);
  assert.deepEqual(m.events.map((e) => [e.name, e.payload]), [
    ['progress', { kind: 'named', name: 'ProgressEvent' }],
    ['conflict', { kind: 'named', name: 'ConflictEvent' }],
  ]);
  const conflict = m.types.find((t) => t.name === 'ConflictEvent');
  assert.deepEqual(conflict?.kind === 'struct' && conflict.fields.map((f) => [f.name, f.type.kind, f.optional]), [
    ['path', 'string', false],
    ['reason', 'string', true],
  ]);
  assert.deepEqual(m.commands[0], {
    name: 'syncNow',
    names: { kebab: 'sync-now', camel: 'syncNow', pascal: 'SyncNow', snake: 'sync_now', screamingSnake: 'SYNC_NOW' },
    loc: { file: join(dir, 'notes-sync.bg.ts'), line: 12, column: 3 },
    input: { kind: 'named', name: 'SyncNowInput' },
    output: { kind: 'named', name: 'SyncNowResult' },
  });
  assert.equal(m.android.notification?.importance, 'low');
  assert.equal(m.android.notification?.channelName, 'Syncing notes');
  assert.equal(m.android.onTimeout, 'stop');
  assert.equal(m.identifier, undefined);
  assert.equal(m.android.package, undefined, 'no identifier: the package is resolved against the app later');
});

test('every supported type form, across imported files, with JSDoc kept', async () => {
  const m = await read(join(dir, 'all-types.bg.ts'));
  const everything = m.types.find((t) => t.name === 'Everything');
  assert.ok(everything?.kind === 'struct');
  assert.equal(everything.doc, 'Every form of field type the reader supports.');
  const field = (n: string) => everything.fields.find((f) => f.name === n)!;
  assert.deepEqual(field('count').type, { kind: 'integer' });
  assert.deepEqual(field('orUndefined'), { ...field('orUndefined'), optional: true, type: { kind: 'number' } });
  assert.deepEqual(field('frozen').type, { kind: 'array', element: { kind: 'boolean' } });
  assert.deepEqual(field('frozenGeneric').type, { kind: 'array', element: { kind: 'integer' } });
  assert.deepEqual(field('nested').type, { kind: 'named', name: 'EverythingNested' });
  assert.deepEqual(field('items').type, { kind: 'array', element: { kind: 'named', name: 'EverythingItemsItem' } });
  assert.deepEqual(field('inlineValues').type, { kind: 'record', value: { kind: 'named', name: 'EverythingInlineValuesValue' } });
  assert.deepEqual(field('byId').type, { kind: 'record', value: { kind: 'named', name: 'Note' } });
  assert.deepEqual(field('mood').type, { kind: 'named', name: 'EverythingMood' });
  assert.deepEqual(field('level').type, { kind: 'named', name: 'Level' });
  assert.deepEqual(field('parenthesised').type, { kind: 'array', element: { kind: 'string' } });
  const byName = new Map(m.types.map((t) => [t.name, t]));
  assert.ok(byName.has('EverythingNestedInner'), 'nested inline objects get nested names');
  const note = byName.get('Note');
  assert.ok(note?.kind === 'struct');
  assert.equal(note.loc.file, join(dir, 'types', 'shared.ts'));
  assert.equal(note.doc, 'A note as the service sees it.');
  assert.equal(note.fields[0]?.doc, 'Stable id.');
  assert.deepEqual(byName.get('TagColour'), { kind: 'enum', name: 'TagColour', values: ['red', 'green', 'blue'], loc: byName.get('TagColour')!.loc });
  assert.equal(byName.get('TagColour')?.loc.file, join(dir, 'types', 'tags.ts'));
  assert.deepEqual(byName.get('Origin')?.kind === 'enum' && byName.get('Origin'), { ...byName.get('Origin')!, values: ['local', 'remote'], doc: 'Where a note came from.' });
  assert.equal(m.events.find((e) => e.name === 'stopped')?.payload, undefined, 'a void event has no payload');
  assert.equal(m.events.find((e) => e.name === 'everything')?.doc, 'Everything at once.');
  const cmd = new Map(m.commands.map((c) => [c.name, c]));
  assert.equal(cmd.get('ping')?.input, undefined);
  assert.equal(cmd.get('ping')?.output, undefined);
  assert.deepEqual(cmd.get('count')?.output, { kind: 'integer' });
  assert.deepEqual(cmd.get('list')?.input, { kind: 'named', name: 'Cursor' });
  assert.deepEqual(cmd.get('list')?.output, { kind: 'named', name: 'ListResult' });
  assert.deepEqual(cmd.get('setLevel')?.input, { kind: 'named', name: 'Level' });
  assert.equal(cmd.get('setLevel')?.output, undefined, 'Promise<void> is no result');
  assert.deepEqual(cmd.get('tags')?.output, { kind: 'array', element: { kind: 'string' } });
  // Each named type appears once even when used from several places.
  assert.equal(m.types.filter((t) => t.name === 'Note').length, 1);
});

test('defaults for a minimal periodic service', async () => {
  const m = await read(join(dir, 'periodic.bg.ts'));
  assert.deepEqual(m.schedule, { everyMinutes: 60, network: 'none', requiresCharging: false, requiresDeviceIdle: false, requiresBatteryNotLow: false, maxRunSeconds: 600 });
  assert.deepEqual(m.ios.refresh, { everyMinutes: 60 }, 'a periodic service refreshes on iOS at its own period');
  assert.deepEqual(m.desktop, { runtime: 'node', mode: 'inProcess', autostart: false, keepAlive: false, outliveLogout: false });
  assert.equal(m.android.notification, undefined);
  assert.deepEqual(m.permissions, []);
  assert.equal(m.transfer, undefined);
});

test('defaults for a transfer service, and the Android package from the identifier', async () => {
  const t = await read(join(dir, 'transfer.bg.ts'));
  assert.deepEqual({ ...t.transfer, notifications: undefined }, { retries: 5, requiresUnmetered: true, requiresCharging: false, allowPause: true, group: 'media', maxConcurrentPerHost: 2, sharedStorage: { androidLegacyStorage: false }, notifications: undefined });
  assert.equal(t.android.notification?.stopActionLabel, 'Cancel');
  const p = await read(join(dir, 'periodic-full.bg.ts'));
  assert.equal(p.android.package, 'org.example.weather');
  assert.deepEqual(p.ios.refresh, { everyMinutes: 30 }, '`refresh: true` on a periodic service uses its period');
  assert.deepEqual(p.ios.processing, { requiresNetwork: false, requiresExternalPower: false });
});

test('the README example reads cleanly', async () => {
  const m = await read(sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts'));
  assert.equal(m.identifier, 'com.example.notes.sync');
  assert.equal(m.android.package, 'com.example.notes.sync');
  assert.deepEqual(m.hosts, ['tauri', 'capacitor']);
  assert.ok(m.events.every((e) => e.doc), 'events keep their JSDoc');
});

test('all good declarations read together without cross-file problems', async () => {
  const result = await readDeclarations([...fixtures.map((f) => join(dir, f)), sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts')].filter((f) => !f.endsWith('good/notes-sync.bg.ts')));
  assert.ok(result.ok, result.ok ? '' : formatDiagnostics(result.diagnostics));
  assert.equal(result.models.length, fixtures.length);
});
