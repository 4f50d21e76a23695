import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ServiceModel } from '../../declaration/model.js';
import { applyChanges, planGeneration } from '../../generator/engine.js';
import { detectHost, type HostProject } from '../../generator/host.js';
import { attrValue, childElements, parseXml } from '../../parsers/xml.js';
import { createProject, relocateModel, type Shape } from '../../e2e/projects.js';
import { sourcePath } from '../../lib/paths.js';
import { androidNames, generatedClassNames } from './names.js';
import { androidTarget } from './plan.js';
import { buildContext } from '../../generator/context.js';
import { continuous, periodic } from './testing/models.js';

const temp = mkdtempSync(join(tmpdir(), 'bg-android-plan-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let count = 0;

/** A fresh project of `shape` holding a declaration for `model` (the file's content does not matter: the model is given). */
function project(shape: Shape, model: ServiceModel): { host: HostProject; model: ServiceModel } {
  const root = join(temp, `${shape}-${++count}`);
  const decl = join(temp, `${model.names.kebab}.bg.ts`);
  writeFileSync(decl, '// stands for the declaration the model was read from\n');
  const made = createProject(shape, root, decl);
  return { host: made.host, model: relocateModel(model, made.declaration) };
}

function generate(host: HostProject, models: ServiceModel[]) {
  const plan = planGeneration({ host, models, targets: [androidTarget], pruneMissingServices: true });
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.conflicts, []);
  applyChanges(host.root, plan.changes);
  return plan;
}

const read = (host: HostProject, path: string) => readFileSync(join(host.root, path), 'utf8');
const fixture = (shape: Shape, path: string) => readFileSync(sourcePath('e2e', 'fixtures', 'apps', shape, path), 'utf8');

function manifestOf(text: string) {
  const doc = parseXml(text);
  const app = childElements(doc.root, 'application')[0]!;
  return {
    permissions: childElements(doc.root, 'uses-permission').map((p) => attrValue(p, 'android:name')!),
    services: childElements(app, 'service'),
    receivers: childElements(app, 'receiver'),
  };
}

describe('the app manifest (contributions)', () => {
  const MANIFEST = 'src-tauri/gen/android/app/src/main/AndroidManifest.xml';

  test('removing a type or an option removes exactly what it added; removing the service restores the file byte for byte', () => {
    const rich = continuous('route-share', ['dataSync', 'location', 'specialUse'], { restartOnBoot: true, specialUseSubtype: 'Route sharing' });
    const { host, model } = project('tauri', rich);
    generate(host, [model]);
    const before = manifestOf(read(host, MANIFEST));
    assert.equal(before.receivers.length, 1);

    const lean: ServiceModel = { ...model, permissions: [], android: { ...model.android, foregroundServiceTypes: ['dataSync'], restartOnBoot: false, specialUseSubtype: undefined } };
    const plan = generate(host, [lean]);
    const after = manifestOf(read(host, MANIFEST));
    assert.deepEqual(
      before.permissions.filter((p) => !after.permissions.includes(p)).sort(),
      [
        'android.permission.ACCESS_COARSE_LOCATION',
        'android.permission.ACCESS_FINE_LOCATION',
        'android.permission.FOREGROUND_SERVICE_LOCATION',
        'android.permission.FOREGROUND_SERVICE_SPECIAL_USE',
        'android.permission.RECEIVE_BOOT_COMPLETED',
      ],
    );
    assert.deepEqual(after.permissions.filter((p) => !before.permissions.includes(p)), []);
    assert.equal(after.receivers.length, 0);
    const service = after.services.find((s) => attrValue(s, 'android:name')!.endsWith('RouteShareService'))!;
    assert.equal(attrValue(service, 'android:foregroundServiceType'), 'dataSync');
    assert.deepEqual(childElements(service, 'property'), []);
    assert.ok(plan.changes.some((c) => c.path.endsWith('RouteShareBootReceiver.kt') && c.kind === 'delete'));

    generate(host, []);
    assert.equal(read(host, MANIFEST), fixture('tauri', MANIFEST));
  });

  test('a permission the app had before is never removed', () => {
    const { host, model } = project('capacitor', continuous('cam', ['camera']));
    const path = 'android/app/src/main/AndroidManifest.xml';
    const own = fixture('capacitor', path).replace(
      '<uses-permission android:name="android.permission.INTERNET" />',
      '<uses-permission android:name="android.permission.INTERNET" />\n    <uses-permission android:name="android.permission.CAMERA" />',
    );
    writeFileSync(join(host.root, path), own);
    generate(host, [model]);
    assert.ok(manifestOf(read(host, path)).permissions.includes('android.permission.CAMERA'));
    generate(host, []);
    assert.equal(read(host, path), own);
  });

  test('a changed specialUse subtype replaces the property; nothing else in the file moves', () => {
    const { host, model } = project('tauri', continuous('relay', ['specialUse'], { specialUseSubtype: 'first "one" & <two>' }));
    generate(host, [model]);
    const subtype = (text: string) => {
      const service = manifestOf(text).services.find((s) => attrValue(s, 'android:name')!.endsWith('RelayService'))!;
      return childElements(service, 'property').map((p) => attrValue(p, 'android:value'));
    };
    assert.deepEqual(subtype(read(host, MANIFEST)), ['first "one" & <two>']);
    generate(host, [{ ...model, android: { ...model.android, specialUseSubtype: 'second' } }]);
    assert.deepEqual(subtype(read(host, MANIFEST)), ['second']);
    generate(host, []);
    assert.equal(read(host, MANIFEST), fixture('tauri', MANIFEST));
  });

  test('an app goes through contributions only: no library manifest is generated', () => {
    const { host, model } = project('tauri', continuous('only-app', ['dataSync']));
    const plan = generate(host, [model]);
    assert.ok(!plan.changes.some((c) => c.path.endsWith('/android/src/main/AndroidManifest.xml')));
    assert.ok(plan.changes.some((c) => c.path === MANIFEST && c.kind === 'update'));
  });

  test('an app without its Android project yet: the entries go into the library manifest, with a note', () => {
    const { host: created, model } = project('tauri', continuous('not-yet', ['dataSync']));
    rmSync(join(created.root, MANIFEST));
    const host = detectHost(created.root);
    assert.equal(host.files.androidManifest, undefined);
    const plan = generate(host, [model]);
    const library = plan.changes.find((c) => c.path === 'services/tauri/android/src/main/AndroidManifest.xml');
    assert.ok(library, 'the library manifest was not generated');
    assert.ok(manifestOf(library.after!).permissions.includes('android.permission.FOREGROUND_SERVICE_DATA_SYNC'));
    assert.match(plan.notes.join('\n'), /run generate again/);
  });
});

describe('files', () => {
  test('the user file is created once and never overwritten; glue follows the declaration', () => {
    const { host, model } = project('standalone', continuous('keeper', ['dataSync']));
    const first = generate(host, [model]);
    const user = first.changes.find((c) => c.path.endsWith('/Keeper.kt'))!;
    assert.equal(user.kind, 'create');
    const mine = `${read(host, user.path)}\n// my own code\n`;
    writeFileSync(join(host.root, user.path), mine);

    const withCommand: ServiceModel = {
      ...model,
      commands: [{ name: 'flush', names: { kebab: 'flush', camel: 'flush', pascal: 'Flush', snake: 'flush', screamingSnake: 'FLUSH' }, loc: model.loc }],
    };
    const second = generate(host, [withCommand]);
    assert.equal(read(host, user.path), mine);
    assert.ok(second.keptUserFiles.includes(user.path));
    assert.ok(!second.changes.some((c) => c.path === user.path));
    assert.match(read(host, user.path.replace('Keeper.kt', 'KeeperBase.kt')), /abstract suspend fun flush\(\)/);

    generate(host, []);
    assert.equal(read(host, user.path), mine, 'removing the service keeps the user file');
  });

  test('a standalone module gets both host plugins, each with its own library manifest', () => {
    const { host, model } = project('standalone', { ...periodic('both-hosts'), hosts: ['tauri', 'capacitor'] });
    const plan = generate(host, [model]);
    for (const h of ['tauri', 'capacitor']) {
      assert.ok(plan.changes.some((c) => c.path === `${h}/android/src/main/AndroidManifest.xml`));
      assert.ok(plan.changes.some((c) => c.path === `${h}/android/src/main/java/com/example/bothhosts/BothHostsJobService.kt`));
    }
  });

  test('transfer services get the transfer Kotlin and manifest entries instead (transfer-plan.ts, tested in transfer.test.ts)', () => {
    const transfer = { retries: 3, requiresUnmetered: false, requiresCharging: false, allowPause: false, group: 'default', maxConcurrentPerHost: 4, sharedStorage: { androidLegacyStorage: false }, notifications: {} };
    const { host, model } = project('standalone', { ...continuous('mover', []), kind: 'transfer', transfer });
    const plan = generate(host, [model]);
    const kotlin = plan.changes.filter((c) => c.path.endsWith('.kt')).map((c) => c.path.slice(c.path.lastIndexOf('/') + 1));
    assert.ok(kotlin.includes('MoverTransferJobService.kt'));
    assert.ok(!kotlin.includes('MoverService.kt') && !kotlin.includes('Mover.kt'), 'no foreground service of a continuous service, no user file');
  });
});

const TRANSFER = { retries: 3, requiresUnmetered: false, requiresCharging: false, allowPause: false, group: 'default', maxConcurrentPerHost: 4, sharedStorage: { androidLegacyStorage: true }, notifications: {} };

test('generatedClassNames lists every top-level class the target declares (the names a declared type must not take)', () => {
  const transfer: ServiceModel = { ...continuous('mover', []), kind: 'transfer', transfer: TRANSFER };
  for (const m of [continuous('all-parts', ['dataSync', 'shortService'], { restartOnBoot: true, onTimeout: 'reschedule' }), periodic('job-parts'), transfer]) {
    const built = buildContext(m, { kind: 'standalone', root: '/virtual', files: {} });
    assert.ok(built.ok);
    const declared = androidTarget
      .plan(built.ctx)
      .files.filter((f) => f.path.endsWith('.kt'))
      .flatMap((f) => [...f.content.matchAll(/^(?:internal |abstract |sealed |data |enum |fun )*(?:class|object|interface) (\w+)/gm)].map((x) => x[1]!));
    assert.ok(declared.length > 0, m.names.kebab);
    const listed = new Set(generatedClassNames(androidNames(built.ctx), m.kind));
    assert.deepEqual(declared.filter((name) => !listed.has(name)), [], m.names.kebab);
  }
});

test('BG305: a transfer service\'s declared type may not take the name of one of its generated Kotlin classes', () => {
  const clash = { kind: 'struct' as const, name: 'MoverTransferFiles', fields: [], loc: { file: '/virtual/mover.bg.ts', line: 3, column: 18 } };
  const model: ServiceModel = { ...continuous('mover', []), kind: 'transfer', transfer: TRANSFER, types: [clash] };
  const { host } = project('standalone', model);
  const plan = planGeneration({ host, models: [model], targets: [androidTarget] });
  assert.deepEqual(
    plan.errors.map((e) => [e.code, e.message, e.loc?.line]),
    [['BG305', "type name 'MoverTransferFiles' clashes with a name the generated android code uses itself", 3]],
  );
  assert.equal(plan.changes.length, 0, 'nothing is written');
});
