import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSpan, EditError } from './edit.js';
import { fixture, roundTrip } from './harness.test.js';
import { ensureArrayItem, JsonParseError, removeArrayItem, removeValue, setValue } from './json.js';

/** Strict JSON files must still be strict JSON: Node's own JSON.parse (BOM aside) reads every result. */
const strict = (text: string) => {
  JSON.parse(text.replace(/^\uFEFF/, ''));
};

/** JSONC files are read by an independent JSONC parser: TypeScript's (comments, trailing commas). */
async function jsoncParser(): Promise<(text: string) => unknown> {
  const ts = (await import('typescript')).default;
  return (text) => {
    const r = ts.parseConfigFileTextToJson('tauri.conf.json', text);
    if (r.error) throw new Error(ts.flattenDiagnosticMessageText(r.error.messageText, '\n'));
    return r.config;
  };
}

const DEFAULT = fixture('capability-default.json');
const MOBILE = fixture('capability-mobile.json');
const CONF = fixture('tauri.conf.jsonc');

test('capability (2 spaces): a permission is appended after a multi-line object item, with its comma', () => {
  roundTrip({
    before: DEFAULT,
    apply: (s) => ensureArrayItem(s, ['permissions'], 'bg-service:default', { file: 'capabilities/default.json' }),
    undo: (s) => removeArrayItem(s, ['permissions'], 'bg-service:default'),
    removed: ['    }'],
    added: ['    },', '    "bg-service:default"'],
    verify: strict,
  });
});

test('capability: a one-line array stays on its line', () => {
  roundTrip({
    before: DEFAULT,
    apply: (s) => ensureArrayItem(s, ['windows'], 'sync-status'),
    undo: (s) => removeArrayItem(s, ['windows'], 'sync-status'),
    removed: ['  "windows": ["main"],'],
    added: ['  "windows": ["main", "sync-status"],'],
    verify: strict,
  });
});

test('capability (4 spaces): the item goes on a new line in the file indentation', () => {
  roundTrip({
    before: MOBILE,
    apply: (s) => ensureArrayItem(s, ['permissions'], 'bg-service:default'),
    undo: (s) => removeArrayItem(s, ['permissions'], 'bg-service:default'),
    removed: ['        "clipboard-manager:allow-write-text"'],
    added: ['        "clipboard-manager:allow-write-text",', '        "bg-service:default"'],
    verify: strict,
  });
});

test('capability with BOM, CRLF and tabs keeps all three', () => {
  const before = fixture('capability-mobile.bom-crlf-tabs.json');
  roundTrip({
    before,
    eol: '\r\n',
    apply: (s) => ensureArrayItem(s, ['permissions'], 'bg-service:default'),
    undo: (s) => removeArrayItem(s, ['permissions'], 'bg-service:default'),
    removed: ['\t\t"clipboard-manager:allow-write-text"'],
    added: ['\t\t"clipboard-manager:allow-write-text",', '\t\t"bg-service:default"'],
    verify: (s) => {
      strict(s);
      assert.equal(s.charCodeAt(0), 0xfeff);
      assert.ok(!/[^\r]\n/.test(s));
    },
  });
});

test('a missing array is created (the generator passes dropEmpty to take it out again); without it, [] stays', () => {
  const after = roundTrip({
    before: MOBILE,
    apply: (s) => ensureArrayItem(s, ['remoteUrls'], 'https://notes.example.com'),
    undo: (s) => removeArrayItem(s, ['remoteUrls'], 'https://notes.example.com', { dropEmpty: true }),
    removed: ['    ]'],
    added: ['    ],', '    "remoteUrls": [', '        "https://notes.example.com"', '    ]'],
    verify: strict,
  });
  assert.ok(removeArrayItem(after, ['remoteUrls'], 'https://notes.example.com').includes('    "remoteUrls": []\n}'));
  roundTrip({
    before: '{\n  "windows": []\n}\n',
    apply: (s) => ensureArrayItem(s, ['windows'], 'main'),
    undo: (s) => removeArrayItem(s, ['windows'], 'main'),
    removed: ['  "windows": []'],
    added: ['  "windows": ["main"]'],
    verify: strict,
  });
});

test('removing a user item takes its line and nothing else', () => {
  const after = removeArrayItem(MOBILE, ['permissions'], 'core:default');
  assert.equal(after, MOBILE.replace('        "core:default",\n', ''));
  assert.equal(removeArrayItem(MOBILE, ['permissions'], 'clipboard-manager:allow-write-text'), MOBILE.replace(',\n        "clipboard-manager:allow-write-text"', ''));
});

test('tauri.conf JSONC: a plugin config opens up "plugins": {} and goes away again; comments stay', async () => {
  const jsonc = await jsoncParser();
  roundTrip({
    before: CONF,
    apply: (s) => setValue(s, ['plugins', 'bg-service'], { interval: 15, label: 'Notes "sync"' }),
    undo: (s) => removeValue(s, ['plugins', 'bg-service']),
    removed: ['  "plugins": {},'],
    added: ['  "plugins": {', '    "bg-service": {', '      "interval": 15,', '      "label": "Notes \\"sync\\""', '    }', '  },'],
    verify: (s) => assert.deepEqual((jsonc(s) as { plugins: unknown }).plugins, { 'bg-service': { interval: 15, label: 'Notes "sync"' } }),
  });
});

