/**
 * The Capacitor target, end to end in a sample Capacitor 8 app (templates/hosts/fixtures/capacitor-app):
 * the plugin laid out like `npm init @capacitor/plugin`, found by Capacitor's own discovery
 * patterns, the app wired byte-preserving (package.json, the AppDelegate's registration),
 * the TS type-checked against the real @capacitor/core, the Kotlin compiled against
 * Capacitor's Android library, the Swift parsed, and bg-doctor over the app.
 *
 * Discovery: @capacitor/cli 8 declares `engines.node >= 22` and this project runs on Node
 * 20, so its code is not run here; `capacitorDiscovery` applies the patterns it uses
 * (@capacitor/cli 8.5.2 dist/plugin.js `resolvePlugin`/`fixName`, dist/android/update.js
 * `findAndroidPluginClassesInPlugin`, dist/util/iosplugin.js `findPluginClasses`,
 * dist/util/spm.js and dist/ios/update.js for the SPM package and pod names).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { formatDiagnostic, parseSwift, typecheckTs } from '../../toolchains/index.js';
import { compileHostKotlin, doctor, filesUnder, generate, read, readModels, sampleApp, DECLARATION, type SampleApp } from '../hosts/testing/apps.js';
import { capacitorFixName } from './view.js';

const PLUGIN = 'services/capacitor';
const SCAFFOLD = [
  'package.json',
  'tsconfig.json',
  'Package.swift',
  'CapacitorNotesSync.podspec',
  'src/definitions.ts',
  'src/index.ts',
  'src/web.ts',
  'android/build.gradle',
  'android/src/main/AndroidManifest.xml',
  'android/src/main/java/com/example/notes/sync/NotesSyncPlugin.kt',
  'ios/Sources/NotesSyncPlugin/NotesSyncPlugin.swift',
];

const ms = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

interface Discovered {
  id: string;
  /** `fixName(id)`: the CocoaPods pod and the SPM package/product name. */
  name: string;
  rootPath: string;
  android: Array<{ pkg: string; classpath: string }>;
  iosClasses: string[];
}

