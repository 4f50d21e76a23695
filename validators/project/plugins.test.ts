/**
 * Plugin sources in the code scans: registrations in the plugins an app
 * links count for ios-bgtask-handler when didFinishLaunching reaches them;
 * the Android scan sees local plugins' Kotlin (never node_modules').
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles, writeProject } from '../testing.js';
import { createProjectFiles, walk } from './files.js';
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
