/**
 * The project model: detection of app kinds and monorepos, Gradle reading,
 * the merged-manifest emulation (tools:node, maxSdkVersion, plugins, known
 * libraries, Gradle's own merged manifest), and ProjectFiles memoisation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeProject } from '../testing.js';
import { createProjectFiles, toPosix, walk } from './files.js';
import { detectApps } from './detect.js';
import { resolveSdkExpression, stripComments } from './gradle.js';
import { globToRegExp } from '../glob.js';
import { findDirectives } from '../suppress.js';
import { APP, gradleApp, manifest, perm } from '../android/fixture.js';
import type { AppProject } from './types.js';
import { shareOf } from '../run.js';
import fc from 'fast-check';

function detect(files: Record<string, string>, assumeTargetSdk?: number): { apps: AppProject[]; dir: string; done: () => void } {
  const dir = writeProject(files);
  const pf = createProjectFiles(dir, walk(dir));
  const apps = detectApps(pf, { assumeTargetSdk });
  return { apps, dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const LAUNCHER = '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';
const PLIST = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;

/** One app of each marked kind, under apps/. */
const APPS_OF_EVERY_KIND: Record<string, string> = {
    'apps/tauri/src-tauri/tauri.conf.json': '{"identifier":"a.b"}',
    'apps/tauri/src-tauri/gen/android/app/src/main/AndroidManifest.xml': manifest([perm('INTERNET')], [LAUNCHER]),
    'apps/tauri/src-tauri/gen/apple/x_iOS/Info.plist': PLIST('<key>CFBundleName</key><string>x</string>\n'),
    'apps/cap/capacitor.config.json': '{"appId":"a.b"}',
    'apps/cap/android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    'apps/cap/ios/App/App/Info.plist': PLIST(''),
    'apps/flutter/pubspec.yaml': 'name: f\ndependencies:\n  flutter:\n    sdk: flutter\n',
    'apps/flutter/android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    'apps/expo/package.json': '{"dependencies":{"expo":"52"}}',
    'apps/expo/app.json': '{"expo":{"android":{"permissions":["CAMERA"]}}}',
    'apps/rn/package.json': '{"dependencies":{"react-native":"0.76"}}',
    'apps/rn/android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
};

test('detects Tauri, Capacitor, Flutter, Expo, RN and native apps of a monorepo, each once', () => {
  const d = detect({
    ...APPS_OF_EVERY_KIND,
    'native/settings.gradle': "include ':app'\n",
    'native/app/build.gradle': "plugins { id 'com.android.application' }\nandroid { defaultConfig { targetSdk 35 } }\n",
    'native/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    'mac/Agent.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{}\n',
    'mac/Agent/Info.plist': PLIST(''),
    'units/sync.service': '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n',
  });
  try {
    const byName = new Map(d.apps.map((a) => [a.name, a]));
    assert.deepEqual([...byName.keys()].sort(), ['.', 'apps/cap', 'apps/expo', 'apps/flutter', 'apps/rn', 'apps/tauri', 'mac', 'native']);
    assert.ok(byName.get('apps/tauri')!.kinds.includes('tauri') && byName.get('apps/tauri')!.android && byName.get('apps/tauri')!.ios.length === 1);
    assert.ok(byName.get('apps/cap')!.kinds.includes('capacitor') && byName.get('apps/cap')!.ios.length === 1);
    assert.ok(byName.get('apps/flutter')!.kinds.includes('flutter'));
    assert.equal(byName.get('apps/expo')!.android!.model, 'expo-config');
    assert.deepEqual(byName.get('apps/expo')!.android!.merged.permissions.map((p) => p.name), ['android.permission.CAMERA']);
    assert.ok(byName.get('apps/rn')!.kinds.includes('react-native'));
    assert.equal(byName.get('native')!.android!.targetSdk, 35);
    assert.ok(byName.get('mac')!.kinds.includes('ios-native'));
    assert.deepEqual(byName.get('.')!.desktop.systemdUnits.map((u) => u.slice(d.dir.length + 1)), ['units/sync.service']);
  } finally {
    d.done();
  }
});

