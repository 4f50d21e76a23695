/**
 * create-bg-service by flags, without a terminal (as in CI), into an empty
 * folder, a new folder, a Tauri v2 app and a Capacitor app (both made by the
 * test). Each result: the declaration is accepted by the real reader with the
 * answers given, `bg-service generate --check` is clean, the same command
 * again changes nothing (not even an mtime), and bg-doctor finds nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readDeclaration } from '../declaration/reader.js';
import type { ServiceModel } from '../declaration/model.js';
import { makeCapacitorApp, makeTauriApp, tempDir } from './create-apps.js';
import { APP_DELEGATE_NOT_EDITABLE, assertDoctorClean, create, run, snapshot, type ExpectedFindings } from './create-harness.js';

interface Case {
  name: string;
  /** Makes the folder to run in; returns [cwd, project folder]. */
  make(): [string, string];
  args: string[];
  declaration: string;
  /** Files that must exist afterwards (project-relative). */
  files: string[];
  model: Partial<Pick<ServiceModel, 'kind' | 'hosts' | 'identifier' | 'permissions'>> & { check?(m: ServiceModel): void };
  /** Text the summary or next steps must show. */
  says?: RegExp[];
  /** Findings bg-doctor still reports for a gap outside this command (the clean check is then a `todo`). */
  doctorExpects?: ExpectedFindings;
}

