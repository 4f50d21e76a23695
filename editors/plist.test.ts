import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictGet, parsePlist, PlistParseError, toPlain } from '../parsers/plist.js';
import { changedSpan, EditError } from './edit.js';
import { fixture, plistlibLoad, roundTrip } from './harness.test.js';
import {
  ensureAccessedAPI,
  ensureArrayValues,
  ensureDictPath,
  removeAccessedAPI,
  removeArrayValues,
  removeKey,
  setBoolean,
  setString,
} from './plist.js';

/** Every result, checked by Python's plistlib in one batch by the last test of this file. */
const results: Array<{ name: string; text: string }> = [];
const verifier = (name: string) => (text: string) => {
  parsePlist(text);
  results.push({ name, text });
};

const INFO = fixture('Info.plist');

test('Info.plist: missing modes are appended to UIBackgroundModes in its tab indentation', () => {
  roundTrip({
    before: INFO,
    apply: (s) => ensureArrayValues(s, 'UIBackgroundModes', ['remote-notification', 'fetch', 'processing']),
    undo: (s) => removeArrayValues(s, 'UIBackgroundModes', ['fetch', 'processing']),
    added: ['\t\t<string>fetch</string>', '\t\t<string>processing</string>'],
    verify: verifier('UIBackgroundModes'),
  });
});

test('Info.plist: a missing key is created at the end of the root dict; dropEmpty takes the key back out', () => {
  const ids = ['com.example.notes.refresh', 'com.example.notes.sync'];
  const after = roundTrip({
    before: INFO,
    apply: (s) => ensureArrayValues(s, 'BGTaskSchedulerPermittedIdentifiers', ids),
    undo: (s) => removeArrayValues(s, 'BGTaskSchedulerPermittedIdentifiers', ids, { dropEmpty: true }),
    added: [
      '\t<key>BGTaskSchedulerPermittedIdentifiers</key>',
      '\t<array>',
      '\t\t<string>com.example.notes.refresh</string>',
      '\t\t<string>com.example.notes.sync</string>',
      '\t</array>',
    ],
    verify: verifier('BGTaskSchedulerPermittedIdentifiers'),
  });
  // Without dropEmpty the key stays, its array collapsed to <array/>.
  const kept = removeArrayValues(after, 'BGTaskSchedulerPermittedIdentifiers', ids);
  assert.ok(kept.endsWith('\t<key>BGTaskSchedulerPermittedIdentifiers</key>\n\t<array/>\n</dict>\n</plist>\n'));
});

test('Info.plist: a usage description is added, kept when the user wrote one, replaced only between the tags', () => {
  roundTrip({
    before: INFO,
    apply: (s) => setString(s, 'NSLocationAlwaysAndWhenInUseUsageDescription', 'Notes tags a note with where you were when it synced.'),
    undo: (s) => removeKey(s, 'NSLocationAlwaysAndWhenInUseUsageDescription'),
    added: ['\t<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>', '\t<string>Notes tags a note with where you were when it synced.</string>'],
    verify: verifier('usage string'),
  });
  assert.equal(setString(INFO, 'NSCameraUsageDescription', 'Something else', { keepExisting: true }), INFO);
  const after = roundTrip({
    before: INFO,
    apply: (s) => setString(s, 'NSCameraUsageDescription', 'Take photos for notes <3'),
    undo: (s) => setString(s, 'NSCameraUsageDescription', 'Attach a photo to a note & share it'),
    removed: ['\t<string>Attach a photo to a note &amp; share it</string>'],
    added: ['\t<string>Take photos for notes &lt;3</string>'],
    verify: verifier('usage string replaced'),
  });
  const [span] = changedSpan(INFO, after);
  const open = INFO.indexOf('<string>Attach a photo') + '<string>'.length;
  assert.ok(span!.start >= open && span!.end <= INFO.indexOf('</string>', open), 'only the string content changed');
});

