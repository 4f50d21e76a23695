/**
 * Property-based proof over arbitrary Unicode values (quotes, markup,
 * `]]>`, line breaks, NUL, lone surrogates, bidi marks, emoji): each editor
 * either refuses the value with the escaper's EscapeError (XML 1.0 cannot
 * hold NUL or a lone surrogate at all) or writes it so that the result
 * parses, reads back the exact value, a second run changes nothing, and the
 * inverse restores the original byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EscapeError } from '../escape/index.js';
import { dictGet, parsePlist, stringArray } from '../parsers/plist.js';
import { attrValue, childElements, parseXml } from '../parsers/xml.js';
import { ensureComponent, removeComponent } from './android-manifest.js';
import { fixture, saxesParse } from './harness.test.js';
import { ensureArrayItem, removeArrayItem } from './json.js';
import { ensureArrayValues, removeArrayValues } from './plist.js';

const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\r', '\n', '\t', '\r\n', '\u2028', '\u202e', '\ud83c\udf89', 'a', ' '), maxLength: 12 }),
);

/** Run `edit`; an EscapeError is an accepted answer for values XML cannot hold, anything else must pass `check`. */
function escapesOr(edit: () => string, check: (result: string) => void): void {
  let result: string;
  try {
    result = edit();
  } catch (e) {
    if (e instanceof EscapeError) return;
    throw e;
  }
  check(result);
}

test('manifest: any attribute value is written exactly or refused by the escaper', () => {
  const before = fixture('capacitor-AndroidManifest.crlf.xml');
  fc.assert(
    fc.property(value, (label) => {
      const spec = { tag: 'service', name: '.bg.P', attrs: { 'android:label': label } };
      escapesOr(
        () => ensureComponent(before, spec),
        (after) => {
          saxesParse(after);
          const app = childElements(parseXml(after).root, 'application')[0]!;
          const svc = childElements(app, 'service').find((s) => attrValue(s, 'android:name') === '.bg.P')!;
          assert.equal(attrValue(svc, 'android:label'), label);
          assert.equal(ensureComponent(after, spec), after);
          assert.equal(removeComponent(after, spec), before);
        },
      );
    }),
    { numRuns: 300 },
  );
});

test('plist: any string is written exactly or refused by the escaper', () => {
  const before = fixture('Info.plist');
  fc.assert(
    fc.property(value, (s) => {
      escapesOr(
        () => ensureArrayValues(before, 'BGTaskSchedulerPermittedIdentifiers', [s]),
        (after) => {
          assert.deepEqual(stringArray(dictGet(parsePlist(after).root, 'BGTaskSchedulerPermittedIdentifiers')), [s]);
          assert.equal(ensureArrayValues(after, 'BGTaskSchedulerPermittedIdentifiers', [s]), after);
          assert.equal(removeArrayValues(after, 'BGTaskSchedulerPermittedIdentifiers', [s], { dropEmpty: true }), before);
        },
      );
    }),
    { numRuns: 300 },
  );
});

test('JSON: any string is written exactly (JSON can hold every string)', () => {
  const before = fixture('capability-mobile.bom-crlf-tabs.json');
  fc.assert(
    fc.property(value, (s) => {
      const after = ensureArrayItem(before, ['permissions'], s);
      const parsed = JSON.parse(after.slice(1)) as { permissions: unknown[] };
      assert.equal(parsed.permissions.at(-1), s);
      assert.equal(ensureArrayItem(after, ['permissions'], s), after);
      assert.equal(removeArrayItem(after, ['permissions'], s), before);
    }),
    { numRuns: 300 },
  );
});