test('plugin manifests of direct node_modules dependencies merge (and only those)', () => {
  const d = detect({
    'package.json': '{"dependencies":{"@capacitor/core":"7","cap-plugin-boot":"1"},"devDependencies":{"dev-only":"1"}}',
    'capacitor.config.json': '{}',
    'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    'node_modules/cap-plugin-boot/android/src/main/AndroidManifest.xml': manifest([perm('RECEIVE_BOOT_COMPLETED')], [], 'com.boot'),
    'node_modules/dev-only/android/src/main/AndroidManifest.xml': manifest([perm('CAMERA')], [], 'com.dev'),
    'node_modules/unrelated/android/src/main/AndroidManifest.xml': manifest([perm('SEND_SMS')], [], 'com.u'),
  });
  try {
    const a = d.apps[0]!.android!;
    const names = a.merged.permissions.map((p) => p.name);
    assert.ok(names.includes('android.permission.RECEIVE_BOOT_COMPLETED'));
    assert.ok(!names.includes('android.permission.CAMERA') && !names.includes('android.permission.SEND_SMS'));
    assert.equal(a.merged.permissions.find((p) => p.name.endsWith('RECEIVE_BOOT_COMPLETED'))!.origin, 'plugin');
  } finally {
    d.done();
  }
});

test('merge: tools:node remove/replace, tools:remove, maxSdkVersion caps, placeholders, known libraries', () => {
  const d = detect(
    {
      ...gradleApp(35, 35, ["project(':lib')", "'androidx.work:work-runtime-ktx:2.10.0'"]),
      'settings.gradle': "include ':app', ':lib'\n",
      'lib/build.gradle': "plugins { id 'com.android.library' }\n",
      [APP]: manifest(
        [
          perm('CAMERA', 'tools:node="remove"'),
          perm('WRITE_EXTERNAL_STORAGE', 'android:maxSdkVersion="28"'),
          perm('READ_EXTERNAL_STORAGE', 'android:maxSdkVersion="32" tools:node="replace"'),
          '<uses-permission android:name="${flavorPermission}"/>',
        ],
        [LAUNCHER, '<service android:name="com.lib.Svc" tools:node="replace"/>', '<receiver android:name="com.lib.Rx" tools:remove="android:exported"/>'],
      ),
      'lib/src/main/AndroidManifest.xml': manifest(
        [perm('CAMERA'), perm('WRITE_EXTERNAL_STORAGE'), perm('READ_EXTERNAL_STORAGE')],
        ['<service android:name=".Svc" android:foregroundServiceType="camera"/>', '<receiver android:name=".Rx" android:exported="true"><intent-filter><action android:name="x"/></intent-filter></receiver>'],
        'com.lib',
      ),
    },
  );
  try {
    const a = d.apps[0]!.android!;
    const p = (n: string) => a.merged.permissions.find((x) => x.name === `android.permission.${n}`);
    assert.equal(p('CAMERA'), undefined, 'removed');
    assert.equal(p('WRITE_EXTERNAL_STORAGE')!.maxSdkVersion, undefined, 'a library without the cap lifts it');
    assert.equal(p('READ_EXTERNAL_STORAGE')!.maxSdkVersion, 32, 'tools:node="replace" keeps the app cap');
    assert.ok(a.merged.permissions.some((x) => x.name === '${flavorPermission}'));
    const svc = a.merged.components.find((c) => c.name === 'com.lib.Svc')!;
    assert.deepEqual(svc.foregroundServiceTypes, [], 'replaced: the library attribute is gone');
    const rx = a.merged.components.find((c) => c.name === 'com.lib.Rx')!;
    assert.equal(rx.exported, undefined, 'tools:remove drops the attribute');
    assert.ok(rx.hasIntentFilter);
    assert.ok(a.merged.libraries.includes('lib') && a.merged.libraries.includes('androidx.work:work-runtime'));
    const sfs = a.merged.components.find((c) => c.name === 'androidx.work.impl.foreground.SystemForegroundService')!;
    assert.equal(sfs.origin, 'known');
    assert.deepEqual(sfs.foregroundServiceTypes, []);
  } finally {
    d.done();
  }
});

