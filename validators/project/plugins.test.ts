/**
 * Plugin sources in the code scans: registrations in the plugins an app
 * links count for ios-bgtask-handler when didFinishLaunching reaches them;
 * the Android scan sees local plugins' Kotlin (never node_modules').
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lintFiles, writeProject } from '../testing.js';
import { matcher } from '../glob.js';
import { attachWalkRecord, createProjectFiles, detachedWalkRecord, walk, type WalkOptions } from './files.js';
import { KOTLIN, listSources, readSources, SWIFT } from './plugins.js';
import { detectApps } from './detect.js';
import iosBgtaskHandler from '../rules/ios-bgtask-handler.js';
import { gradleApp, manifest } from '../android/fixture.js';

const PLIST = (ids: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.app</string>\n` +
  `\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>fetch</string>\n\t\t<string>processing</string>\n\t</array>\n` +
  `\t<key>BGTaskSchedulerPermittedIdentifiers</key>\n\t<array>\n${ids.map((i) => `\t\t<string>${i}</string>\n`).join('')}\t</array>\n</dict>\n</plist>\n`;

const DELEGATE = (launch: string) => `import UIKit
@UIApplicationMain
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        ${launch}
        return true
    }
}
`;

const PLUGIN_SWIFT = `import BackgroundTasks
public enum AcmeTasks {
    public static let refreshId = "com.acme.sync.refresh"
    public static func setUp() {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: refreshId, using: nil) { task in
            task.setTaskCompleted(success: true)
        }
    }
}
`;

function capacitorApp(launch: string, extra: Record<string, string>, dependencies: Record<string, string>): Record<string, string> {
  return {
    'capacitor.config.json': '{ "appId": "com.example.app" }',
    'package.json': JSON.stringify({ name: 'app', dependencies: { '@capacitor/core': '8.0.0', ...dependencies } }),
    'ios/App/App/Info.plist': PLIST(['com.acme.sync.refresh']),
    'ios/App/App/AppDelegate.swift': DELEGATE(launch),
    ...extra,
  };
}

const NODE_PLUGIN = {
  'node_modules/@acme/sync/package.json': JSON.stringify({ name: '@acme/sync', capacitor: { ios: { src: 'ios' }, android: { src: 'android' } } }),
  'node_modules/@acme/sync/ios/Sources/AcmeSyncPlugin/AcmeTasks.swift': PLUGIN_SWIFT,
};

async function handlerFindings(files: Record<string, string>) {
  const r = await lintFiles(files, { rules: [iosBgtaskHandler] });
  try {
    return r.findings.map((f) => `${f.severity} ${f.rel}:${f.line} ${f.message}`);
  } finally {
    r.cleanup();
  }
}

test('a Capacitor plugin in node_modules that the app depends on: its registration counts when didFinishLaunching calls into it', async () => {
  assert.deepEqual(await handlerFindings(capacitorApp('AcmeTasks.setUp()', NODE_PLUGIN, { '@acme/sync': '1.0.0' })), []);
});

test('… not when the app never calls it (a warning naming the plugin registration), and not when the package is no dependency', async () => {
  const notCalled = await handlerFindings(capacitorApp('// nothing', NODE_PLUGIN, { '@acme/sync': '1.0.0' }));
  assert.equal(notCalled.length, 1, notCalled.join('\n'));
  assert.match(notCalled[0]!, /^warning ios\/App\/App\/Info\.plist:\d+ "com\.acme\.sync\.refresh" is registered by a plugin \(node_modules\/@acme\/sync\/ios\/Sources\/AcmeSyncPlugin\/AcmeTasks\.swift:5, in setUp\(\)\)/);
  const notADependency = await handlerFindings(capacitorApp('AcmeTasks.setUp()', NODE_PLUGIN, {}));
  assert.equal(notADependency.length, 1, notADependency.join('\n'));
  assert.match(notADependency[0]!, /no launch handler is registered for "com\.acme\.sync\.refresh"/);
});

test('a bg-service module listed in .bg-service/state.json, and a file: dependency, count the same way', async () => {
  const state = {
    version: 1,
    services: {
      sync: { declaration: 'services/sync.bg.ts', files: { 'services/capacitor/ios/Sources/SyncPlugin/AcmeTasks.swift': 'x' }, userFiles: [], contributions: [] },
    },
  };
  assert.deepEqual(
    await handlerFindings(capacitorApp('AcmeTasks.setUp()', { '.bg-service/state.json': JSON.stringify(state), 'services/capacitor/ios/Sources/SyncPlugin/AcmeTasks.swift': PLUGIN_SWIFT }, {})),
    [],
  );
  assert.deepEqual(
    await handlerFindings(
      capacitorApp(
        'AcmeTasks.setUp()',
        { 'plugins/sync/package.json': JSON.stringify({ name: 'sync', capacitor: { ios: { src: 'ios' } } }), 'plugins/sync/ios/Plugin/AcmeTasks.swift': PLUGIN_SWIFT },
        { sync: 'file:plugins/sync' },
      ),
    ),
    [],
  );
});

test('a Tauri plugin the app depends on by path: its ios/ sources count', async () => {
  const files = {
    'src-tauri/tauri.conf.json': '{ "identifier": "com.example.app" }',
    'src-tauri/Cargo.toml': '[package]\nname = "app"\n\n[dependencies]\ntauri = "2"\ntauri-plugin-acme = { path = "../plugins/acme" }\n',
    'src-tauri/gen/apple/app_iOS/Info.plist': PLIST(['com.acme.sync.refresh']),
    'src-tauri/gen/apple/app_iOS/AppDelegate.swift': DELEGATE('AcmeTasks.setUp()'),
    'plugins/acme/Cargo.toml': '[package]\nname = "tauri-plugin-acme"\n',
    'plugins/acme/ios/Sources/AcmeTasks.swift': PLUGIN_SWIFT,
  };
  assert.deepEqual(await handlerFindings(files), []);
  const { ['plugins/acme/ios/Sources/AcmeTasks.swift']: _gone, ...without } = files;
  assert.equal((await handlerFindings(without)).length, 1);
});

test("the Android scan sees local plugins' Kotlin (state file, file: dependencies), not node_modules'", () => {
  const kt = (cls: string) => `package com.acme\nclass ${cls} : android.app.Service()\n`;
  const dir = writeProject({
    'capacitor.config.json': '{ "appId": "com.example.app" }',
    'package.json': JSON.stringify({ dependencies: { local: 'file:plugins/local', remote: '1.0.0' } }),
    ...Object.fromEntries(Object.entries(gradleApp(35)).map(([p, c]) => [`android/${p}`, c])),
    'android/app/src/main/AndroidManifest.xml': manifest([], []),
    'android/app/src/main/java/com/example/Main.kt': kt('Main'),
    '.bg-service/state.json': JSON.stringify({ version: 1, services: { s: { declaration: 's.bg.ts', files: { 'services/capacitor/android/src/main/java/com/acme/Generated.kt': 'h' }, userFiles: [], contributions: [] } } }),
    'services/capacitor/android/src/main/java/com/acme/Generated.kt': kt('Generated'),
    'plugins/local/package.json': JSON.stringify({ name: 'local', capacitor: { android: { src: 'android' } } }),
    'plugins/local/android/src/main/java/com/acme/Local.kt': kt('Local'),
    'node_modules/remote/package.json': JSON.stringify({ name: 'remote', capacitor: { android: { src: 'android' } } }),
    'node_modules/remote/android/src/main/java/com/acme/Remote.kt': kt('Remote'),
  });
  try {
    const [app] = detectApps(createProjectFiles(dir, walk(dir)));
    const names = app!.android!.sourceFiles.map((f) => f.slice(f.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(names, ['Generated.kt', 'Local.kt', 'Main.kt']);
    assert.ok(app!.android!.sourceFiles.every((f) => f.startsWith(dir) && !f.includes(join('node_modules', ''))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A tree with every case where the walk's list and a readdir listing of a
 * plugin folder could part: links to files, dangling links and links to
 * folders, folders the walk skips (SKIPPED_DIRS, *.xcassets, *.lproj) that a
 * readdir listing enters, SKIP names it enters and a readdir listing does not,
 * ignored files and folders, more than 10 levels, node_modules, a folder
 * outside the root and a plugin reached through a link.
 */
