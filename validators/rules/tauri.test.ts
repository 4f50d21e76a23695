import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../testing.js';
import shape from './tauri-capability-shape.js';
import known from './tauri-permission-known.js';
import granted from './tauri-plugin-granted.js';
import covered from './tauri-window-covered.js';
import appCommands from './tauri-app-commands.js';
import v1 from './tauri-v1-allowlist.js';
import { cfgActive, parseToml } from '../project/tauri.js';

const conf = (app: object = { windows: [{ label: 'main' }] }) => JSON.stringify({ identifier: 'com.example.app', app, build: { frontendDist: '../dist' } }, null, 2);
const cap = (c: object, name = 'default') => ({ [`src-tauri/capabilities/${name}.json`]: JSON.stringify(c, null, 2) });
const app = (extra: Record<string, string> = {}) => ({ 'src-tauri/tauri.conf.json': conf(), ...extra });
const cargo = (deps: string) => ({ 'src-tauri/Cargo.toml': `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\ntauri = "2"\n${deps}` });

ruleTester(shape, {
  valid: [
    { name: 'complete capability', files: app(cap({ identifier: 'default', windows: ['main'], permissions: ['core:default'] })) },
    { name: 'trap: platforms spelled iOS, local: true, scoped permission objects (tauri-api example)', files: app(cap({ identifier: 'm', local: true, windows: ['main'], platforms: ['android', 'iOS'], permissions: [{ identifier: 'http:default', allow: ['https://tauri.app', { url: 'http://localhost:3003' }] }] })) },
    { name: 'a file with a capabilities list', files: app(cap({ capabilities: [{ identifier: 'a', windows: ['*'], permissions: [] }] })) },
  ],
  invalid: [
    { name: 'no identifier, no permissions', files: app(cap({ windows: ['main'] })), errors: [{ line: 1, message: /no "identifier"/ }, { line: 1, message: /no "permissions"/ }] },
    { name: 'applies to nothing', files: app(cap({ identifier: 'x', permissions: [] })), errors: [{ severity: 'warning', message: /applies to nothing/ }] },
    { name: 'platform spelled ios', files: app(cap({ identifier: 'x', windows: ['main'], platforms: ['ios'], permissions: [] })), errors: [{ line: 7, message: /the spelling is "iOS"/ }] },
  ],
});

ruleTester(known, {
  valid: [
    { name: 'core permissions', files: app(cap({ identifier: 'd', windows: ['main'], permissions: ['core:default', 'core:window:allow-minimize', 'core:event:default'] })) },
    { name: 'trap: no Cargo.toml in the tree — plugin prefixes are not judged (mdns-browser)', files: app(cap({ identifier: 'd', windows: ['main'], permissions: ['android-update:default', 'updater:default'] })) },
    {
      name: 'trap: desktop-only plugin in a desktop-only capability (mdns-browser)',
      files: { ...app(cap({ identifier: 'd', windows: ['main'], platforms: ['macOS', 'windows', 'linux'], permissions: ['updater:default'] })), ...cargo(''), 'src-tauri/Cargo.toml': `${cargo('')['src-tauri/Cargo.toml']}\n[target.'cfg(not(any(target_os = "android", target_os = "ios")))'.dependencies]\ntauri-plugin-updater = "2"\n`, 'src-tauri/gen/android/build.gradle.kts': '' },
    },
  ],
  invalid: [
    { name: 'unknown core permission', files: app(cap({ identifier: 'd', windows: ['main'], permissions: ['core:window:allow-fly'] })), errors: [{ line: 7, message: /Permission core:window:allow-fly not found/ }] },
    { name: 'plugin crate missing', files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['dialog:allow-open'] })), ...cargo('') }, errors: [{ message: /tauri-plugin-dialog crate/ }] },
    {
      name: 'desktop-only dependency granted on Android',
      files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['updater:default'] })), 'src-tauri/Cargo.toml': `${cargo('')['src-tauri/Cargo.toml']}\n[target."cfg(desktop)".dependencies]\ntauri-plugin-updater = "2"\n`, 'src-tauri/gen/android/build.gradle.kts': '' },
      errors: [{ message: /granted on android/ }],
    },
    {
      name: 'unknown command of a local plugin crate',
      files: {
        ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['sync:allow-nonsense'] })),
        ...cargo('tauri-plugin-sync = { path = "../plugins/sync" }\n'),
        'plugins/sync/build.rs': 'const COMMANDS: &[&str] = &["start", "stop"];\nfn main() { tauri_plugin::Builder::new(COMMANDS).build(); }\n',
        'plugins/sync/permissions/default.toml': '[default]\npermissions = ["allow-start"]\n',
      },
      errors: [{ message: /Permission sync:allow-nonsense not found in tauri-plugin-sync/ }],
    },
    { name: 'app permission without an app manifest', files: app(cap({ identifier: 'd', windows: ['main'], permissions: ['allow-my-command'] })), errors: [{ message: /app defines none/ }] },
  ],
});