test('Info.plist: setBoolean flips only the element name', () => {
  const after = roundTrip({
    before: INFO,
    apply: (s) => setBoolean(s, 'UIViewControllerBasedStatusBarAppearance', false),
    undo: (s) => setBoolean(s, 'UIViewControllerBasedStatusBarAppearance', true),
    removed: ['\t<true/>'],
    added: ['\t<false/>'],
    verify: verifier('boolean'),
  });
  const [span] = changedSpan(INFO, after);
  const el = INFO.lastIndexOf('<true/>');
  assert.ok(span!.start > el && span!.end < el + '<true/>'.length - 2, 'only the name between < and />');
});

test('Info.plist: a nested path creates its dicts; <real> and <integer> values stay exactly as written', () => {
  const after = roundTrip({
    before: INFO,
    apply: (s) => setBoolean(s, ['NSAppTransportSecurity', 'NSAllowsLocalNetworking'], true),
    undo: (s) => removeKey(s, 'NSAppTransportSecurity'),
    added: ['\t<key>NSAppTransportSecurity</key>', '\t<dict>', '\t\t<key>NSAllowsLocalNetworking</key>', '\t\t<true/>', '\t</dict>'],
    verify: verifier('nested'),
  });
  for (const raw of ['<real>1.5</real>', '<real>15.0</real>', '<integer>3</integer>', '<!-- Sync tuning read by SyncSettings.swift -->']) {
    assert.ok(after.includes(raw), raw);
  }
  assert.equal(ensureDictPath(after, ['NSAppTransportSecurity']), after);
  roundTrip({
    before: INFO,
    apply: (s) => ensureDictPath(s, ['NSExtension', 'NSExtensionAttributes']),
    undo: (s) => removeKey(s, 'NSExtension'),
    added: ['\t<key>NSExtension</key>', '\t<dict>', '\t\t<key>NSExtensionAttributes</key>', '\t\t<dict/>', '\t</dict>'],
    verify: verifier('dict path'),
  });
});

test('Info.plist with CRLF line endings gets CRLF lines', () => {
  const crlf = INFO.replace(/\n/g, '\r\n');
  roundTrip({
    before: crlf,
    eol: '\r\n',
    apply: (s) => ensureArrayValues(s, 'BGTaskSchedulerPermittedIdentifiers', ['com.example.notes.refresh']),
    undo: (s) => removeArrayValues(s, 'BGTaskSchedulerPermittedIdentifiers', ['com.example.notes.refresh'], { dropEmpty: true }),
    added: ['\t<key>BGTaskSchedulerPermittedIdentifiers</key>', '\t<array>', '\t\t<string>com.example.notes.refresh</string>', '\t</array>'],
    verify: verifier('crlf'),
  });
});

test('an indented root dict with 2 spaces (Expo prebuild): <array/> is expanded in that style, and collapsed back', () => {
  const before = fixture('Info-expo.plist');
  roundTrip({
    before,
    apply: (s) => ensureArrayValues(s, 'UIBackgroundModes', ['fetch']),
    undo: (s) => removeArrayValues(s, 'UIBackgroundModes', ['fetch']),
    removed: ['    <array/>'],
    added: ['    <array>', '      <string>fetch</string>', '    </array>'],
    verify: verifier('expo array'),
  });
  roundTrip({
    before,
    apply: (s) => setString(s, 'NSBluetoothAlwaysUsageDescription', 'Syncs with your notes device.'),
    undo: (s) => removeKey(s, 'NSBluetoothAlwaysUsageDescription'),
    added: ['    <key>NSBluetoothAlwaysUsageDescription</key>', '    <string>Syncs with your notes device.</string>'],
    verify: verifier('expo key'),
  });
});

test('an empty <dict/> entitlements file is expanded for aps-environment, and collapsed back', () => {
  roundTrip({
    before: fixture('empty.entitlements'),
    apply: (s) => setString(s, 'aps-environment', 'development'),
    undo: (s) => removeKey(s, 'aps-environment'),
    removed: ['<dict/>'],
    added: ['<dict>', '\t<key>aps-environment</key>', '\t<string>development</string>', '</dict>'],
    verify: verifier('empty entitlements'),
  });
});

