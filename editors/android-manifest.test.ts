import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attrValue, childElements, parseXml, XmlParseError } from '../parsers/xml.js';
import {
  ensureComponent,
  ensurePermission,
  ensureProperty,
  removeComponent,
  removePermission,
  removeUnusedNamespace,
  type ComponentSpec,
} from './android-manifest.js';
import { changedSpan, EditError } from './edit.js';
import { assertLines, fixture, lineChanges, roundTrip, saxesParse } from './harness.test.js';

/** Both our parser and saxes (independent, namespace-aware) must accept every result. */
function verify(text: string): void {
  parseXml(text);
  saxesParse(text);
}

const SYNC_SERVICE: ComponentSpec = {
  tag: 'service',
  name: '.bg.NotesSyncService',
  attrs: {
    'android:exported': 'false',
    'android:foregroundServiceType': 'dataSync|specialUse',
    'tools:ignore': 'ForegroundServicePermission',
  },
  children: [
    { tag: 'property', attrs: { 'android:name': 'android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE', 'android:value': 'Syncs notes & attachments' } },
  ],
};

const BOOT_RECEIVER: ComponentSpec = {
  tag: 'receiver',
  name: '.bg.BootReceiver',
  attrs: { 'android:exported': 'false' },
  children: [
    {
      tag: 'intent-filter',
      children: [
        { tag: 'action', attrs: { 'android:name': 'android.intent.action.BOOT_COMPLETED' } },
        { tag: 'action', attrs: { 'android:name': 'android.intent.action.MY_PACKAGE_REPLACED' } },
      ],
    },
  ],
};

// The same Capacitor manifest as written by different editors: LF, CRLF, with a BOM, with tabs.
const variants = [
  { file: 'capacitor-AndroidManifest.xml', eol: '\n', u: '    ' },
  { file: 'capacitor-AndroidManifest.crlf.xml', eol: '\r\n', u: '    ' },
  { file: 'capacitor-AndroidManifest.bom.xml', eol: '\n', u: '    ' },
  { file: 'capacitor-AndroidManifest.tabs.xml', eol: '\n', u: '\t' },
];

