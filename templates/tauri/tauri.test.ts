/**
 * The Tauri target, end to end in a sample Tauri v2 app (templates/hosts/fixtures/tauri-app):
 * the plugin laid out like `tauri plugin new --mobile`, the app wired byte-preserving,
 * the guest TS type-checked against the real @tauri-apps/api, the Kotlin bridge compiled
 * with Tauri's own Android library, the crate built (its build.rs writing the permission
 * files) and driven in tauri's mock runtime, and bg-doctor over the app.
 */
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourcePath } from '../../lib/paths.js';
import { checkRust, formatDiagnostic, typecheckTs } from '../../toolchains/index.js';
import { runTool } from '../../toolchains/common.js';
import { parseToml } from '../../validators/project/tauri.js';
import { serviceApi, tauriCommands, allowPermission } from '../ts/api.js';
import { assertDoctorClean, compileHostKotlin, filesUnder, generate, read, withApp } from '../hosts/testing/apps.js';

const PLUGIN = 'services/tauri';
const SCAFFOLD = [
  'Cargo.toml',
  'build.rs',
  'permissions/default.toml',
  'src/lib.rs',
  'src/commands.rs',
  'src/desktop.rs',
  'src/mobile.rs',
  'src/models.rs',
  'src/error.rs',
  'guest-js/index.ts',
  'package.json',
  'tsconfig.json',
  'android/build.gradle.kts',
  'android/settings.gradle',
  'android/consumer-rules.pro',
  'android/src/main/AndroidManifest.xml',
  'android/src/main/java/com/example/notes/sync/NotesSyncPlugin.kt',
  'ios/Package.swift',
  'ios/Sources/NotesSyncPlugin.swift',
];

const ms = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