test('App.entitlements: aps-environment is added after the existing capabilities', () => {
  const before = fixture('App.entitlements');
  roundTrip({
    before,
    apply: (s) => setString(s, 'aps-environment', 'production'),
    undo: (s) => removeKey(s, 'aps-environment'),
    added: ['\t<key>aps-environment</key>', '\t<string>production</string>'],
    verify: verifier('entitlements'),
  });
  assert.equal(ensureArrayValues(before, 'com.apple.security.application-groups', ['group.com.example.notes']), before);
});

test('PrivacyInfo.xcprivacy: a reason merges into the existing entry for its category', () => {
  roundTrip({
    before: fixture('PrivacyInfo.xcprivacy'),
    apply: (s) => ensureAccessedAPI(s, 'NSPrivacyAccessedAPICategoryUserDefaults', ['CA92.1']),
    undo: (s) => removeAccessedAPI(s, 'NSPrivacyAccessedAPICategoryUserDefaults', ['CA92.1']),
    added: ['\t\t\t\t<string>CA92.1</string>'],
    verify: verifier('privacy merge'),
  });
});

test('PrivacyInfo.xcprivacy: a new category gets its own entry at the end of the array', () => {
  roundTrip({
    before: fixture('PrivacyInfo.xcprivacy'),
    apply: (s) => ensureAccessedAPI(s, 'NSPrivacyAccessedAPICategorySystemBootTime', ['35F9.1']),
    undo: (s) => removeAccessedAPI(s, 'NSPrivacyAccessedAPICategorySystemBootTime', ['35F9.1']),
    added: [
      '\t\t<dict>',
      '\t\t\t<key>NSPrivacyAccessedAPIType</key>',
      '\t\t\t<string>NSPrivacyAccessedAPICategorySystemBootTime</string>',
      '\t\t\t<key>NSPrivacyAccessedAPITypeReasons</key>',
      '\t\t\t<array>',
      '\t\t\t\t<string>35F9.1</string>',
      '\t\t\t</array>',
      '\t\t</dict>',
    ],
    verify: verifier('privacy new category'),
  });
});

test('PrivacyInfo.xcprivacy without NSPrivacyAccessedAPITypes: the key is created, and dropped again with dropEmpty', () => {
  const before = fixture('PrivacyInfo-minimal.xcprivacy');
  const after = roundTrip({
    before,
    apply: (s) => ensureAccessedAPI(s, 'NSPrivacyAccessedAPICategoryUserDefaults', ['CA92.1']),
    undo: (s) => removeAccessedAPI(s, 'NSPrivacyAccessedAPICategoryUserDefaults', ['CA92.1'], { dropEmpty: true }),
    added: [
      '\t<key>NSPrivacyAccessedAPITypes</key>',
      '\t<array>',
      '\t\t<dict>',
      '\t\t\t<key>NSPrivacyAccessedAPIType</key>',
      '\t\t\t<string>NSPrivacyAccessedAPICategoryUserDefaults</string>',
      '\t\t\t<key>NSPrivacyAccessedAPITypeReasons</key>',
      '\t\t\t<array>',
      '\t\t\t\t<string>CA92.1</string>',
      '\t\t\t</array>',
      '\t\t</dict>',
      '\t</array>',
    ],
    verify: verifier('privacy created'),
  });
  assert.deepEqual(toPlain(dictGet(parsePlist(after).root, 'NSPrivacyAccessedAPITypes')!), [
    { NSPrivacyAccessedAPIType: 'NSPrivacyAccessedAPICategoryUserDefaults', NSPrivacyAccessedAPITypeReasons: ['CA92.1'] },
  ]);
  assert.ok(removeAccessedAPI(after, 'NSPrivacyAccessedAPICategoryUserDefaults', ['CA92.1']).includes('\t<key>NSPrivacyAccessedAPITypes</key>\n\t<array/>\n'));
});

