import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureLine, locate, planLine, removeLine, type LineData } from './source-lines.js';

const BUILDER: LineData = { anchor: 'rust-builder', line: '.plugin(tauri_plugin_x::init())', present: '\\btauri_plugin_x::init\\(', what: 'the registration' };
const DEP: LineData = { anchor: 'toml-dependencies', line: 'tauri-plugin-x = { path = "../x" }', present: '^\\s*tauri-plugin-x\\s*=', what: 'the dependency' };
const CALL: LineData = { anchor: 'swift-did-finish-launching', line: 'XBackgroundTasks.registerAtLaunch()', present: '\\bXBackgroundTasks\\.registerAtLaunch\\(', what: 'the call' };
const IMPORT: LineData = { anchor: 'swift-imports', line: 'import XPlugin', present: '^\\s*import\\s+XPlugin\\s*$', what: 'the import' };
const MAIN: LineData = { anchor: 'rust-main', line: 'hook();', present: '\\bhook\\(', what: 'the hook' };

/** ensure adds exactly one line, twice is once, remove gives back every byte. */
function roundTrip(src: string, d: LineData, expected: string) {
  const once = ensureLine(src, d);
  assert.equal(once, expected);
  assert.equal(ensureLine(once, d), once, 'idempotent');
  assert.equal(removeLine(once, d), src, 'remove(ensure(x)) === x');
}

test('rust builder: after tauri::Builder::default(), indented like the chain; CRLF and tabs kept', () => {
  roundTrip(
    'pub fn run() {\n    tauri::Builder::default()\n        .run(ctx)\n        .expect("x");\n}\n',
    BUILDER,
    'pub fn run() {\n    tauri::Builder::default()\n        .plugin(tauri_plugin_x::init())\n        .run(ctx)\n        .expect("x");\n}\n',
  );
  roundTrip('fn run() {\r\n\ttauri::Builder::default()\r\n\t\t.run(ctx);\r\n}\r\n', BUILDER, 'fn run() {\r\n\ttauri::Builder::default()\r\n\t\t.plugin(tauri_plugin_x::init())\r\n\t\t.run(ctx);\r\n}\r\n');
});

test('rust builder: not anchored when ambiguous or on one line', () => {
  assert.deepEqual(locate('tauri::Builder::default().run(ctx);\n', 'rust-builder'), { ok: false, reason: 'the builder chain continues on the same line as tauri::Builder::default()' });
  assert.equal(locate('let a = tauri::Builder::default()\n    .x();\nlet b = tauri::Builder::default()\n    .y();\n', 'rust-builder').ok, false);
  assert.equal(locate('// tauri::Builder::default()\nfn main() {}\n', 'rust-builder').ok, false, 'a comment is not an anchor');
  const src = 'tauri::Builder::default().run(ctx);\n';
  assert.equal(ensureLine(src, BUILDER), src, 'nothing is edited');
  const plan = planLine('src-tauri/src/lib.rs', src, BUILDER, 'do it by hand');
  assert.ok('note' in plan && plan.note.includes('do it by hand'));
});

test('toml: the last line of [dependencies], before the next table, multi-line values and comments kept', () => {
  roundTrip(
    '[package]\nname = "a"\n\n[dependencies]\ntauri = { version = "2", features = [\n  "x",\n] }\n# a comment\n\n[build-dependencies]\nb = "1"\n',
    DEP,
    '[package]\nname = "a"\n\n[dependencies]\ntauri = { version = "2", features = [\n  "x",\n] }\ntauri-plugin-x = { path = "../x" }\n# a comment\n\n[build-dependencies]\nb = "1"\n',
  );
  roundTrip('[dependencies]\n', DEP, '[dependencies]\ntauri-plugin-x = { path = "../x" }\n');
  assert.equal(ensureLine('[dependencies]\ntauri-plugin-x = "1"\n', DEP), '[dependencies]\ntauri-plugin-x = "1"\n', "the user's own entry counts");
});

test('swift: the first statement of didFinishLaunchingWithOptions, after the last import', () => {
  const src =
    'import UIKit\nimport Capacitor\n\nclass AppDelegate: UIResponder, UIApplicationDelegate {\n    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {\n        return true\n    }\n}\n';
  const withCall = ensureLine(src, CALL);
  assert.match(withCall, /-> Bool \{\n {8}XBackgroundTasks\.registerAtLaunch\(\)\n {8}return true/);
  roundTrip(withCall, IMPORT, withCall.replace('import Capacitor\n', 'import Capacitor\nimport XPlugin\n'));
  assert.equal(removeLine(withCall, CALL), src);
  const oneLine = src.replace('-> Bool {\n        return true\n    }', '-> Bool { return true }');
  assert.equal(locate(oneLine, 'swift-did-finish-launching').ok, false);
});

test('rust main: the first statement of fn main()', () => {
  roundTrip('fn main() {\n    app::run()\n}\n', MAIN, 'fn main() {\n    hook();\n    app::run()\n}\n');
  roundTrip('fn main() {}\n', MAIN, 'fn main() {}\n');
});