test("Gradle's own merged manifest is preferred, with locations in the sources", () => {
  const d = detect({
    ...gradleApp(35),
    [APP]: manifest([perm('INTERNET')], [LAUNCHER]),
    'app/build/intermediates/merged_manifest/release/processReleaseMainManifest/AndroidManifest.xml': manifest(
      ['<uses-sdk android:minSdkVersion="24" android:targetSdkVersion="35"/>', perm('INTERNET'), perm('FOREGROUND_SERVICE')],
      [LAUNCHER],
    ),
  });
  try {
    const a = d.apps[0]!.android!;
    assert.ok(a.merged.fromGradle?.endsWith('AndroidManifest.xml'));
    const internet = a.merged.permissions.find((p) => p.name === 'android.permission.INTERNET')!;
    assert.equal(internet.file, join(d.dir, APP), 'located in the source manifest');
    assert.ok(a.merged.permissions.some((p) => p.name === 'android.permission.FOREGROUND_SERVICE'), 'from a library only Gradle knew');
  } finally {
    d.done();
  }
});

test('SDK levels: ext, catalogs, buildSrc, properties, flutter stays unresolved', () => {
  const root = { dir: '/x', includes: new Map(), ext: new Map([['targetSdkVersion', { value: '33', loc: { file: 'b', line: 1, column: 1, start: 0, end: 2 } }]]), constants: new Map([['sdkTarget', { value: '36', loc: { file: 'c', line: 1, column: 1, start: 0, end: 2 } }]]), catalogVersions: new Map([['targetsdk', { value: '34', loc: { file: 'd', line: 1, column: 1, start: 0, end: 2 } }]]), catalogLibraries: new Map(), catalogBundles: new Map(), catalogPlugins: new Map(), conventionFiles: [] };
  assert.equal(resolveSdkExpression('34', root).value, 34);
  assert.equal(resolveSdkExpression("'android-34'", root).value, 34);
  assert.equal(resolveSdkExpression('rootProject.ext.targetSdkVersion', root).value, 33);
  assert.equal(resolveSdkExpression('libs.versions.targetSdk.get().toInt()', root).value, 34);
  assert.equal(resolveSdkExpression('ThunderbirdProjectConfig.Android.sdkTarget', root).value, 36);
  assert.equal(resolveSdkExpression('flutter.targetSdkVersion', root).value, undefined);
  assert.equal(resolveSdkExpression('flutter.targetSdkVersion', root).unresolved, 'flutter.targetSdkVersion');
  assert.equal(resolveSdkExpression('release(36)', root).value, 36);
  assert.equal(stripComments('a // x "y"\nb /* c */ "d // e"'), 'a         \nb         "d // e"');
});

test('Flutter app: flutter.targetSdkVersion is unknown, not low', () => {
  const d = detect({
    'pubspec.yaml': 'name: f\nflutter:\n  uses-material-design: true\n',
    'android/app/build.gradle.kts': 'plugins { id("com.android.application") }\nandroid { defaultConfig { targetSdk = flutter.targetSdkVersion } }\n',
    'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
  });
  try {
    const t = d.apps[0]!.android!.sdk.targetSdk;
    assert.equal(t.value, undefined);
    assert.equal(t.unresolved, 'flutter.targetSdkVersion');
  } finally {
    d.done();
  }
});

