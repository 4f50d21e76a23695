import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictGet, parsePlist, PlistParseError, stringArray, toPlain } from './plist.js';

const head = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

test('reads every value type with its element', () => {
  const doc = parsePlist(
    head +
      '<plist version="1.0">\n<dict>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>fetch</string>\n\t</array>\n' +
      '\t<key>n</key><integer>-3</integer><key>r</key><real>15.0</real><key>t</key><true/>' +
      '<key>d</key><date>2024-01-01T00:00:00Z</date><key>b</key><data>AAE=</data><key>e</key><dict/>\n</dict>\n</plist>\n',
  );
  assert.deepEqual(stringArray(dictGet(doc.root, 'UIBackgroundModes')), ['fetch']);
  assert.deepEqual(toPlain(doc.root), {
    UIBackgroundModes: ['fetch'],
    n: -3,
    r: 15,
    t: true,
    d: '2024-01-01T00:00:00Z',
    b: 'AAE=',
    e: {},
  });
  const modes = doc.root.type === 'dict' ? doc.root.entries[0]! : undefined;
  assert.equal(doc.xml.position(modes!.keyEl.start).line, 5);
});

test('signed hexadecimal integers keep their sign', () => {
  const doc = parsePlist('<plist><dict><key>a</key><integer>-0x10</integer><key>b</key><integer>+0x1F</integer><key>c</key><integer>0x1f</integer></dict></plist>');
  assert.deepEqual(toPlain(doc.root), { a: -16, b: 31, c: 31 });
});

const bad: Array<[string, string, number]> = [
  ['<plist><dict><key>a</key></dict></plist>', 'has no value', 1],
  ['<plist><dict><key>a</key>\n<key>b</key><string/></dict></plist>', 'has no value', 1],
  ['<plist><dict><string>x</string></dict></plist>', 'expected <key>', 1],
  ['<plist><dict><key>a</key><integer>1.5</integer></dict></plist>', 'not an integer', 1],
  ['<plist><dict><key>a</key><foo/></dict></plist>', 'not a property-list element', 1],
  ['<plist><dict><key>a</key><true/>\n<key>a</key><true/></dict></plist>', 'duplicate key', 2],
  ['<dict/>', 'expected <plist>', 1],
  ['<plist/>', 'exactly one value', 1],
  ['bplist00\u0000', 'binary property list', 1],
];
for (const [src, msg, line] of bad) {
  test(`rejects plist ${JSON.stringify(src).slice(0, 60)}`, () => {
    assert.throws(
      () => parsePlist(src, 'Info.plist'),
      (e: unknown) => e instanceof PlistParseError && e.message.includes(msg) && e.line === line,
    );
  });
}

test('a hostile nesting depth is a located error, not a stack overflow', () => {
  const n = 20000;
  const src = '<plist>' + '<array>'.repeat(n) + '</array>'.repeat(n) + '</plist>';
  assert.throws(
    () => parsePlist(src, 'deep.plist'),
    (e: unknown) => e instanceof PlistParseError && /nested more than 2048 levels/.test(e.message) && e.line === 1,
  );
  const ok = '<plist>' + '<array>'.repeat(200) + '</array>'.repeat(200) + '</plist>';
  assert.equal(parsePlist(ok).root.type, 'array');
});