test('one-line plists stay on one line', () => {
  const before = '<plist version="1.0"><dict><key>UIBackgroundModes</key><array><string>fetch</string></array></dict></plist>\n';
  roundTrip({
    before,
    apply: (s) => ensureArrayValues(s, 'UIBackgroundModes', ['processing']),
    undo: (s) => removeArrayValues(s, 'UIBackgroundModes', ['processing']),
    removed: [before.trimEnd()],
    added: ['<plist version="1.0"><dict><key>UIBackgroundModes</key><array><string>fetch</string><string>processing</string></array></dict></plist>'],
    verify: verifier('one line'),
  });
});

test('hostile strings are escaped and read back exactly', () => {
  const value = 'a <b> & "c" ]]> \u202e \ud83c\udf89 \r\n tail';
  const after = setString(INFO, 'NSLocationAlwaysUsageDescription', value);
  verifier('hostile')(after);
  const v = dictGet(parsePlist(after).root, 'NSLocationAlwaysUsageDescription');
  assert.equal(v?.type === 'string' && v.value, value);
  results.push({ name: 'hostile value check', text: after });
});

// ---------------------------------------------------------------- bad input

test('a key without a value is a located PlistParseError; nothing is returned', () => {
  const broken = INFO.replace('\t<string>en</string>\n', '');
  assert.throws(
    () => ensureArrayValues(broken, 'UIBackgroundModes', ['fetch'], { file: 'ios/App/App/Info.plist' }),
    (e: unknown) => e instanceof PlistParseError && e.message === 'ios/App/App/Info.plist:5:2: <key>CFBundleDevelopmentRegion</key> has no value',
  );
});

test('a value of the wrong type on the path is a located EditError, never overwritten', () => {
  const at = (text: string, needle: string) => {
    const lines = text.slice(0, text.indexOf(needle)).split('\n');
    return `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
  };
  const modes = at(INFO, '<array>\n\t\t<string>remote-notification');
  assert.throws(
    () => setString(INFO, 'UIBackgroundModes', 'fetch', { file: 'Info.plist' }),
    (e: unknown) => e instanceof EditError && e.message === `Info.plist:${modes}: <key>UIBackgroundModes</key> holds <array>, expected <string>`,
  );
  assert.throws(
    () => ensureArrayValues(INFO, 'CFBundleDisplayName', ['x'], { file: 'Info.plist' }),
    (e: unknown) => e instanceof EditError && /^Info\.plist:8:2: <key>CFBundleDisplayName<\/key> holds <string>, expected <array>$/.test(e.message),
  );
  assert.throws(
    () => setBoolean(INFO, ['CFBundleDisplayName', 'x'], true, { file: 'Info.plist' }),
    (e: unknown) => e instanceof EditError && /^Info\.plist:8:2: .* expected <dict>$/.test(e.message),
  );
  assert.throws(
    () => setString('<plist><array/></plist>', 'k', 'v', { file: 'x.plist' }),
    (e: unknown) => e instanceof EditError && e.message === 'x.plist:1:8: the top-level value is <array>, expected <dict>',
  );
});

// ---------------------------------------------------------------- independent check (last: it reads what the tests above produced)

test('Python plistlib (strict) loads every result to the same values our parser reads', () => {
  assert.ok(results.length >= 15, `only ${results.length} results were collected`);
  const loaded = plistlibLoad(results.map((r) => r.text));
  results.forEach((r, i) => {
    const got = loaded[i]!;
    assert.ok(got.ok, `${r.name}: plistlib rejected the result: ${got.ok ? '' : got.error}`);
    assert.deepEqual(got.value, toPlain(parsePlist(r.text).root), r.name);
  });
  // And the check can fail: a key without a value is rejected.
  const [bad] = plistlibLoad(['<plist><dict><key>a</key></dict></plist>']);
  assert.equal(bad!.ok, false);
});