test('tauri.conf JSONC: a new property follows the trailing-comma style, after the comment of the last one', async () => {
  const jsonc = await jsoncParser();
  roundTrip({
    before: CONF,
    apply: (s) => setValue(s, ['build', 'beforeBuildCommand'], 'npm run build'),
    undo: (s) => removeValue(s, ['build', 'beforeBuildCommand']),
    added: ['    "beforeBuildCommand": "npm run build",'],
    verify: (s) => jsonc(s),
  });
  roundTrip({
    before: CONF,
    apply: (s) => ensureArrayItem(s, ['app', 'windows'], { label: 'sync', visible: false }),
    undo: (s) => removeArrayItem(s, ['app', 'windows'], { label: 'sync', visible: false }),
    added: ['      {', '        "label": "sync",', '        "visible": false', '      },'],
    verify: (s) => jsonc(s),
  });
});

test('tauri.conf JSONC: setValue replaces only the value span', async () => {
  const jsonc = await jsoncParser();
  const after = roundTrip({
    before: CONF,
    apply: (s) => setValue(s, ['build', 'frontendDist'], '../build'),
    undo: (s) => setValue(s, ['build', 'frontendDist'], '../dist'),
    removed: ['    "frontendDist": "../dist", // built by vite'],
    added: ['    "frontendDist": "../build", // built by vite'],
    verify: (s) => jsonc(s),
  });
  assert.deepEqual(changedSpan(CONF, after), [{ start: CONF.indexOf('../dist') + 3, end: CONF.indexOf('../dist') + 7, text: 'build' }]);
  roundTrip({
    before: CONF,
    apply: (s) => setValue(s, ['app', 'security', 'csp'], "default-src 'self'"),
    undo: (s) => setValue(s, ['app', 'security', 'csp'], null),
    removed: ['    "security": { "csp": null },'],
    added: ['    "security": { "csp": "default-src \'self\'" },'],
    verify: (s) => jsonc(s),
  });
  // Escapes already in the file are compared by value: "\u2014" is "—".
  assert.equal(setValue(CONF, ['app', 'windows', 0, 'title'], 'Notes \u2014 sync'), CONF);
});

test('removing a property with a comment on its line keeps the comment where it was', () => {
  const after = removeValue(CONF, ['build', 'frontendDist']);
  assert.equal(after, CONF.replace('    "frontendDist": "../dist", // built by vite', '    // built by vite'));
  const noTrailing = '{\n  "a": 1, // one\n  "b": 2 // two\n}\n';
  assert.equal(removeValue(noTrailing, ['b']), '{\n  "a": 1 // one\n  // two\n}\n');
});

test('capacitor.config.json: a plugin entry is added after the last one and removed again', () => {
  roundTrip({
    before: fixture('capacitor.config.json'),
    apply: (s) =>
      setValue(s, ['plugins', 'BackgroundRunner'], { label: 'com.example.notes.sync', src: 'runners/sync.js', event: 'sync', repeat: true, interval: 15, autoStart: true }),
    undo: (s) => removeValue(s, ['plugins', 'BackgroundRunner']),
    removed: ['    }'],
    added: [
      '    },',
      '    "BackgroundRunner": {',
      '      "label": "com.example.notes.sync",',
      '      "src": "runners/sync.js",',
      '      "event": "sync",',
      '      "repeat": true,',
      '      "interval": 15,',
      '      "autoStart": true',
      '    }',
    ],
    verify: strict,
  });
});

test('hostile strings are escaped (hidden characters visibly) and read back exactly', () => {
  const value = 'a"b\\c\n\u2028 \ud83c\udf89 \u202e </script>';
  const after = ensureArrayItem(MOBILE, ['permissions'], value);
  const parsed = JSON.parse(after) as { permissions: string[] };
  assert.equal(parsed.permissions.at(-1), value);
  assert.ok(!/[\u2028\u202e]/.test(after), 'hidden characters are written as \\u escapes');
  assert.equal(removeArrayItem(after, ['permissions'], value), MOBILE);
});

// ---------------------------------------------------------------- bad input

test('a syntax error is a located JsonParseError (BOM not counted); nothing is returned', () => {
  const broken = MOBILE.replace('"local": true,', '"local": true,,');
  assert.throws(
    () => ensureArrayItem(broken, ['permissions'], 'x', { file: 'capabilities/mobile.json' }),
    (e: unknown) => e instanceof JsonParseError && e.message === 'capabilities/mobile.json:4:19: expected a property name in double quotes',
  );
  const truncated = fixture('capability-mobile.bom-crlf-tabs.json').slice(0, 60);
  assert.throws(
    () => setValue(truncated, ['x'], 1, { file: 'm.json' }),
    (e: unknown) => e instanceof JsonParseError && e.message === 'm.json:3:17: unterminated string',
  );
  assert.throws(() => setValue('{"a": 1} x', ['a'], 2, { file: 'f.json' }), (e: unknown) => e instanceof JsonParseError && e.message === 'f.json:1:10: unexpected character');
  assert.throws(() => setValue('\uFEFF{,}', ['a'], 2, { file: 'f.json' }), (e: unknown) => e instanceof JsonParseError && e.line === 1 && e.column === 2);
  assert.throws(() => setValue("{a: 'json5'}", ['a'], 2, { file: 'f.json5' }), (e: unknown) => e instanceof JsonParseError && e.line === 1);
});

test('a value of the wrong type on the path is a located EditError', () => {
  assert.throws(
    () => ensureArrayItem(MOBILE, ['identifier'], 'x', { file: 'mobile.json' }),
    (e: unknown) => e instanceof EditError && e.message === 'mobile.json:2:19: expected an array at .identifier, found a string',
  );
  assert.throws(
    () => setValue(MOBILE, ['local', 'x'], 1, { file: 'mobile.json' }),
    (e: unknown) => e instanceof EditError && e.message === 'mobile.json:4:14: expected an object at .local, found a boolean',
  );
  assert.equal(removeValue(MOBILE, ['permissions', 7]), MOBILE);
  assert.equal(removeValue(MOBILE, ['nothing', 'here']), MOBILE);
});