const cases: Case[] = [
  {
    name: 'an empty folder becomes a standalone module',
    make: () => {
      const d = tempDir('empty');
      return [d, d];
    },
    args: ['--yes', '--name', 'sync-notes', '--identifier', 'com.example.syncnotes'],
    declaration: 'sync-notes.bg.ts',
    files: ['package.json', '.bg-service/state.json', 'ts/types.ts', 'tauri/src/my_service.rs', 'capacitor/ios/Sources/SyncNotesPlugin/SyncNotesService.swift'],
    model: { kind: 'continuous', hosts: ['tauri', 'capacitor'], identifier: 'com.example.syncnotes', permissions: ['notifications'] },
    says: [/Next steps:\n {2}1\. npm install\n/],
  },
  {
    name: 'a new folder (positional) becomes a periodic standalone module',
    make: () => {
      const parent = tempDir('new');
      return [parent, join(parent, 'uploads')];
    },
    args: ['uploads', '--yes', '--kind', 'periodic', '--every-minutes', '60', '--hosts', 'capacitor', '--identifier', 'com.example.uploads', '--ios-processing'],
    declaration: 'uploads.bg.ts',
    files: ['package.json', 'capacitor/android/src/main/AndroidManifest.xml', 'capacitor/ios/merge-into-app/Info.additions.plist'],
    model: {
      kind: 'periodic',
      hosts: ['capacitor'],
      check: (m) => {
        assert.equal(m.schedule?.everyMinutes, 60);
        assert.deepEqual(m.ios.refresh, { everyMinutes: 60 });
        assert.ok(m.ios.processing, 'the iOS processing task was asked for');
        assert.equal(m.desktop.runtime, 'node');
      },
    },
    says: [/1\. cd uploads\n/],
  },
  {
    name: 'a Tauri v2 app gets bg-services/<name>/ and its manifest entries',
    make: () => {
      const d = makeTauriApp();
      return [d, d];
    },
    args: ['--yes', '--name', 'notes-sync', '--desktop-mode', 'osService', '--autostart', '--notification-title', 'Syncing notes'],
    declaration: 'bg-services/notes-sync/notes-sync.bg.ts',
    files: ['bg-services/notes-sync/tauri/src/runner/mod.rs', 'bg-services/notes-sync/ts/types.ts'],
    model: {
      kind: 'continuous',
      hosts: ['tauri'],
      identifier: 'com.example.notes.notes-sync',
      check: (m) => {
        assert.equal(m.android.notification?.title, 'Syncing notes');
        assert.deepEqual([m.desktop.runtime, m.desktop.mode, m.desktop.autostart], ['rust', 'osService', true]);
      },
    },
    says: [/update +src-tauri\/gen\/android\/app\/src\/main\/AndroidManifest\.xml +added <uses-permission android\.permission\.FOREGROUND_SERVICE>/, /npm install --save-dev create-bg-service/, /To do by hand/],
  },
  {
    name: 'a Capacitor app gets bg-services/<name>/, its manifest and Info.plist entries',
    make: () => {
      const d = makeCapacitorApp();
      return [d, d];
    },
    args: ['--yes', '--name', 'field-sync', '--ios-refresh-minutes', '30', '--permissions', 'notifications,bluetooth', '--usage-bluetooth', 'Field Notes syncs with your "field" sensor.'],
    declaration: 'bg-services/field-sync/field-sync.bg.ts',
    files: ['bg-services/field-sync/capacitor/ios/Sources/FieldSyncPlugin/FieldSyncBackgroundTasks.swift'],
    model: {
      kind: 'continuous',
      hosts: ['capacitor'],
      identifier: 'com.example.fieldnotes.field-sync',
      permissions: ['notifications', 'bluetooth'],
      check: (m) => {
        assert.deepEqual(m.ios.refresh, { everyMinutes: 30 });
        assert.equal(m.ios.usageDescriptions.bluetooth, 'Field Notes syncs with your "field" sensor.');
        assert.equal(m.desktop.runtime, 'node');
      },
    },
    says: [/update +ios\/App\/App\/Info\.plist +added fetch in UIBackgroundModes/, /update +android\/app\/src\/main\/AndroidManifest\.xml/],
  },
  {
    name: 'a Capacitor app whose AppDelegate cannot be edited safely gets the exact line to add in its next steps',
    make: () => {
      const d = makeCapacitorApp();
      const delegate = join(d, 'ios/App/App/AppDelegate.swift');
      // A body on the launch method's own line: no safe place to insert a statement.
      writeFileSync(
        delegate,
        readFileSync(delegate, 'utf8').replace(/(didFinishLaunchingWithOptions[^{]*\{)[\s\S]*?return true\n\s*\}/, '$1 return true }'),
      );
      return [d, d];
    },
    args: ['--yes', '--name', 'field-sync'],
    declaration: 'bg-services/field-sync/field-sync.bg.ts',
    files: [],
    model: { kind: 'continuous', hosts: ['capacitor'] },
    says: [
      /To do by hand \(the generation could not do these safely\):\n {2}• field-sync: ios\/App\/App\/AppDelegate\.swift: add the FieldSyncBackgroundTasks\.registerAtLaunch\(\) call by hand/,
      /`FieldSyncBackgroundTasks\.registerAtLaunch\(\)` as the first line of application\(_:didFinishLaunchingWithOptions:\)/,
    ],
    doctorExpects: APP_DELEGATE_NOT_EDITABLE,
  },
];

for (const c of cases) {
  test(`by flags: ${c.name}`, async (t) => {
    const [cwd, project] = c.make();
    const first = create(c.args, cwd);
    assert.equal(first.code, 0, `exit ${first.code}\n${first.err}\n${first.out}`);
    assert.match(first.out, /\n {2}create +\S*\.bg\.ts +the declaration\n/);
    assert.match(first.out, /Done: \d+ created/);
    for (const re of c.says ?? []) assert.match(first.out, re);
    for (const f of [c.declaration, ...c.files]) assert.ok(existsSync(join(project, f)), `${f} exists`);

    await t.test('the declaration is read back by the real reader, with the answers given', async () => {
      const read = await readDeclaration(join(project, c.declaration));
      assert.ok(read.ok, JSON.stringify(!read.ok && read.diagnostics));
      const { check, ...expected } = c.model;
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(read.model[k as keyof ServiceModel], v, k);
      check?.(read.model);
    });

    await t.test('bg-service generate --check is clean', () => {
      const r = run('bg-service', ['generate', '--check'], project);
      assert.equal(r.code, 0, r.err);
    });

    await t.test('the same command again changes nothing: everything identical, exit 0, no mtime moved', () => {
      const before = snapshot(project);
      const again = create(c.args, cwd);
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, /Nothing to change: 0 created, 0 changed, 0 deleted, [1-9]\d* identical\n/);
      assert.doesNotMatch(again.out, /^ {2}(create|update|delete|force|skip|keep|conflict) /m);
      assert.deepEqual(snapshot(project), before);
    });

    await assertDoctorClean(t, project, c.doctorExpects);

    if (c.declaration.endsWith('.bg.ts') && !c.declaration.includes('/')) {
      await t.test('the standalone module has a package.json naming the service', () => {
        const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { name: string; devDependencies: Record<string, string> };
        assert.equal(pkg.name, c.declaration.replace('.bg.ts', ''));
        assert.ok(pkg.devDependencies['create-bg-service']);
      });
    }
  });
}
