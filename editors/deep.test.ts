/**
 * Deeply nested and one-line files: the walks over a document's elements are
 * iterative and its line lookups indexed, so an edit is linear in the file.
 * (The recursive generator the walk used to be cost O(depth) per element —
 * 3.9 s on one fuzz manifest — and exhausted the call stack at a depth of
 * about 8,000, which the 20,000-deep cases below would hit.) No timing is
 * asserted; the measurements are in the commit that made the change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { childElements, parseXml, type XmlElement } from '../parsers/xml.js';
import { ensureComponent, ensurePermission, removePermission } from './android-manifest.js';
import { ensureArrayValues } from './plist.js';
import { lineIndent, lineStart, startsLine } from './text.js';
import { elementsOf, LineIndex } from './xml-layout.js';

const DEPTH = 20_000;

function deepManifest(depth: number, oneLine: boolean): string {
  const sep = oneLine ? '' : '\n';
  const parts = ['<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.deep">', sep];
  for (let i = 0; i < depth; i++) parts.push(oneLine ? '' : ' '.repeat(i % 8), `<meta-data android:name="n${i}" android:value="v">`, sep);
  for (let i = depth - 1; i >= 0; i--) parts.push(oneLine ? '' : ' '.repeat(i % 8), '</meta-data>', sep);
  parts.push('<application android:label="x"/>', sep, '</manifest>', sep);
  return parts.join('');
}

for (const oneLine of [false, true]) {
  test(`a manifest nested ${DEPTH.toLocaleString('en')} deep${oneLine ? ', all on one line' : ''}: permission and component edits work and keep every other byte`, () => {
    const src = deepManifest(DEPTH, oneLine);
    const added = ensurePermission(src, 'android.permission.FOREGROUND_SERVICE');
    assert.notEqual(added, src);
    assert.equal(removePermission(added, 'android.permission.FOREGROUND_SERVICE'), src, 'the inverse restores every byte');
    const withService = ensureComponent(src, { tag: 'service', name: '.Sync', attrs: { 'android:exported': 'false', 'android:foregroundServiceType': 'dataSync' } });
    const app = childElements(parseXml(withService).root, 'application')[0]!;
    assert.deepEqual(childElements(app, 'service').length, 1);
    assert.equal(ensureComponent(withService, { tag: 'service', name: '.Sync', attrs: { 'android:exported': 'false', 'android:foregroundServiceType': 'dataSync' } }), withService, 'idempotent');
  });
}

test('a property list nested 2,000 deep: an array value is added', () => {
  // (Deeper plists overflow the stack in parsers/plist.ts's recursive value reader, before the editor runs.)
  const depth = 2_000;
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>deep</key>\n'];
  for (let i = 0; i < depth; i++) parts.push('<array>');
  for (let i = 0; i < depth; i++) parts.push('</array>');
  parts.push('\n</dict>\n</plist>\n');
  const out = ensureArrayValues(parts.join(''), 'UIBackgroundModes', ['fetch']);
  assert.match(out, /<key>UIBackgroundModes<\/key>\s*<array>\s*<string>fetch<\/string>/);
});

/** The walk it replaced, as the reference for document order. */
function* recursive(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (c.type === 'element') {
      yield c;
      yield* recursive(c);
    }
  }
}

test('elementsOf lists every element in document order (same as a recursive walk)', () => {
  const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('<x/>', 'text', '<!-- c -->', '<y a="1"/>'),
      fc.array(tie('node'), { maxLength: 4 }).map((kids) => `<e>${kids.join('')}</e>`),
    ),
  })).node;
  fc.assert(
    fc.property(fc.array(tree, { maxLength: 5 }), (kids) => {
      const doc = parseXml(`<r>${kids.join('')}</r>`);
      assert.deepEqual(elementsOf(doc.root), [...recursive(doc.root)]);
    }),
    { numRuns: 300 },
  );
});

test('LineIndex agrees with lineStart, lineIndent and startsLine at every offset (\\n, \\r\\n, lone \\r, tabs, spaces)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '<', ' ', '\t', '\n', '\r', '\r\n'), maxLength: 60 }), (src) => {
      const index = new LineIndex(src);
      for (let at = 0; at <= src.length; at++) {
        assert.equal(index.lineStart(at), lineStart(src, at), `lineStart at ${at} of ${JSON.stringify(src)}`);
        assert.equal(index.lineIndent(at), lineIndent(src, at), `lineIndent at ${at} of ${JSON.stringify(src)}`);
        assert.equal(index.startsLine(at), startsLine(src, at), `startsLine at ${at} of ${JSON.stringify(src)}`);
      }
    }),
    { numRuns: 500 },
  );
});
