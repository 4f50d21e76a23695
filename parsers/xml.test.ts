import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attrValue, childElements, getAttrNS, parseXml, XmlParseError } from './xml.js';

const ANDROID = 'http://schemas.android.com/apk/res/android';

test('offsets of elements and attribute values are exact, with BOM and CRLF', () => {
  const src =
    '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<!-- top -->\r\n<manifest xmlns:android="' +
    ANDROID +
    '"\r\n    package="a.b">\r\n\t<uses-permission android:name="android.permission.X" />\r\n</manifest>\r\n';
  const doc = parseXml(src);
  assert.equal(doc.hasBom, true);
  assert.equal(doc.eol, '\r\n');
  assert.equal(doc.prolog.length, 2);
  const perm = childElements(doc.root, 'uses-permission')[0]!;
  assert.equal(src.slice(perm.start, perm.end), '<uses-permission android:name="android.permission.X" />');
  assert.equal(perm.selfClosing, true);
  assert.deepEqual(doc.position(perm.start), { line: 5, column: 2 });
  const a = getAttrNS(perm, ANDROID, 'name')!;
  assert.equal(src.slice(a.valueStart, a.valueEnd), 'android.permission.X');
  assert.equal(src.slice(doc.root.closeStart, doc.root.end), '</manifest>');
  assert.equal(attrValue(doc.root, 'package'), 'a.b');
});

test('entities and character references decode; attribute whitespace normalises', () => {
  const doc = parseXml('<a t="x&amp;y&#65;&#x42;\tz">1 &lt; 2</a>');
  assert.equal(attrValue(doc.root, 't'), 'x&yAB z');
  assert.equal((doc.root.children[0] as { value: string }).value, '1 < 2');
});

const bad: Array<[string, string, number, number]> = [
  ['<a><b></a>', 'does not match', 1, 7],
  ['<a>', 'never closed', 1, 1],
  ['<a x="1" x="2"/>', 'appears twice', 1, 10],
  ['<a x=1/>', 'quoted value', 1, 6],
  ['<a>&bogus;</a>', 'undefined entity', 1, 4],
  ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'internal subsets', 1, 13],
  ['<a/><b/>', 'second one', 1, 5],
  ['text<a/>', 'outside the root', 1, 1],
  ['<a>\u0001</a>', 'not allowed in XML', 1, 4],
  ['', 'no root element', 1, 1],
  ['<a><!-- x -- y --></a>', "'--'", 1, 11],
  ['\n\n<?xml version="1.0"?><a/>', 'very start', 3, 1],
  ['<a><!-- x ---></a>', "'--->'", 1, 11],
  ['<!DOCTYPE a><!DOCTYPE a><a/>', 'one DOCTYPE', 1, 13],
  ['<?XML version="1.0"?><a/>', 'reserved', 1, 1],
  ['<a><?Xml x?></a>', 'reserved', 1, 4],
];
for (const [src, msg, line, column] of bad) {
  test(`rejects ${JSON.stringify(src)} at ${line}:${column}`, () => {
    assert.throws(
      () => parseXml(src, 'f.xml'),
      (e: unknown) => e instanceof XmlParseError && e.message.includes(msg) && e.line === line && e.column === column,
    );
  });
}