for (const { file, eol, u } of variants) {
  const before = fixture(file);
  const [u2, u3, u4] = [u.repeat(2), u.repeat(3), u.repeat(4)];
  const keepsEncoding = (text: string) => {
    verify(text);
    assert.equal(text.charCodeAt(0) === 0xfeff, before.charCodeAt(0) === 0xfeff, 'the BOM changed');
    if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(text), 'a bare LF crept into a CRLF file');
  };

  test(`${file}: ensurePermission adds one line after the last <uses-permission> (its trailing comment stays)`, () => {
    roundTrip({
      before,
      eol,
      apply: (s) => ensurePermission(s, 'android.permission.FOREGROUND_SERVICE', { file }),
      undo: (s) => removePermission(s, 'android.permission.FOREGROUND_SERVICE', { file }),
      added: [`${u}<uses-permission android:name="android.permission.FOREGROUND_SERVICE" />`],
      verify: keepsEncoding,
    });
  });

  test(`${file}: ensurePermission with maxSdkVersion follows the inline layout of the other <uses-permission>`, () => {
    roundTrip({
      before,
      eol,
      apply: (s) => ensurePermission(s, 'android.permission.READ_EXTERNAL_STORAGE', { maxSdkVersion: 32 }),
      undo: (s) => removePermission(s, 'android.permission.READ_EXTERNAL_STORAGE'),
      added: [`${u}<uses-permission android:name="android.permission.READ_EXTERNAL_STORAGE" android:maxSdkVersion="32" />`],
      verify: keepsEncoding,
    });
  });

  test(`${file}: ensureComponent adds a service at the end of <application>, one attribute per line like the file`, () => {
    roundTrip({
      before,
      eol,
      apply: (s) => ensureComponent(s, SYNC_SERVICE),
      undo: (s) => removeComponent(s, SYNC_SERVICE),
      added: [
        `${u2}<service`,
        `${u3}android:name=".bg.NotesSyncService"`,
        `${u3}android:exported="false"`,
        `${u3}android:foregroundServiceType="dataSync|specialUse"`,
        `${u3}tools:ignore="ForegroundServicePermission">`,
        `${u3}<property`,
        `${u4}android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE"`,
        `${u4}android:value="Syncs notes &amp; attachments" />`,
        `${u2}</service>`,
      ],
      verify: keepsEncoding,
    });
  });

  test(`${file}: ensureComponent adds a receiver with its intent filter`, () => {
    roundTrip({
      before,
      eol,
      apply: (s) => ensureComponent(s, BOOT_RECEIVER),
      undo: (s) => removeComponent(s, BOOT_RECEIVER),
      added: [
        `${u2}<receiver`,
        `${u3}android:name=".bg.BootReceiver"`,
        `${u3}android:exported="false">`,
        `${u3}<intent-filter>`,
        `${u4}<action android:name="android.intent.action.BOOT_COMPLETED" />`,
        `${u4}<action android:name="android.intent.action.MY_PACKAGE_REPLACED" />`,
        `${u3}</intent-filter>`,
        `${u2}</receiver>`,
      ],
      verify: keepsEncoding,
    });
  });

  test(`${file}: updating an attribute of an existing service changes only the value between the quotes`, () => {
    const upload = { tag: 'service', name: 'com.example.notes.UploadService' };
    const after = roundTrip({
      before,
      eol,
      apply: (s) => ensureComponent(s, { ...upload, attrs: { 'android:exported': 'false', 'android:foregroundServiceType': 'dataSync|shortService' } }),
      undo: (s) => ensureComponent(s, { ...upload, attrs: { 'android:foregroundServiceType': 'dataSync' } }),
      removed: [`${u3}android:foregroundServiceType="dataSync" />`],
      added: [`${u3}android:foregroundServiceType="dataSync|shortService" />`],
      verify: keepsEncoding,
    });
    const [span] = changedSpan(before, after);
    assert.equal(span!.text, '|shortService');
    assert.equal(span!.start, span!.end);
    assert.equal(before.slice(span!.start - 'dataSync'.length, span!.start + 1), 'dataSync"');
  });

  test(`${file}: a new attribute on an existing service goes on its own line, like the others`, () => {
    const upload = { tag: 'service', name: 'com.example.notes.UploadService' };
    roundTrip({
      before,
      eol,
      apply: (s) => ensureComponent(s, { ...upload, attrs: { 'android:stopWithTask': 'true' } }),
      undo: (s) => ensureComponent(s, { ...upload, attrs: { 'android:stopWithTask': null } }),
      removed: [`${u3}android:foregroundServiceType="dataSync" />`],
      added: [`${u3}android:foregroundServiceType="dataSync"`, `${u3}android:stopWithTask="true" />`],
      verify: keepsEncoding,
    });
  });

  test(`${file}: ensureProperty expands a self-closing service`, () => {
    roundTrip({
      before,
      eol,
      apply: (s) => ensureProperty(s, { tag: 'service', name: 'com.example.notes.UploadService' }, { name: 'android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE', value: 'sync' }),
      removed: [`${u3}android:foregroundServiceType="dataSync" />`],
      added: [
        `${u3}android:foregroundServiceType="dataSync">`,
        `${u3}<property`,
        `${u4}android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE"`,
        `${u4}android:value="sync" />`,
        `${u2}</service>`,
      ],
      verify: keepsEncoding,
    });
  });

  test(`${file}: everything the generator adds comes out again, in any order, byte for byte`, () => {
    let s = before;
    s = ensurePermission(s, 'android.permission.FOREGROUND_SERVICE');
    s = ensurePermission(s, 'android.permission.FOREGROUND_SERVICE_DATA_SYNC');
    s = ensurePermission(s, 'android.permission.RECEIVE_BOOT_COMPLETED');
    s = ensureComponent(s, SYNC_SERVICE);
    s = ensureComponent(s, BOOT_RECEIVER);
    const changes = lineChanges(before, s);
    assert.equal(changes.removed, '', "nothing of the user's may go");
    assert.equal(changes.hunks, 2, 'permissions in one place, components in another');
    keepsEncoding(s);
    const forward = [
      (x: string) => removePermission(x, 'android.permission.FOREGROUND_SERVICE'),
      (x: string) => removeComponent(x, BOOT_RECEIVER),
      (x: string) => removePermission(x, 'android.permission.RECEIVE_BOOT_COMPLETED'),
      (x: string) => removeComponent(x, SYNC_SERVICE),
      (x: string) => removePermission(x, 'android.permission.FOREGROUND_SERVICE_DATA_SYNC'),
    ];
    assert.equal(forward.reduce((x, f) => f(x), s), before);
    assert.equal([...forward].reverse().reduce((x, f) => f(x), s), before);
  });
}

// ---------------------------------------------------------------- Tauri's generated manifest

