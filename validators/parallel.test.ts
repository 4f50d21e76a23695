/**
 * A parallel audit (worker threads, validators/parallel.ts) reports exactly
 * what one thread reports: the same apps, findings (with their fixes), parse
 * problems, suppressions and files read, in the same order — on a monorepo
 * built to have findings in every kind of place (each app, a plugin manifest
 * that several apps merge, a used suppression in that shared file, a
 * malformed file, desktop units), and on the shared corpus as one tree when present.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { sharedPath, sourcePath } from '../lib/paths.js';
import { makeCapacitorApp, makeTauriApp } from '../e2e/create-apps.js';
import { chooseJobs, PARALLEL_MIN_FILES, runValidation, shareOf, type RunResult } from './run.js';
import { merge } from './parallel.js';
import { gradleApp, manifest, perm } from './android/fixture.js';
import { writeProject } from './testing.js';
import { generatedCapacitorApp } from './drift/testing.js';

/** Everything a report is made of (formatters read these), as plain comparable data. */
function comparable(r: RunResult): unknown {
  return JSON.parse(
    JSON.stringify({
      apps: r.apps,
      findings: r.findings,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
      internalErrors: r.internalErrors,
      fixableCount: r.fixableCount,
      filesRead: r.filesRead,
    }),
  );
}

const SHARED_PLUGIN = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE" />
    <application>
        <!-- bg-doctor-disable-next-line android-fgs-type-permission — the host app declares it in its own flavour manifest -->
        <service android:name="com.acme.sync.SyncService" android:foregroundServiceType="dataSync" android:exported="false" />
        <service android:name="com.acme.sync.UploadService" android:foregroundServiceType="location" android:exported="false" />
        <receiver android:name="com.acme.sync.BootReceiver" android:exported="true">
            <intent-filter><action android:name="android.intent.action.BOOT_COMPLETED" /></intent-filter>
        </receiver>
    </application>