/** What `npx cap sync` finds in an app: @capacitor/cli 8.5.2's patterns, applied to the app's files. */
function capacitorDiscovery(appRoot: string): Discovered[] {
  const app = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const out: Discovered[] = [];
  for (const [id, spec] of Object.entries({ ...app.dependencies, ...app.devDependencies })) {
    // resolvePlugin: the dependency's package.json (node resolution; a file: dependency is linked there by npm).
    const rootPath = spec.startsWith('file:') ? resolve(appRoot, spec.slice(5)) : join(appRoot, 'node_modules', id);
    if (!existsSync(join(rootPath, 'package.json'))) continue;
    const meta = JSON.parse(readFileSync(join(rootPath, 'package.json'), 'utf8')) as { capacitor?: { android?: { src?: string }; ios?: { src?: string } } };
    if (!meta.capacitor) continue;
    const found: Discovered = { id, name: capacitorFixName(id), rootPath, android: [], iosClasses: [] };
    if (meta.capacitor.android) {
      const srcPath = resolve(rootPath, meta.capacitor.android.src ?? 'android', 'src/main');
      for (const file of filesUnder(srcPath, ['.java', '.kt'])) {
        const text = readFileSync(file, 'utf8');
        const classRegex = /^@(?:CapacitorPlugin|NativePlugin)[\s\S]+?class ([\w]+)/gm;
        const packageRegex = /^package ([\w.]+);?$/gm;
        const classMatch = classRegex.exec(text);
        if (!classMatch) continue;
        const packageMatch = packageRegex.exec(text.substring(0, classMatch.index));
        assert.ok(packageMatch, `Package could not be parsed from Android plugin.\nLocation: ${file}`);
        found.android.push({ pkg: id, classpath: `${packageMatch[1]}.${classMatch[1]}` });
      }
    }
    if (meta.capacitor.ios) {
      for (const file of filesUnder(resolve(rootPath, meta.capacitor.ios.src ?? 'ios'), ['.swift', '.m'])) {
        const text = readFileSync(file, 'utf8');
        const swift = /@objc\(([A-Za-z0-9_-]+)\)/.exec(text);
        if (swift?.[1] && !found.iosClasses.includes(swift[1])) found.iosClasses.push(swift[1]);
        const objc = /CAP_PLUGIN\(([A-Za-z0-9_-]+)/.exec(text);
        if (objc?.[1] && !found.iosClasses.includes(objc[1])) found.iosClasses.push(objc[1]);
      }
    }
    out.push(found);
  }
  return out;
}

async function generated(): Promise<SampleApp> {
  const [model] = await readModels([DECLARATION]);
  const app = sampleApp('capacitor');
  generate(app, [{ ...model!, sourceFile: app.declaration }]);
  return app;
}

test('capacitor: the plugin is laid out like `npm init @capacitor/plugin`, and Capacitor\'s own discovery patterns find exactly its classes under agreeing names', async () => {
  const app = await generated();
  try {
    for (const f of SCAFFOLD) assert.ok(existsSync(join(app.root, PLUGIN, f)), `${PLUGIN}/${f} exists`);
    const found = capacitorDiscovery(app.root);
    assert.equal(found.length, 1);
    const plugin = found[0]!;
    assert.equal(plugin.id, 'capacitor-notes-sync');
    assert.equal(plugin.rootPath, join(app.root, PLUGIN));
    assert.deepEqual(plugin.android, [{ pkg: 'capacitor-notes-sync', classpath: 'com.example.notes.sync.NotesSyncPlugin' }]);
    assert.deepEqual(plugin.iosClasses, ['NotesSyncPlugin'], 'one @objc(Name) in all the iOS sources: the plugin class');

    // One name everywhere: @CapacitorPlugin(name), Swift jsName, registerPlugin.
    const kotlin = read(app, `${PLUGIN}/android/src/main/java/com/example/notes/sync/NotesSyncPlugin.kt`);
    const swift = read(app, `${PLUGIN}/ios/Sources/NotesSyncPlugin/NotesSyncPlugin.swift`);
    const index = read(app, `${PLUGIN}/src/index.ts`);
    assert.match(kotlin, /^@CapacitorPlugin\(\n\s+name = "NotesSync",/m);
    assert.match(swift, /public let jsName = "NotesSync"/);
    assert.match(index, /registerPlugin<NotesSyncPlugin>\('NotesSync'/);
    // Every method the JS side calls: @PluginMethod on Android, pluginMethods on iOS, the definitions interface.
    const definitions = read(app, `${PLUGIN}/src/definitions.ts`);
    const jsMethods = [...definitions.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]!).filter((m) => m !== 'addListener' && m !== 'removeAllListeners');
    const kotlinMethods = [...kotlin.matchAll(/@PluginMethod\n\s+fun (\w+)\(/g)].map((m) => m[1]!);
    const swiftMethods = [...swift.matchAll(/CAPPluginMethod\(name: "(\w+)", returnType: CAPPluginReturnPromise\)/g)].map((m) => m[1]!);
    const swiftFuncs = [...swift.matchAll(/@objc func (\w+)\(_ call: CAPPluginCall\)/g)].map((m) => m[1]!);
    assert.deepEqual(kotlinMethods.sort(), [...jsMethods].sort());
    assert.deepEqual(swiftMethods.sort(), [...jsMethods].sort());
    assert.deepEqual(swiftFuncs.sort(), [...jsMethods].sort());
    // SPM and CocoaPods: the package, product and pod are named as `cap sync` names the plugin.
    const pkg = read(app, `${PLUGIN}/Package.swift`);
    assert.match(pkg, new RegExp(`name: "${plugin.name}"`));
    assert.match(pkg, /\.library\(\n\s+name: "CapacitorNotesSync",/);
    assert.match(read(app, `${PLUGIN}/${plugin.name}.podspec`), new RegExp(`s\\.name = '${plugin.name}'`));
    assert.match(pkg, /path: "ios\/Sources\/NotesSyncPlugin"/);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

test('capacitor: the app gets the package.json dependency and the AppDelegate registration, byte-preserving; a second run changes nothing; removal restores every byte', async () => {
  const [model] = await readModels([DECLARATION]);
  const app = sampleApp('capacitor');
  const files = ['package.json', 'ios/App/App/AppDelegate.swift'];
  try {
    const before = Object.fromEntries(files.map((f) => [f, read(app, f)]));
    generate(app, [{ ...model!, sourceFile: app.declaration }]);
    const pkg = JSON.parse(read(app, 'package.json')) as { dependencies: Record<string, string> };
    assert.equal(pkg.dependencies['capacitor-notes-sync'], 'file:./services/capacitor');
    const delegate = read(app, 'ios/App/App/AppDelegate.swift');
    assert.match(delegate, /^import Capacitor\nimport NotesSyncPlugin\n/m);
    assert.match(delegate, /didFinishLaunchingWithOptions launchOptions: \[UIApplication\.LaunchOptionsKey: Any\]\?\) -> Bool \{\n {8}NotesSyncBackgroundTasks\.registerAtLaunch\(\)\n {8}\/\/ Override point/);
    assert.equal(delegate.split('\n').length, before['ios/App/App/AppDelegate.swift']!.split('\n').length + 2);
    assert.deepEqual(generate(app, [{ ...model!, sourceFile: app.declaration }]).changes, [], 'a second run changes nothing');
    generate(app, []);
    for (const f of files) assert.equal(read(app, f), before[f], `${f} is restored byte for byte`);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

test('capacitor: an AppDelegate the generator cannot anchor safely gets the exact lines as a note, nothing is edited, and bg-doctor reports it until they are added', async () => {
  const [model] = await readModels([DECLARATION]);
  const app = sampleApp('capacitor');
  try {
    const path = 'ios/App/App/AppDelegate.swift';
    const odd = read(app, path).replace(/(didFinishLaunchingWithOptions launchOptions: [^{]*\{)\n/, '$1 // body starts here\n').replace('-> Bool { // body starts here\n', '-> Bool { window?.makeKeyAndVisible()\n');
    writeFileSync(join(app.root, path), odd);
    const result = generate(app, [{ ...model!, sourceFile: app.declaration }]);
    assert.equal(read(app, path), odd, 'the AppDelegate is untouched');
    const note = result.notes.find((n) => n.includes(path));
    assert.ok(note?.includes('add `import NotesSyncPlugin` with the other imports and `NotesSyncBackgroundTasks.registerAtLaunch()` as the first line'), result.notes.join('\n'));
    const r = doctor(app.root);
    const mine = r.findings.filter((f) => f.ruleId === 'capacitor-register-at-launch');
    assert.equal(mine.length, 1, r.raw);
    assert.match(mine[0]!.message, /NotesSyncBackgroundTasks\.registerAtLaunch\(\) is never called/);
    assert.equal(r.code, 1);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

test('capacitor: the TS type-checks against the real @capacitor/core; the Kotlin compiles against Capacitor\'s Android library; the Swift parses', async () => {
  const app = await generated();
  try {
    let t = performance.now();
    const ts = await typecheckTs(join(app.root, PLUGIN));
    assert.ok(ts.ok, ts.diagnostics.map(formatDiagnostic).join('\n'));
    console.log(`# tsc (src/): ${ms(t)}`);
    t = performance.now();
    const kt = await compileHostKotlin('capacitor', [join(app.root, PLUGIN, 'android/src/main/java')]);
    assert.ok(kt.ok, kt.diagnostics.map(formatDiagnostic).join('\n'));
    console.log(`# kotlinc (with com.getcapacitor.* Java sources): ${ms(t)}`);
    const swift = filesUnder(join(app.root, PLUGIN, 'ios'), ['.swift']).concat(join(app.root, PLUGIN, 'Package.swift'));
    const parsed = await parseSwift(swift);
    assert.ok(parsed.ok, parsed.diagnostics.map(formatDiagnostic).join('\n'));
    assert.ok(swift.every((f) => extname(f) === '.swift' && existsSync(f)) && swift.some((f) => dirname(f).endsWith('NotesSyncPlugin')));
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

test('capacitor: bg-doctor finds nothing in the app but the known gaps (it does not read the plugin\'s native sources yet)', async () => {
  const app = await generated();
  try {
    const r = doctor(app.root);
    const unexpected = r.findings.filter((f) => !KNOWN_DOCTOR_GAPS.some((g) => g.rule === f.ruleId));
    assert.deepEqual(unexpected, [], r.raw);
    assert.equal(r.code, 0);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

/** Findings bg-doctor reports only because it does not see into the host plugin yet (to be removed when it does). */
export const KNOWN_DOCTOR_GAPS = [
  {
    rule: 'android-fgs-boot-restricted',
    reason: "a warning that the boot receiver coexists with the dataSync service: bg-doctor does not read the plugin's Kotlin (a file: dependency), where the receiver never starts a restricted type from BOOT_COMPLETED",
  },
  {
    rule: 'ios-bgtask-handler',
    reason:
      "warnings that the permitted identifiers have no launch handler in the app's sources: they are registered in the plugin's Swift (NotesSyncBackgroundTasks.registerAtLaunch(), called from didFinishLaunching, which capacitor-register-at-launch checks), which bg-doctor does not scan yet",
  },
];