test('tauri gen/android: a tools: attribute declares xmlns:tools on <manifest>; removal takes it back out', () => {
  const before = fixture('tauri-gen-AndroidManifest.xml');
  const spec: ComponentSpec = { tag: 'service', name: '.bg.NotesSyncService', attrs: { 'android:exported': 'false', 'tools:ignore': 'Instantiatable' } };
  roundTrip({
    before,
    apply: (s) => ensureComponent(s, spec),
    undo: (s) => removeUnusedNamespace(removeComponent(s, spec)),
    removed: ['<manifest xmlns:android="http://schemas.android.com/apk/res/android">'],
    added: [
      '<manifest xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools">',
      // The file's unit (4) wins over the 2-space block pasted into <provider>.
      '        <service',
      '            android:name=".bg.NotesSyncService"',
      '            android:exported="false"',
      '            tools:ignore="Instantiatable" />',
    ],
    hunks: 2,
    verify,
  });
  // xmlns:tools stays while something still uses it.
  const both = ensureComponent(ensureComponent(before, spec), { tag: 'receiver', name: '.R', attrs: { 'tools:node': 'replace' } });
  assert.equal(removeUnusedNamespace(removeComponent(both, spec)).includes('xmlns:tools'), true);
});

test('tauri gen/android: a permission goes after INTERNET, before the comment of the next element', () => {
  roundTrip({
    before: fixture('tauri-gen-AndroidManifest.xml'),
    apply: (s) => ensurePermission(s, 'android.permission.POST_NOTIFICATIONS'),
    undo: (s) => removePermission(s, 'android.permission.POST_NOTIFICATIONS'),
    added: ['    <uses-permission android:name="android.permission.POST_NOTIFICATIONS" />'],
    verify,
  });
});

// ---------------------------------------------------------------- shapes

const ANDROID = 'xmlns:android="http://schemas.android.com/apk/res/android"';

test('the prefix the file binds to the android namespace is the one written; relative names resolve against package', () => {
  const before =
    '<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:a="http://schemas.android.com/apk/res/android" package="com.example.notes">\n' +
    '  <application a:label="Notes">\n    <service a:name="com.example.notes.bg.Sync" />\n  </application>\n</manifest>\n';
  roundTrip({
    before,
    apply: (s) => ensurePermission(s, 'android.permission.WAKE_LOCK'),
    undo: (s) => removePermission(s, 'android.permission.WAKE_LOCK'),
    added: ['  <uses-permission a:name="android.permission.WAKE_LOCK" />'],
    verify,
  });
  roundTrip({
    before,
    apply: (s) => ensureComponent(s, { tag: 'service', name: '.bg.Sync', attrs: { 'android:exported': 'false' } }),
    undo: (s) => ensureComponent(s, { tag: 'service', name: '.bg.Sync', attrs: { 'android:exported': null } }),
    removed: ['    <service a:name="com.example.notes.bg.Sync" />'],
    added: ['    <service a:name="com.example.notes.bg.Sync" a:exported="false" />'],
    verify,
  });
});

test('a self-closing <application/> is expanded, and collapsed again when the component goes', () => {
  roundTrip({
    before: `<manifest ${ANDROID}>\n    <application android:label="Notes" />\n</manifest>\n`,
    apply: (s) => ensureComponent(s, { tag: 'service', name: '.S', attrs: { 'android:exported': 'false' } }),
    undo: (s) => removeComponent(s, { tag: 'service', name: '.S' }),
    removed: ['    <application android:label="Notes" />'],
    added: ['    <application android:label="Notes">', '        <service android:name=".S" android:exported="false" />', '    </application>'],
    verify,
  });
});

test('a missing <application> is created at the end of <manifest> (and dropped again with dropEmpty)', () => {
  roundTrip({
    before: `<manifest ${ANDROID}>\n    <uses-permission android:name="android.permission.INTERNET" />\n</manifest>\n`,
    apply: (s) => ensureComponent(s, { tag: 'service', name: '.S' }),
    undo: (s) => removeComponent(s, { tag: 'service', name: '.S' }, { dropEmpty: true }),
    added: ['    <application>', '        <service android:name=".S" />', '    </application>'],
    verify,
  });
});

test('a one-line manifest gets its new element on the same line', () => {
  roundTrip({
    before: `<manifest ${ANDROID}><application/></manifest>\n`,
    apply: (s) => ensurePermission(s, 'android.permission.WAKE_LOCK'),
    undo: (s) => removePermission(s, 'android.permission.WAKE_LOCK'),
    removed: [`<manifest ${ANDROID}><application/></manifest>`],
    added: [`<manifest ${ANDROID}><uses-permission android:name="android.permission.WAKE_LOCK"/><application/></manifest>`],
    verify,
  });
});

test('an intent filter merges into an existing one that shares an action', () => {
  const before = fixture('capacitor-AndroidManifest.xml');
  const withFilter = ensureComponent(before, { ...BOOT_RECEIVER, children: [{ tag: 'intent-filter', children: [BOOT_RECEIVER.children![0]!.children![0]!] }] });
  const after = ensureComponent(withFilter, BOOT_RECEIVER);
  assertLines(withFilter, after, { added: ['                <action android:name="android.intent.action.MY_PACKAGE_REPLACED" />'] });
  assert.equal(childElements(childElements(parseXml(after).root, 'application')[0]!, 'receiver')[0]!.children.filter((c) => c.type === 'element').length, 1);
});

