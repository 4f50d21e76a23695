/**
 * bg-doctor benchmark (for `npm run bench`, or `node dist/validators/bench.js`):
 * wall time of the real CLI on a typical app and on synthetic monorepos of
 * 100 and 1,000 apps (growth should be linear), plus the corpus cases.
 * Prints one JSON object; `--quick` skips the 1,000-app monorepo.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, sharedPath } from '../lib/paths.js';

const CLI = join(packageRoot, 'dist', 'cli', 'bg-doctor.js');

const LAUNCHER =
  '<activity android:name=".MainActivity" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';

/** Files of one typical Capacitor app with a background service, an iOS target, plugins and sources. */
export function typicalApp(name: string): Record<string, string> {
  const manifest = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools">
    <uses-permission android:name="android.permission.INTERNET"/>
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE"/>
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE_DATA_SYNC"/>
    <uses-permission android:name="android.permission.POST_NOTIFICATIONS"/>
    <uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED"/>
    <application android:label="${name}">
        ${LAUNCHER}
        <service android:name=".SyncService" android:exported="false" android:foregroundServiceType="dataSync"/>
        <receiver android:name=".BootReceiver" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>
    </application>
</manifest>
`;
  const plist = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
    <key>CFBundleIdentifier</key><string>com.example.${name.replace(/\W/g, '')}</string>
    <key>UIBackgroundModes</key><array><string>fetch</string></array>
</dict>
</plist>
`;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name, dependencies: { '@capacitor/core': '7.0.0', 'bench-plugin': '1.0.0' } }),
    'capacitor.config.json': JSON.stringify({ appId: `com.example.${name}`, appName: name }),
    'android/settings.gradle': "include ':app'\n",
    'android/variables.gradle': 'ext {\n    minSdkVersion = 24\n    compileSdkVersion = 35\n    targetSdkVersion = 35\n}\n',
    'android/build.gradle': "apply from: 'variables.gradle'\n",
    'android/app/build.gradle':
      "apply plugin: 'com.android.application'\nandroid {\n    namespace 'com.example.app'\n    compileSdk rootProject.ext.compileSdkVersion\n    defaultConfig {\n        applicationId 'com.example.app'\n        targetSdkVersion rootProject.ext.targetSdkVersion\n    }\n}\ndependencies {\n    implementation 'androidx.work:work-runtime-ktx:2.10.0'\n}\n",
    'android/app/src/main/AndroidManifest.xml': manifest,
    'ios/App/App/Info.plist': plist,
    'node_modules/bench-plugin/android/src/main/AndroidManifest.xml':
      '<manifest xmlns:android="http://schemas.android.com/apk/res/android"><uses-permission android:name="android.permission.WAKE_LOCK"/></manifest>\n',
  };
  for (let i = 0; i < 20; i++) {
    files[`android/app/src/main/java/com/example/app/File${i}.kt`] =
      `package com.example.app\n\nclass File${i} {\n    fun work(): Int {\n        return ${i}\n    }\n}\n`;
  }
  files['android/app/src/main/java/com/example/app/BootReceiver.kt'] =
    'package com.example.app\n\nclass BootReceiver : BroadcastReceiver() {\n    override fun onReceive(context: Context, intent: Intent) {\n        WorkManager.getInstance(context).enqueue(OneTimeWorkRequestBuilder<SyncWorker>().build())\n    }\n}\n';
  files['android/app/src/main/java/com/example/app/SyncService.kt'] =
    'package com.example.app\n\nclass SyncService : Service() {\n    fun go() {\n        startForeground(1, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)\n    }\n    override fun onTimeout(startId: Int, fgsType: Int) { stopSelf() }\n}\n';
  return files;
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

function timeCli(dir: string, runs = 3): { ms: number; code: number | null } {
  let best = Infinity;
  let code: number | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'validate', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    best = Math.min(best, performance.now() - t);
    code = r.status;
  }
  return { ms: Math.round(best), code };
}

export function runBench(options: { quick?: boolean } = {}): Record<string, unknown> {
  const base = mkdtempSync(join(tmpdir(), 'bg-doctor-bench-'));
  const out: Record<string, unknown> = {};
  try {
    spawnSync(process.execPath, ['-e', '0']);
    let t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    out.nodeStartMs = Math.round(performance.now() - t);
    t = performance.now();
    spawnSync(process.execPath, [CLI, '--version']);
    out.versionMs = Math.round(performance.now() - t);

    const one = join(base, 'one');
    write(one, typicalApp('one'));
    out.typicalApp = timeCli(one, 5);

    for (const n of options.quick ? [100] : [100, 1000]) {
      const dir = join(base, `mono${n}`);
      for (let i = 0; i < n; i++) write(join(dir, 'apps', `app${i}`), typicalApp(`app${i}`));
      out[`monorepo${n}`] = timeCli(dir, n >= 1000 ? 1 : 2);
    }

    const corpus = sharedPath('corpus');
    if (existsSync(corpus)) {
      const cases: Record<string, number> = {};
      for (const c of readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'files'))).sort()) {
        cases[c] = timeCli(join(corpus, c, 'files'), 3).ms;
      }
      out.corpus = cases;
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(JSON.stringify(runBench({ quick: process.argv.includes('--quick') }), null, 2) + '\n');
}