</manifest>
`;

function monorepo(): string {
  const root = writeProject({
    'package.json': '{ "name": "mono", "private": true, "workspaces": ["apps/*"] }\n',
    // A plugin every Capacitor app depends on: its manifest merges into each of them.
    'node_modules/acme-sync/package.json': '{ "name": "acme-sync", "version": "1.0.0" }\n',
    'node_modules/acme-sync/android/src/main/AndroidManifest.xml': SHARED_PLUGIN,
    // Native Android apps, one with a foreground service lacking its permission.
    ...Object.fromEntries(
      Object.entries({
        ...gradleApp(35),
        'app/src/main/AndroidManifest.xml': manifest([perm('FOREGROUND_SERVICE')], ['<service android:name=".Player" android:foregroundServiceType="mediaPlayback" android:exported="false"/>']),
      }).map(([p, c]) => [`apps/native-a/${p}`, c]),
    ),
    ...Object.fromEntries(
      Object.entries({ ...gradleApp(34), 'app/src/main/AndroidManifest.xml': manifest([perm('RECEIVE_BOOT_COMPLETED')]) }).map(([p, c]) => [`apps/native-b/${p}`, c]),
    ),
    // A malformed manifest: a parse-error finding.
    'apps/broken/app/src/main/AndroidManifest.xml': '<manifest xmlns:android="http://schemas.android.com/apk/res/android"><application><service></application>',
    'apps/broken/settings.gradle': "include ':app'\n",
    // Desktop units at the top: they belong to no app.
    'deploy/sync.service': '[Unit]\nDescription=Sync\n\n[Service]\nExecStart=relative/path/sync\nRestart=always\n',
  });
  for (let i = 0; i < 4; i++) {
    makeTauriApp(join(root, 'apps', `tauri-${i}`));
    const cap = makeCapacitorApp(join(root, 'apps', `capacitor-${i}`));
    // Depend on the shared plugin (hoisted to the monorepo's node_modules).
    const pkg = JSON.parse(readFileSync(join(cap, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies['acme-sync'] = '1.0.0';
    writeFileSync(join(cap, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  }
  return root;
}

test('a monorepo audited on 1, 2 and 3 threads gives the same report', async (t) => {
  const root = monorepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const one = await runValidation({ root, jobs: 1 });
  // The tree must exercise what merging has to get right.
  const ids = new Set(one.findings.map((f) => f.ruleId));
  assert.ok(one.apps.length >= 10, `apps: ${one.apps.map((a) => a.name).join(', ')}`);
  assert.ok(ids.has('parse-error'), [...ids].join(', '));
  const shared = one.findings.filter((f) => f.file.includes('acme-sync'));
  assert.equal(new Set(shared.map((f) => f.app)).size, 4, 'each Capacitor app has findings in the shared plugin manifest');
  // The suppression in the shared file silences line 6 for every app, and is used.
  assert.ok(!shared.some((f) => f.line === 6 && f.ruleId === 'android-fgs-type-permission'));
  assert.ok(shared.some((f) => f.line === 7 && f.ruleId === 'android-fgs-type-permission'));
  assert.ok(!ids.has('unused-suppression'), [...ids].join(', '));
  assert.ok(one.findings.some((f) => f.fix), 'some findings carry a fix');
  assert.ok(new Set(one.apps.map((a) => shareOf(a.name, 2))).size === 2, 'the apps spread over both shares');
  // …evenly, also for names that differ only in characters of one parity (plain FNV-1a mod 2 would not).
  const names = Array.from({ length: 1000 }, (_, i) => `apps/app${String(i).padStart(4, '0')}/demo`);
  for (const count of [2, 3, 4]) {
    const per = Array.from({ length: count }, (_, k) => names.filter((n) => shareOf(n, count) === k).length);
    assert.ok(per.every((n) => Math.abs(n - 1000 / count) < 80), `${count} shares: ${per.join(', ')}`);
  }
  for (const jobs of [2, 3]) {
    const many = await runValidation({ root, jobs });
    assert.deepEqual(comparable(many), comparable(one), `jobs=${jobs}`);
  }
});

test('the shared corpus as one tree: the same report on 1 and 2 threads', { skip: !existsSync(sharedPath('corpus')) && 'no corpus folder' }, async () => {
  const root = process.env.BG_CORPUS_DIR ?? sharedPath('corpus');
  const one = await runValidation({ root, jobs: 1 });
  assert.ok(one.findings.length > 0);
  assert.deepEqual(comparable(await runValidation({ root, jobs: 2 })), comparable(one));
});

test('chooseJobs: explicit counts win; auto goes parallel only for big trees', () => {
  assert.equal(chooseJobs(1, 1_000_000), 1);
  assert.equal(chooseJobs(3, 10), 3);
  assert.equal(chooseJobs(undefined, PARALLEL_MIN_FILES - 1), 1);
  // Auto: one thread per core, at most 4.
  assert.equal(chooseJobs(undefined, PARALLEL_MIN_FILES), Math.min(availableParallelism(), 4));
});

test('merge keeps one copy of what several shares read, and findings in app order', () => {
  const app = (name: string) => ({ name, root: `/r/${name}`, kinds: [] });
  const d = { file: '/r/shared.xml', line: 1, column: 1, targetLine: 2, ruleIds: ['x'], reason: 'why', used: false };
  const f = (a: string) => ({ ruleId: 'r', severity: 'error' as const, message: a, file: `/r/${a}/f`, line: 1, column: 1, app: a });
  const merged = merge([
    { apps: [app('b')], findings: [f('b')], problems: [{ file: '/r/p', line: 1, column: 1, message: 'm' }], directives: [d], internalErrors: 0, read: ['/r/shared.xml', '/r/b/f'], claims: [] },
    { apps: [app('a')], findings: [f('a')], problems: [{ file: '/r/p', line: 1, column: 1, message: 'm' }], directives: [{ ...d }], internalErrors: 1, read: ['/r/shared.xml', '/r/a/f'], claims: [] },
  ]);
  assert.deepEqual(merged.apps.map((x) => x.name), ['a', 'b'], 'each share returns its own apps; merged in name order');
  assert.deepEqual(merged.findings.map((x) => x.app), ['a', 'b']);
  assert.equal(merged.problems.length, 1);
  assert.equal(merged.directives.length, 1);
  assert.equal(merged.internalErrors, 1);
  assert.deepEqual([...merged.read].sort(), ['/r/a/f', '/r/b/f', '/r/shared.xml']);
});

const LAUNCHER = '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';

test('two apps on different threads holding declarations of one generator root: its drift is reported once, by the first app', async (t) => {
  const source = readFileSync(sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts'), 'utf8');
  const { root: generated } = await generatedCapacitorApp('bg-par-drift-', 'services/notes-sync.bg.ts', source);
  const root = writeProject({ 'package.json': '{ "name": "mono", "private": true }\n' });
  t.after(() => {
    rmSync(generated, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });
  // A Capacitor app, and a native Android demo inside it (no package.json of its own) whose
  // declaration therefore belongs to the Capacitor app's generator root; on different threads.
  const name = Array.from({ length: 50 }, (_, i) => `apps/cap-${i}`).find((n) => shareOf(n, 2) !== shareOf(`${n}/demo`, 2))!;
  cpSync(generated, join(root, name), { recursive: true });
  for (const [p, c] of Object.entries({ ...gradleApp(35), 'app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]) })) {
    mkdirSync(dirname(join(root, name, 'demo', p)), { recursive: true });
    writeFileSync(join(root, name, 'demo', p), c);
  }
  mkdirSync(join(root, name, 'demo', 'svc'), { recursive: true });
  writeFileSync(join(root, name, 'demo', 'svc', 'demo.bg.ts'), source.replace("name: 'notes-sync'", "name: 'demo-sync'").replace("identifier: 'com.example.notes.sync'", "identifier: 'com.example.demo.sync'"));

  const one = await runValidation({ root, jobs: 1, settings: { assumeTargetSdk: 35 } });
  assert.deepEqual(one.apps.map((a) => a.name), [name, `${name}/demo`]);
  const drift = one.findings.filter((f) => f.ruleId.startsWith('bg-'));
  assert.ok(drift.length > 0 && drift.every((f) => f.app === name), drift.map((f) => `${f.app}: ${f.message}`).join('\n'));
  for (const jobs of [2, 3]) assert.deepEqual(comparable(await runValidation({ root, jobs, settings: { assumeTargetSdk: 35 } })), comparable(one), `jobs=${jobs}`);

  // The first app's manifest malformed: the first app's own rules read it, so its drift check is
  // silent (the parse error says it); the demo's thread has not read it and would report the
  // generator stopping there — the root is the first app's, so nothing of the demo's is kept.
  const appManifest = join(root, name, 'android', 'app', 'src', 'main', 'AndroidManifest.xml');
  writeFileSync(appManifest, readFileSync(appManifest, 'utf8').replace('</manifest>', '<manifest>'));
  const broken = await runValidation({ root, jobs: 1, settings: { assumeTargetSdk: 35 } });
  assert.ok(broken.findings.some((f) => f.ruleId === 'parse-error' && f.file === appManifest), broken.findings.map((f) => f.ruleId).join(', '));
  assert.ok(!broken.findings.some((f) => f.ruleId.startsWith('bg-') && f.app !== name), broken.findings.map((f) => `${f.app}: ${f.ruleId}`).join('\n'));
  for (const jobs of [2, 3]) assert.deepEqual(comparable(await runValidation({ root, jobs, settings: { assumeTargetSdk: 35 } })), comparable(broken), `malformed, jobs=${jobs}`);
});