test('values equal after decoding entities are left alone: the same string comes back', () => {
  const before = fixture('capacitor-AndroidManifest.xml');
  const same = ensureComponent(before, { tag: 'activity', name: '.MainActivity', attrs: { 'android:label': 'Notes & Tasks', 'android:exported': 'true' } });
  assert.equal(same, before);
  assert.equal(ensurePermission(before, 'android.permission.INTERNET'), before);
  assert.equal(ensurePermission(before, 'android.permission.WRITE_EXTERNAL_STORAGE', { maxSdkVersion: 28 }), before);
});

test('maxSdkVersion: a number updates the value span, null removes the attribute', () => {
  const before = fixture('capacitor-AndroidManifest.xml');
  const line = (rest: string) => `    <uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE"${rest} /> <!-- legacy export -->`;
  roundTrip({
    before,
    apply: (s) => ensurePermission(s, 'android.permission.WRITE_EXTERNAL_STORAGE', { maxSdkVersion: 29 }),
    undo: (s) => ensurePermission(s, 'android.permission.WRITE_EXTERNAL_STORAGE', { maxSdkVersion: 28 }),
    removed: [line(' android:maxSdkVersion="28"')],
    added: [line(' android:maxSdkVersion="29"')],
    verify,
  });
  roundTrip({
    before,
    apply: (s) => ensurePermission(s, 'android.permission.WRITE_EXTERNAL_STORAGE', { maxSdkVersion: null }),
    removed: [line(' android:maxSdkVersion="28"')],
    added: [line('')],
    verify,
  });
});

test('hostile values are escaped: saxes and our parser read back the exact string', () => {
  const label = `a "quoted" <b> & 'c'\nnext\tline \u202e`;
  const after = ensureComponent(fixture('capacitor-AndroidManifest.xml'), { tag: 'service', name: '.H', attrs: { 'android:label': label } });
  verify(after);
  const app = childElements(parseXml(after).root, 'application')[0]!;
  const svc = childElements(app, 'service').find((s) => attrValue(s, 'android:name') === '.H')!;
  assert.equal(attrValue(svc, 'android:label'), label);
});

test("removing the user's element that has a comment after it keeps the comment in place", () => {
  const before = fixture('capacitor-AndroidManifest.xml');
  const after = removePermission(before, 'android.permission.WRITE_EXTERNAL_STORAGE');
  assertLines(before, after, {
    removed: ['    <uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE" android:maxSdkVersion="28" /> <!-- legacy export -->'],
    added: ['    <!-- legacy export -->'],
  });
  // And a comment on the line before a removed element is never touched.
  const commented = removeComponent(before, { tag: 'service', name: 'com.example.notes.UploadService' });
  assertLines(before, commented, {
    removed: ['        <service', '            android:name="com.example.notes.UploadService"', '            android:exported="false"', '            android:foregroundServiceType="dataSync" />'],
  });
});

// ---------------------------------------------------------------- bad input

test('a truncated manifest gives a located error and no result', () => {
  const src = fixture('capacitor-AndroidManifest.xml');
  const truncated = src.slice(0, src.indexOf('<provider'));
  assert.throws(
    () => ensurePermission(truncated, 'android.permission.WAKE_LOCK', { file: 'app/src/main/AndroidManifest.xml' }),
    (e: unknown) =>
      e instanceof XmlParseError && e.line === 5 && e.column === 5 && e.message === 'app/src/main/AndroidManifest.xml:5:5: <application> is never closed',
  );
  const badAttr = src.replace('android:exported="false"', 'android:exported="false');
  assert.throws(
    () => ensureComponent(badAttr, SYNC_SERVICE, { file: 'AndroidManifest.xml' }),
    (e: unknown) => e instanceof XmlParseError && /^AndroidManifest\.xml:\d+:\d+: /.test(e.message),
  );
});

test('a file that is not a manifest, or a property for a missing component, is a located EditError', () => {
  assert.throws(
    () => ensurePermission('<?xml version="1.0"?>\n<resources/>\n', 'X', { file: 'strings.xml' }),
    (e: unknown) => e instanceof EditError && e.message === 'strings.xml:2:1: the root element is <resources>, expected <manifest>',
  );
  assert.throws(
    () => ensureProperty(fixture('capacitor-AndroidManifest.xml'), { tag: 'service', name: '.Missing' }, { name: 'p', value: 'v' }),
    (e: unknown) => e instanceof EditError && /no <service android:name="\.Missing">/.test(e.message),
  );
});