test('ProjectFiles parses each file once and records malformed files', () => {
  const dir = writeProject({ 'a.xml': '<a><b></a>', 'ok.xml': '<ok/>', 'x.json': '{"a": [1,}' });
  try {
    const pf = createProjectFiles(dir, walk(dir));
    assert.equal(pf.xml(join(dir, 'a.xml')), undefined);
    assert.ok(pf.xml(join(dir, 'ok.xml')));
    assert.equal(pf.xml(join(dir, 'ok.xml')), pf.xml(join(dir, 'ok.xml')));
    pf.json(join(dir, 'x.json'));
    assert.equal(pf.readCount, 3);
    assert.equal(pf.problems.length, 2);
    assert.equal(pf.problems[0]!.line, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ignore globs and suppression directives', () => {
  assert.ok(globToRegExp('examples/**').test('examples/a/b.xml'));
  assert.ok(globToRegExp('legacy/').test('legacy/x/y'));
  assert.ok(globToRegExp('*.plist').test('deep/x/Info.plist'));
  assert.ok(!globToRegExp('/app/*.xml').test('lib/app/a.xml'));
  assert.ok(globToRegExp('{a,b}/c').test('b/c'));
  const ds = findDirectives('f', 'x\n<!-- bg-doctor-disable-next-line a-b, c-d — because\n  reasons -->\n<e/>\n// bg-doctor-disable-next-line z -- why\nfoo\n');
  assert.deepEqual(ds.map((d) => [d.line, d.targetLine, d.ruleIds, d.reason]), [
    [2, 4, ['a-b', 'c-d'], 'because\n  reasons'],
    [5, 6, ['z'], 'why'],
  ]);
});

test('ProjectFiles reads files through one descriptor: a named pipe is no file (and never blocks), a folder neither', { skip: process.platform === 'win32' && 'no mkfifo' }, () => {
  const dir = writeProject({ 'a.json': '{ "ok": true }\n', 'sub/b.txt': 'b\n' });
  try {
    const fifo = join(dir, 'pipe.json');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, String(made.stderr));
    const pf = createProjectFiles(dir, [join(dir, 'a.json'), fifo, join(dir, 'sub')]);
    assert.equal((pf.json(join(dir, 'a.json')) as { ok?: unknown }).ok, true);
    assert.equal(pf.read(fifo), undefined);
    assert.equal(pf.read(join(dir, 'sub')), undefined);
    assert.equal(pf.readCount, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An app as plain data (its ProjectFiles and parsed documents' parent links left out): what a worker's share must reproduce exactly. */
function plainApp(a: AppProject): unknown {
  return JSON.parse(JSON.stringify(a, (k, v: unknown) => (k === 'files' || k === 'parent' ? undefined : v instanceof Map ? [...v] : v instanceof Set ? [...v] : v)));
}

test('sharded detection: the shares together find exactly the apps one pass finds, each loaded by one share', () => {
  const twoApps = (dir: string) => ({
    [`${dir}/settings.gradle`]: "include ':phone', ':wear'\n",
    [`${dir}/phone/build.gradle`]: "plugins { id 'com.android.application' }\nandroid { defaultConfig { targetSdk 35 } }\n",
    [`${dir}/phone/src/main/AndroidManifest.xml`]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER]),
    [`${dir}/wear/build.gradle`]: "plugins { id 'com.android.application' }\nandroid { defaultConfig { targetSdk 34 } }\n",
    [`${dir}/wear/src/main/AndroidManifest.xml`]: manifest([], [LAUNCHER]),
  });
  const dir = writeProject({
    ...APPS_OF_EVERY_KIND,
    'apps/tauri/bg-services/sync/sync.bg.ts': 'export default {}\n',
    // A flutter-like root whose android/ has no app module: no app at all.
    'apps/empty-flutter/pubspec.yaml': 'name: e\ndependencies:\n  flutter:\n    sdk: flutter\n',
    // Native groups of two apps each: each module becomes an app.
    ...twoApps('native'),
    // …one with a desktop unit and a declaration inside a module, and an app root inside it.
    ...twoApps('watch'),
    'watch/wear/deploy/sync.service': '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n',
    'watch/phone/svc/phone.bg.ts': 'export default {}\n',
    'watch/companion/capacitor.config.json': '{"appId":"c.d"}',
    'single/settings.gradle': "include ':app'\n",
    'single/app/build.gradle': "plugins { id 'com.android.application' }\nandroid { defaultConfig { targetSdk 33 } }\n",
    'single/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    // Native iOS groups, one holding a declaration; a plist group that yields no target.
    'mac/Agent.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{}\n',
    'mac/Agent/Info.plist': PLIST(''),
    'mac/svc/agent.bg.ts': 'export default {}\n',
    'tv/Tv.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{}\n',
    'tv/Tv/Info.plist': PLIST('<key>UIBackgroundModes</key><array><string>audio</string></array>\n'),
    'units/sync.service': '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n',
  });
  try {
    const one = createProjectFiles(dir, walk(dir));
    const all = detectApps(one);
    const names = all.map((a) => a.name);
    assert.ok(names.includes('watch/phone') && names.includes('watch/wear') && names.includes('watch/companion') && names.includes('native/phone'), names.join(', '));
    for (const count of [2, 3, 5]) {
      const shares = Array.from({ length: count }, (_, index) => {
        const files = createProjectFiles(dir, walk(dir));
        const owns = (unitDir: string) => shareOf(toPosix(relative(dir, unitDir)) || '.', count) === index;
        return { files, owns, apps: detectApps(files, {}, { owns }) };
      });
      const union = shares.flatMap((s) => s.apps).sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(union.map(plainApp), all.map(plainApp), `${count} shares`);
      // Each marked root's manifest is read by the share that owns it only: the others skip its loading.
      for (const app of ['apps/tauri', 'apps/cap', 'apps/rn']) {
        const readBy = shares.filter((s) => [...s.files.texts()].some(([f]) => f.startsWith(join(dir, app) + sep) && f.endsWith('AndroidManifest.xml')));
        assert.deepEqual(readBy.map((s) => s.owns(join(dir, app))), [true], `${app} with ${count} shares`);
      }
      assert.ok(shares.every((s) => s.files.readCount < one.readCount), `${count} shares: every share reads less than one pass`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One unit of a random tree: files relative to the folder it is placed in. */
const UNIT_KINDS: Record<string, () => Record<string, string>> = {
  tauri: () => ({
    'src-tauri/tauri.conf.json': '{"identifier":"a.b"}',
    'src-tauri/gen/android/app/src/main/AndroidManifest.xml': manifest([perm('INTERNET')], [LAUNCHER]),
    'src-tauri/gen/apple/x_iOS/Info.plist': PLIST(''),
  }),
  capacitor: () => ({ 'capacitor.config.json': '{}', 'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]), 'ios/App/App/Info.plist': PLIST('') }),
  flutter: () => ({ 'pubspec.yaml': 'name: f\nflutter:\n  uses-material-design: true\n', 'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]) }),
  expo: () => ({ 'package.json': '{"dependencies":{"expo":"52"}}', 'app.json': '{"expo":{}}' }),
  'react-native': () => ({ 'package.json': '{"dependencies":{"react-native":"0.76"}}', 'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]) }),
  'gradle-one': () => ({ ...gradleApp(34), [APP]: manifest([perm('WAKE_LOCK')], [LAUNCHER]) }),
  'gradle-two': () => ({
    'settings.gradle': "include ':phone', ':wear'\n",
    'phone/build.gradle': "plugins { id 'com.android.application' }\n",
    'phone/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
    'wear/build.gradle': "plugins { id 'com.android.application' }\n",
    'wear/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]),
  }),
  'loose-module': () => ({ 'src/main/AndroidManifest.xml': manifest([perm('CAMERA')], [LAUNCHER]) }),
  library: () => ({ 'lib/src/main/AndroidManifest.xml': manifest([perm('VIBRATE')]) }),
  xcode: () => ({ 'Mac.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{}\n', 'Mac/Info.plist': PLIST('<key>UIBackgroundModes</key><array><string>fetch</string></array>\n') }),
  'bare-plist': () => ({ 'Target/Info.plist': PLIST('') }),
  'desktop-unit': () => ({ 'sync.service': '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n' }),
  declaration: () => ({ 'svc/x.bg.ts': 'export default {}\n' }),
};

test('sharded detection equals one pass on random trees of nested apps, groups, units and declarations', () => {
  const kinds = Object.keys(UNIT_KINDS);
  const unit = fc.record({ kind: fc.constantFrom(...kinds), parent: fc.nat(), name: fc.constantFrom('a', 'b', 'app', 'android', 'ios', 'demo', 'x') });
  fc.assert(
    fc.property(fc.array(unit, { minLength: 1, maxLength: 9 }), fc.integer({ min: 2, max: 4 }), (units, count) => {
      // Each unit goes into a new folder under the root or under an earlier unit's folder.
      const dirs = [''];
      const files: Record<string, string> = {};
      for (const u of units) {
        const base = dirs[u.parent % dirs.length]!;
        const d = `${base}${base ? '/' : ''}${u.name}${dirs.length}`;
        dirs.push(d);
        for (const [p, c] of Object.entries(UNIT_KINDS[u.kind]!())) files[`${d}/${p}`] = c;
      }
      const dir = writeProject(files);
      try {
        const all = detectApps(createProjectFiles(dir, walk(dir)));
        const union = Array.from({ length: count }, (_, index) =>
          detectApps(createProjectFiles(dir, walk(dir)), {}, { owns: (u) => shareOf(toPosix(relative(dir, u)) || '.', count) === index }),
        )
          .flat()
          .sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(union.map(plainApp), all.map(plainApp));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60, seed: 20261122 },
  );
});