ruleTester(granted, {
  valid: [
    { name: 'plugin granted by default', files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['dialog:default'] })), 'src/main.ts': "import { open } from '@tauri-apps/plugin-dialog';\nopen();\n" } },
    { name: 'explicit allow for the invoked command', files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['sync:allow-start'] })), 'src/main.ts': "import { invoke } from '@tauri-apps/api/core';\ninvoke('plugin:sync|start');\n" } },
  ],
  invalid: [
    { name: 'plugin never granted', files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['core:default'] })), 'src/main.ts': "import { open } from '@tauri-apps/plugin-dialog';\n" }, errors: [{ file: 'src/main.ts', line: 1, message: /not allowed by ACL/ }] },
    { name: 'command outside the explicit grants', files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['sync:allow-start'] })), 'src/main.ts': "import { invoke } from '@tauri-apps/api/core';\n\ninvoke('plugin:sync|stop');\n" }, errors: [{ line: 3, message: /Command plugin:sync\|stop not allowed by ACL/ }] },
  ],
});

ruleTester(covered, {
  valid: [
    { name: 'covered by label', files: app(cap({ identifier: 'd', windows: ['main'], permissions: [] })) },
    { name: 'covered by glob', files: app(cap({ identifier: 'd', windows: ['*'], permissions: [] })) },
    {
      name: 'trap: main defined in the Android overlay, covered by an android capability (mdns-browser)',
      files: {
        'src-tauri/tauri.conf.json': conf({ windows: [{ label: 'splashscreen', url: 'splash.html' }] }),
        'src-tauri/tauri.android.conf.json': JSON.stringify({ app: { windows: [{ label: 'main' }] } }),
        'dist/splash.html': '<html><body>Loading…</body></html>',
        ...cap({ identifier: 'mobile', windows: ['main'], platforms: ['android'], permissions: [] }),
      },
    },
  ],
  invalid: [
    { name: 'main window without capability', files: app(cap({ identifier: 'd', windows: ['settings'], permissions: [] })), errors: [{ file: 'src-tauri/tauri.conf.json', line: 6, message: /no IPC access/ }] },
    {
      name: 'secondary page that calls Tauri',
      files: { 'src-tauri/tauri.conf.json': conf({ windows: [{ label: 'main' }, { label: 'about', url: 'about.html' }] }), 'dist/about.html': '<script>window.__TAURI__.core.invoke("x")</script>', ...cap({ identifier: 'd', windows: ['main'], permissions: [] }) },
      errors: [{ message: /uses Tauri APIs/ }],
    },
  ],
});

ruleTester(appCommands, {
  valid: [
    {
      name: 'app manifest command allowed',
      files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['allow-sync-now'] })), 'src-tauri/build.rs': 'fn main() { tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["sync_now"]))).unwrap(); }\n' },
    },
  ],
  invalid: [
    {
      name: 'app manifest command without allow-',
      files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: ['core:default'] })), 'src-tauri/build.rs': 'fn main() {\n    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["sync_now"]))).unwrap();\n}\n' },
      errors: [{ file: 'src-tauri/build.rs', line: 2, message: /allow-sync-now/ }],
    },
    {
      name: 'custom commands without an app manifest',
      files: { ...app(cap({ identifier: 'd', windows: ['main'], permissions: [] })), 'src-tauri/src/lib.rs': 'pub fn run() {\n    tauri::Builder::default().invoke_handler(tauri::generate_handler![sync_now]);\n}\n' },
      errors: [{ severity: 'info', line: 2 }],
    },
  ],
});

ruleTester(v1, {
  valid: [{ name: 'v2 config', files: app() }],
  invalid: [{ name: 'v1 allowlist', files: { 'src-tauri/tauri.conf.json': JSON.stringify({ tauri: { allowlist: { all: true } } }, null, 2) }, errors: [{ line: 3, message: /ignores it/ }] }],
});

test('parseToml: tables, quoted keys, inline tables, multi-line arrays, comments', () => {
  const t = parseToml('[package]\nname = "x" # c\n[target.\'cfg(unix)\'.dependencies]\nfoo = { path = "../foo", features = ["a"] }\n[default]\npermissions = [\n  "allow-a",\n  "allow-b",\n]\n');
  assert.deepEqual(t.value, { package: { name: 'x' }, target: { 'cfg(unix)': { dependencies: { foo: { path: '../foo', features: ['a'] } } } }, default: { permissions: ['allow-a', 'allow-b'] } });
  assert.equal(t.lines.get(['target', 'cfg(unix)', 'dependencies', 'foo'].join('\u0000')), 4);
  assert.throws(() => parseToml('a = [1, 2'));
});

test('cfgActive: target_os, not/any/all, desktop/mobile aliases', () => {
  const c = 'cfg(not(any(target_os = "android", target_os = "ios")))';
  assert.deepEqual((['linux', 'macOS', 'windows', 'android', 'iOS'] as const).map((p) => cfgActive(c, p)), [true, true, true, false, false]);
  assert.equal(cfgActive('cfg(mobile)', 'iOS'), true);
  assert.equal(cfgActive('cfg(all(unix, not(target_os = "macos")))', 'macOS'), false);
});

test('parseToml never loops or throws anything but a located Error on garbage', async () => {
  const fc = (await import('fast-check')).default;
  const alphabet = ['[', ']', '[[', ']]', '"', "'", '"""', '=', '.', ',', '{', '}', '\n', '#', 'a', '1', 'true', ' ', '\\'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }), (parts) => {
      try {
        parseToml(parts.join(''));
      } catch (e) {
        assert.ok(e instanceof Error && /^TOML line \d+/.test(e.message), String(e));
      }
    }),
    { numRuns: 2000 },
  );
});