function pluginTree(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'bg-doctor-plugins-'));
  const root = join(base, 'app');
  const deep = Array.from({ length: 12 }, (_, i) => `d${i + 1}`);
  const files: Record<string, string> = {
    'plugin/ios/A.swift': 'a',
    'plugin/ios/Sources/B.swift': 'b',
    'plugin/ios/Sources/B.m': 'b',
    'plugin/ios/Sources/B.mm': 'b',
    'plugin/ios/Sources/notes.txt': 'n',
    'plugin/ios/Assets.xcassets/X.swift': 'x',
    'plugin/ios/en.lproj/X.swift': 'x',
    'plugin/ios/.git/X.swift': 'x',
    'plugin/ios/target/X.swift': 'x',
    'plugin/ios/build/X.swift': 'x',
    'plugin/ios/Pods/X.swift': 'x',
    'plugin/ios/node_modules/X.swift': 'x',
    'plugin/ios/example/E.swift': 'e',
    'plugin/ios/examples/E.swift': 'e',
    'plugin/ios/PluginTests/T.swift': 't',
    'plugin/ios/UITest/T.swift': 't',
    'plugin/ios/test/T.swift': 't',
    'plugin2/ios/Sources/Plugin/P.swift': 'p',
    'plugin2/ios/Sources/Plugin/P.m': 'p',
    'plugin2/ios/build/X.swift': 'x',
    'plugin2/ios/DerivedData/X.swift': 'x',
    'plugin2/ios/example/E.swift': 'e',
    'plugin2/ios/SyncTests/T.swift': 't',
    'plugin2/android/src/main/java/com/acme/K.kt': 'k',
    'plugin2/android/src/main/java/com/acme/J.java': 'j',
    'plugin2/android/src/main/java/com/acme/androidTest/T.kt': 't',
    'plugin2/android/src/main/kotlin/com/acme/K2.kt': 'k',
    'plugin2/android/src/main/kotlin/com/acme/.gradle/X.kt': 'x',
    'ignored/ios/Keep.swift': 'k',
    'ignored/ios/Secret.swift': 's',
    'ignored/ios/Hidden/H.swift': 'h',
    'ignored/ios/Sub/Shown.swift': 's',
    'node_modules/pkg/ios/N.swift': 'n',
    'shared/S.swift': 's',
    'shared/S.kt': 's',
    ...Object.fromEntries(deep.map((_, i) => [`plugin2/ios/deep/${deep.slice(0, i + 1).join('/')}/L${i + 1}.swift`, 'l'])),
    ...Object.fromEntries(deep.map((_, i) => [`plugin2/android/src/main/java/${deep.slice(0, i + 1).join('/')}/L${i + 1}.kt`, 'l'])),
    '../outside/ios/O.swift': 'o',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  symlinkSync(join(root, 'plugin', 'ios', 'A.swift'), join(root, 'plugin2', 'ios', 'Sources', 'Linked.swift'));
  symlinkSync(join(root, 'missing.swift'), join(root, 'plugin2', 'ios', 'Sources', 'Dangling.swift'));
  symlinkSync(join(root, 'shared'), join(root, 'plugin2', 'ios', 'Shared'));
  symlinkSync(join(root, 'shared'), join(root, 'plugin2', 'android', 'src', 'main', 'java', 'shared'));
  symlinkSync(join(root, 'plugin2'), join(root, 'linked-plugin'));
  return { base, root };
}