test('tauri: the plugin is laid out like `tauri plugin new --mobile`, with every command the TS API calls in build.rs and default.toml', async () => {
  await withApp('tauri', async (app, model) => {
    for (const f of SCAFFOLD) assert.ok(existsSync(join(app.root, PLUGIN, f)), `${PLUGIN}/${f} exists`);
    const cargo = read(app, `${PLUGIN}/Cargo.toml`);
    assert.match(cargo, /^name = "tauri-plugin-notes-sync"$/m);
    assert.match(cargo, /^links = "tauri-plugin-notes-sync"$/m);
    assert.match(read(app, `${PLUGIN}/ios/Package.swift`), /name: "tauri-plugin-notes-sync"/);
    assert.match(read(app, `${PLUGIN}/ios/Sources/NotesSyncPlugin.swift`), /@_cdecl\("init_plugin_notes_sync"\)/);
    assert.match(read(app, `${PLUGIN}/src/mobile.rs`), /ios_plugin_binding!\(init_plugin_notes_sync\)/);
    assert.doesNotMatch(read(app, `${PLUGIN}/src/mobile.rs`), /run_mobile_plugin\(/, 'never the blocking form (tauri#13990)');
    assert.match(read(app, `${PLUGIN}/android/src/main/java/com/example/notes/sync/NotesSyncPlugin.kt`), /^@TauriPlugin/m);

    // build.rs COMMANDS = what the guest calls; default.toml grants exactly those.
    const guest = read(app, `${PLUGIN}/guest-js/index.ts`);
    const invoked = [...guest.matchAll(/'plugin:notes-sync\|([a-z_]+)'/g)].map((m) => m[1]!);
    const listeners = ['register_listener', 'remove_listener']; // addPluginListener / PluginListener.unregister()
    const commands = [...read(app, `${PLUGIN}/build.rs`).matchAll(/^\s+"([a-z_]+)",$/gm)].map((m) => m[1]!);
    assert.deepEqual([...commands].sort(), [...invoked, ...listeners].sort());
    assert.deepEqual(commands, tauriCommands(serviceApi(model)));
    const defaults = parseToml(read(app, `${PLUGIN}/permissions/default.toml`)).value.default as { permissions: string[] };
    assert.deepEqual(defaults.permissions, commands.map(allowPermission));
  });
});

test('tauri: the app gets the dependency, the builder registration, the OS-service hook and the capability grant, byte-preserving; a second run changes nothing; removal restores every byte', async () => {
  await withApp('tauri', async (app, model) => {
    const files = ['src-tauri/Cargo.toml', 'src-tauri/src/lib.rs', 'src-tauri/src/main.rs', 'src-tauri/capabilities/default.json'];
    const before = Object.fromEntries(files.map((f) => [f, read(app, f)]));
    generate(app, [model]);
    const diff = (f: string) => {
      const a = before[f]!.split('\n');
      const b = read(app, f).split('\n');
      return b.filter((l) => !a.includes(l));
    };
    assert.deepEqual(diff('src-tauri/Cargo.toml'), ['tauri-plugin-notes-sync = { path = "../services/tauri" }']);
    assert.deepEqual(diff('src-tauri/src/lib.rs'), ['        .plugin(tauri_plugin_notes_sync::init())']);
    assert.match(read(app, 'src-tauri/src/lib.rs'), /tauri::Builder::default\(\)\n {8}\.plugin\(tauri_plugin_notes_sync::init\(\)\)\n {8}\.plugin\(tauri_plugin_opener::init\(\)\)/);
    assert.deepEqual(diff('src-tauri/src/main.rs'), ['    if let Some(code) = tauri_plugin_notes_sync::run_service_if_requested() { std::process::exit(code); }']);
    assert.match(read(app, 'src-tauri/src/main.rs'), /fn main\(\) \{\n {4}if let Some\(code\)/);
    const capability = JSON.parse(read(app, 'src-tauri/capabilities/default.json')) as { permissions: string[] };
    assert.deepEqual(capability.permissions, ['core:default', 'opener:default', 'notes-sync:default']);
    // every line the user had is still there, in order (a JSON item before ours gains its comma)
    for (const f of files) {
      const after = read(app, f).split('\n');
      let at = 0;
      for (const line of before[f]!.split('\n')) {
        const i = after.findIndex((l, k) => k >= at && (l === line || (f.endsWith('.json') && l === `${line},`)));
        assert.ok(i >= 0, `${f}: ${JSON.stringify(line)} was lost or moved`);
        at = i + 1;
      }
    }
    assert.deepEqual(generate(app, [model]).changes, [], 'a second run changes nothing');
    // The declaration is gone: every line bg-service added goes, every byte of the user's stays.
    generate(app, []);
    for (const f of files) assert.equal(read(app, f), before[f], `${f} is restored byte for byte`);
    assert.ok(!existsSync(join(app.root, PLUGIN, 'src/lib.rs')));
  }, { generate: false });
});

test('tauri: a builder the generator cannot anchor safely gets an exact instruction instead of an edit', async () => {
  await withApp('tauri', async (app, model) => {
    const lib = 'src-tauri/src/lib.rs';
    const oneLine = '#[cfg_attr(mobile, tauri::mobile_entry_point)]\npub fn run() {\n    tauri::Builder::default().run(tauri::generate_context!()).expect("error while running tauri application");\n}\n';
    writeFileSync(join(app.root, lib), oneLine);
    const result = generate(app, [model]);
    assert.equal(read(app, lib), oneLine, 'lib.rs untouched');
    assert.ok(
      result.notes.some((n) => n.includes(lib) && n.includes('chain .plugin(tauri_plugin_notes_sync::init()) onto tauri::Builder::default()')),
      result.notes.join('\n'),
    );
  }, { generate: false });
});

test('tauri: the guest TS type-checks with tsc against the real @tauri-apps/api; the Kotlin bridge compiles with Tauri\'s Android library', async () => {
  await withApp('tauri', async (app) => {
    let t = performance.now();
    const ts = await typecheckTs(join(app.root, PLUGIN));
    assert.ok(ts.ok, ts.diagnostics.map(formatDiagnostic).join('\n'));
    console.log(`# tsc (guest-js): ${ms(t)}`);
    t = performance.now();
    const kt = await compileHostKotlin('tauri', [join(app.root, PLUGIN, 'android/src/main/java')]);
    assert.ok(kt.ok, kt.diagnostics.map(formatDiagnostic).join('\n'));
    assert.ok(kt.ours.some((f) => f.endsWith('/NotesSyncPlugin.kt')) && kt.ours.some((f) => f.endsWith('/NotesSyncBridge.kt')));
    console.log(`# kotlinc (Tauri's app.tauri.* sources + the plugin, bridge and service): ${ms(t)}`);
  });
});

test('tauri: the crate builds (build.rs writes an allow- permission for every command default grants), is rustfmt-clean, and a mock-runtime test drives start, an event, the commands and stop', { timeout: 1_800_000 }, async () => {
  await withApp('tauri', async (app, model) => {
    const crate = join(app.root, PLUGIN);
    generate(app, [model]);
    // The user's desktop service: the test's (it is the user's file, created once).
    copyFileSync(sourcePath('templates', 'tauri', 'fixtures', 'my_service.rs'), join(crate, 'src', 'my_service.rs'));

    let t = performance.now();
    const built = await checkRust(crate, { test: false, fmt: false });
    assert.ok(built.ok, built.diagnostics.map(formatDiagnostic).join('\n'));
    console.log(`# cargo check --all-targets (the plugin crate, shared target): ${ms(t)}`);

    // The permission files tauri-plugin's build wrote, and what default grants.
    const permissionFiles = filesUnder(join(crate, 'permissions'), ['.toml']).map((f) => parseToml(readFileSync(f, 'utf8')).value);
    const identifiers = new Set(permissionFiles.flatMap((p) => ((p.permission as Array<{ identifier: string }> | undefined) ?? []).map((x) => x.identifier)));
    const defaults = (permissionFiles.find((p) => p.default)!.default as { permissions: string[] }).permissions;
    const guest = read(app, `${PLUGIN}/guest-js/index.ts`);
    for (const cmd of [...guest.matchAll(/'plugin:notes-sync\|([a-z_]+)'/g)].map((m) => m[1]!).concat('register_listener', 'remove_listener')) {
      assert.ok(identifiers.has(allowPermission(cmd)), `build.rs wrote ${allowPermission(cmd)}`);
      assert.ok(defaults.includes(allowPermission(cmd)), `default grants ${allowPermission(cmd)} (the guest calls ${cmd})`);
    }
    for (const d of defaults) assert.ok(identifiers.has(d), `default's ${d} exists`);

    // rustfmt on the plugin's own files (the runner's are templates/desktop's to check). lib.rs goes
    // through stdin: as a file, rustfmt would also check the modules it declares.
    const leaves = ['build.rs', ...['commands', 'desktop', 'mobile', 'models', 'error', 'types'].map((f) => `src/${f}.rs`)].map((f) => join(crate, f));
    const fmt = await runTool('rustfmt', ['--edition', '2021', '--check', ...leaves], { cwd: crate });
    assert.equal(fmt.code, 0, fmt.stdout + fmt.stderr);
    const lib = readFileSync(join(crate, 'src', 'lib.rs'), 'utf8');
    const formatted = spawnSync('rustfmt', ['--edition', '2021', '--emit', 'stdout'], { input: lib, encoding: 'utf8' });
    assert.equal(formatted.status, 0, formatted.stderr);
    assert.equal(formatted.stdout, lib, 'src/lib.rs is formatted as rustfmt formats it');

    // The mock-runtime test, with the ACL of the app's capability (as contributed) over those files.
    const capability = JSON.parse(read(app, 'src-tauri/capabilities/default.json')) as { permissions: string[] };
    capability.permissions = capability.permissions.filter((p) => p.startsWith('notes-sync:'));
    mkdirSync(join(crate, 'tests'));
    writeFileSync(join(crate, 'tests', 'acl.json'), JSON.stringify({ permissionFiles, capability }, null, 1));
    copyFileSync(sourcePath('templates', 'tauri', 'fixtures', 'mock_runtime.rs'), join(crate, 'tests', 'mock_runtime.rs'));
    t = performance.now();
    const tested = await checkRust(crate, { test: true, fmt: false });
    assert.ok(tested.ok, tested.diagnostics.map(formatDiagnostic).join('\n'));
    console.log(`# cargo test (tauri mock runtime): ${ms(t)}`);
  }, { generate: false });
});

test('tauri: bg-doctor validate finds nothing in the generated app (zero findings, exit 0)', async () => {
  await withApp('tauri', (app) => assertDoctorClean(app));
});
