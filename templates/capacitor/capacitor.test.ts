/**
 * The Capacitor target, end to end in a sample Capacitor 8 app (templates/hosts/fixtures/capacitor-app):
 * the plugin laid out like `npm init @capacitor/plugin`, found by Capacitor's own discovery
 * patterns, the app wired byte-preserving (package.json, the AppDelegate's registration),
 * the TS type-checked against the real @capacitor/core, the Kotlin compiled against
 * Capacitor's Android library, the Swift parsed, and bg-doctor over the app.
 *
 * Discovery: @capacitor/cli 8 declares `engines.node >= 22` and this project runs on Node
 * 20, so its code is not run here; `capacitorDiscovery` (hosts/testing/capacitor-discovery.ts) applies the patterns
 * it uses, as that file says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { formatDiagnostic, parseSwift, typecheckTs } from '../../toolchains/index.js';
import { assertDoctorClean, compileHostKotlin, doctor, filesUnder, generate, read, withApp } from '../hosts/testing/apps.js';
import { capacitorDiscovery } from '../hosts/testing/capacitor-discovery.js';
import { packageHomepage } from '../../generator/host.js';
import { NO_HOMEPAGE } from './view.js';

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

test('capacitor: the plugin is laid out like `npm init @capacitor/plugin`, and Capacitor\'s own discovery patterns find exactly its classes under agreeing names', async () => {
  await withApp('capacitor', async (app) => {
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
  });
});

test("capacitor: the podspec's homepage is the app's (package.json homepage, else repository), or a reserved .invalid URL; never a registry's page", async () => {
  await withApp('capacitor', async (app, model) => {
    const podspec = () => read(app, `${PLUGIN}/CapacitorNotesSync.podspec`);
    const pluginPackage = () => JSON.parse(read(app, `${PLUGIN}/package.json`)) as { homepage?: string };
    generate(app, [model]);
    assert.match(podspec(), new RegExp(`^  s\\.homepage = '${NO_HOMEPAGE.replace(/\./g, '\\.')}'$`, 'm'), 'the app names no page');
    assert.equal(pluginPackage().homepage, undefined, 'the package.json names none either');
    const appPkg = JSON.parse(read(app, 'package.json')) as Record<string, unknown>;
    writeFileSync(join(app.root, 'package.json'), JSON.stringify({ ...appPkg, repository: { type: 'git', url: 'git+https://git.example.org/notes/app.git' } }, null, 2));
    generate(app, [model]);
    assert.match(podspec(), /^ {2}s\.homepage = 'https:\/\/git\.example\.org\/notes\/app'$/m, 'the repository, as a web URL');
    assert.equal(pluginPackage().homepage, 'https://git.example.org/notes/app');
    writeFileSync(join(app.root, 'package.json'), JSON.stringify({ ...appPkg, homepage: "https://notes.example.org/it's", repository: 'https://git.example.org/notes/app' }, null, 2));
    generate(app, [model]);
    assert.match(podspec(), /^ {2}s\.homepage = 'https:\/\/notes\.example\.org\/it\\'s'$/m, 'the homepage first, as a Ruby string');
    assert.equal(pluginPackage().homepage, "https://notes.example.org/it's");
  }, { generate: false });
});

test('packageHomepage: http(s) URLs only, git+ and .git stripped from a repository; anything else is no homepage', () => {
  assert.equal(packageHomepage({ homepage: 'https://a.example/x' }), 'https://a.example/x');
  assert.equal(packageHomepage({ repository: 'git+https://a.example/x.git' }), 'https://a.example/x');
  assert.equal(packageHomepage({ repository: { url: 'http://a.example/x' } }), 'http://a.example/x');
  assert.equal(packageHomepage({ homepage: 'not a url', repository: 'https://a.example/r' }), 'https://a.example/r');
  for (const bad of [{ repository: 'github:user/repo' }, { repository: 'git@a.example:x.git' }, { homepage: 'javascript:alert(1)' }, { homepage: 'https://a.example/x\ny' }, { homepage: 42 }, null, 'x']) {
    assert.equal(packageHomepage(bad), undefined, JSON.stringify(bad));
  }
});

test('capacitor: the app gets the package.json dependency and the AppDelegate registration, byte-preserving; a second run changes nothing; removal restores every byte', async () => {
  await withApp('capacitor', async (app, model) => {
    const files = ['package.json', 'ios/App/App/AppDelegate.swift'];
    const before = Object.fromEntries(files.map((f) => [f, read(app, f)]));
    generate(app, [model]);
    const pkg = JSON.parse(read(app, 'package.json')) as { dependencies: Record<string, string> };
    assert.equal(pkg.dependencies['capacitor-notes-sync'], 'file:./services/capacitor');
    const delegate = read(app, 'ios/App/App/AppDelegate.swift');
    assert.match(delegate, /^import Capacitor\nimport NotesSyncPlugin\n/m);
    assert.match(delegate, /didFinishLaunchingWithOptions launchOptions: \[UIApplication\.LaunchOptionsKey: Any\]\?\) -> Bool \{\n {8}NotesSyncBackgroundTasks\.registerAtLaunch\(\)\n {8}\/\/ Override point/);
    assert.equal(delegate.split('\n').length, before['ios/App/App/AppDelegate.swift']!.split('\n').length + 2);
    assert.deepEqual(generate(app, [model]).changes, [], 'a second run changes nothing');
    generate(app, []);
    for (const f of files) assert.equal(read(app, f), before[f], `${f} is restored byte for byte`);
  }, { generate: false });
});

test('capacitor: an AppDelegate the generator cannot anchor safely gets the exact lines as a note, nothing is edited, and bg-doctor reports it until they are added', async () => {
  await withApp('capacitor', async (app, model) => {
    const path = 'ios/App/App/AppDelegate.swift';
    const odd = read(app, path).replace(/(didFinishLaunchingWithOptions launchOptions: [^{]*\{)\n/, '$1 // body starts here\n').replace('-> Bool { // body starts here\n', '-> Bool { window?.makeKeyAndVisible()\n');
    writeFileSync(join(app.root, path), odd);
    const result = generate(app, [model]);
    assert.equal(read(app, path), odd, 'the AppDelegate is untouched');
    const note = result.notes.find((n) => n.includes(path));
    assert.ok(note?.includes('add `import NotesSyncPlugin` with the other imports and `NotesSyncBackgroundTasks.registerAtLaunch()` as the first line'), result.notes.join('\n'));
    const r = doctor(app.root);
    const mine = r.findings.filter((f) => f.ruleId === 'capacitor-register-at-launch');
    assert.equal(mine.length, 1, r.raw);
    assert.match(mine[0]!.message, /NotesSyncBackgroundTasks\.registerAtLaunch\(\) is never called/);
    assert.equal(r.code, 1);
  }, { generate: false });
});

test('capacitor: the TS type-checks against the real @capacitor/core; the Kotlin compiles against Capacitor\'s Android library; the Swift parses', async () => {
  await withApp('capacitor', async (app) => {
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
  });
});

test('capacitor: bg-doctor validate finds nothing in the generated app (zero findings, exit 0)', async () => {
  await withApp('capacitor', (app) => assertDoctorClean(app));
});