/** Every folder under `dir` as a readdir sees it, links to folders included (not followed further). */
function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...foldersUnder(join(dir, e.name)));
    else if (e.isSymbolicLink()) out.push(join(dir, e.name));
  }
  return out;
}

test('plugin sources listed from the walk equal a readdir listing: links, skipped and ignored folders, SKIP names, depth, node_modules, outside the root', () => {
  const { base, root } = pluginTree();
  try {
    const walks: Array<[string, WalkOptions]> = [
      ['no ignore', {}],
      ['ignore', { ignore: matcher(['ignored/ios/Secret.swift', 'ignored/ios/Hidden/']) }],
      ['stopped at maxEntries', { maxEntries: 5 }],
    ];
    const folders = [
      ...foldersUnder(root),
      join(root, 'linked-plugin', 'ios'),
      join(root, 'linked-plugin', 'android', 'src', 'main', 'java'),
      join(root, 'plugin2', 'android', 'src', 'main', 'kotlin', 'missing'),
      join(root, 'plugin', 'ios', 'A.swift'),
      join(base, 'outside', 'ios'),
    ];
    let compared = 0;
    for (const [name, options] of walks) {
      const files = createProjectFiles(root, walk(root, options));
      for (const dir of folders) {
        for (const pattern of [SWIFT, KOTLIN]) {
          for (const depth of [10, 2]) {
            assert.deepEqual(listSources(files, dir, pattern, depth), readSources(dir, pattern, depth), `${name}: ${dir} ${pattern} depth ${depth}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 300, `${compared} listings compared`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('… and the walk, not the disk, answers for folders it read whole; the others are read from the disk', () => {
  const { base, root } = pluginTree();
  try {
    const files = createProjectFiles(root, walk(root, { ignore: matcher(['ignored/ios/Secret.swift']) }));
    const before = (dir: string) => listSources(files, join(root, dir), SWIFT);
    const read = ['plugin2/ios', 'plugin2/ios/Sources', 'plugin/ios/Sources', 'ignored/ios/Sub'];
    const fallback = ['plugin/ios', 'ignored/ios', 'node_modules/pkg/ios', 'linked-plugin/ios'];
    const listed = new Map([...read, ...fallback].map((d) => [d, before(d)]));
    // A file written after the walk: only a readdir listing sees it.
    for (const d of [...read, ...fallback]) writeFileSync(join(root, d, 'Added.swift'), 'new');
    for (const d of read) assert.deepEqual(listSources(files, join(root, d), SWIFT), listed.get(d), d);
    for (const d of fallback) {
      const now = listSources(files, join(root, d), SWIFT);
      assert.ok(now.includes(join(root, d, 'Added.swift')) && now.length > listed.get(d)!.length, d);
      assert.deepEqual(now, readSources(join(root, d), SWIFT, 10), d);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a worker thread lists from the walk too: its copy of the list gets the record back (attachWalkRecord)', () => {
  const { base, root } = pluginTree();
  try {
    const paths = walk(root);
    const copy = structuredClone(paths); // what a worker receives
    const detached = structuredClone(detachedWalkRecord(paths));
    assert.ok(detached, 'the walk kept a record of its list');
    const dir = join(root, 'plugin2', 'ios');
    const before = listSources(createProjectFiles(root, copy), dir, SWIFT);
    writeFileSync(join(dir, 'Added.swift'), 'new');
    assert.ok(listSources(createProjectFiles(root, copy), dir, SWIFT).includes(join(dir, 'Added.swift')), 'without the record: read from the disk');
    attachWalkRecord(copy, detached);
    assert.deepEqual(listSources(createProjectFiles(root, copy), dir, SWIFT), before, 'with it: from the walk');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
