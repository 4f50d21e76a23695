import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as escape from './index.js';

test('index re-exports the whole API', () => {
  assert.deepEqual(Object.keys(escape).sort(), [
    'EscapeError', 'KOTLIN_HARD_KEYWORDS', 'RUST_NOT_RAW', 'RUST_RESERVED_KEYWORDS', 'RUST_STRICT_KEYWORDS', 'SWIFT_KEYWORDS',
    'SWIFT_MEMBER_UNESCAPABLE', 'TS_RESERVED_WORDS', 'TS_STRICT_MODE_RESERVED_WORDS', 'describeCodePoint', 'docCommentText',
    'isReservedIdentifier', 'isValidIdentifier', 'jsonString', 'kotlinIdentifier', 'kotlinString', 'plistString', 'rustIdentifier',
    'rustString', 'swiftCaseName', 'swiftIdentifier', 'swiftString', 'systemdExecArg', 'systemdExecPath', 'systemdValue', 'tsString',
    'xmlAttr', 'xmlText',
  ]);
});

test('EscapeError is an Error carrying target, input, index and code point', () => {
  try {
    escape.xmlText('a\u0007b');
    assert.fail('expected an EscapeError');
  } catch (e) {
    assert.ok(e instanceof escape.EscapeError && e instanceof Error);
    assert.equal(e.name, 'EscapeError');
    assert.deepEqual([e.target, e.input, e.index, e.codePoint], ['XML text', 'a\u0007b', 1, 7]);
    assert.equal(e.message, 'XML text: cannot write U+0007 at index 1 of "a\\u{7}b": XML 1.0 has no way to write this character, not even as a character reference');
  }
});

test('keyword lists are frozen', () => {
  assert.ok(Object.isFrozen(escape.KOTLIN_HARD_KEYWORDS) && Object.isFrozen(escape.SWIFT_KEYWORDS));
  assert.ok(Object.isFrozen(escape.RUST_STRICT_KEYWORDS) && Object.isFrozen(escape.TS_RESERVED_WORDS));
});

test('the unrepresentable-character decisions, one line each', () => {
  const lone = 'x\uD800';
  assert.equal(escape.kotlinString(lone), '"x\\ud800"'); // UTF-16 target: escaped
  assert.equal(escape.tsString(lone), "'x\\ud800'"); // UTF-16 target: escaped
  assert.equal(escape.jsonString(lone), '"x\\ud800"'); // JSON allows \uD800: escaped
  for (const f of [escape.swiftString, escape.rustString, escape.xmlText, escape.xmlAttr, escape.plistString, escape.systemdValue, escape.systemdExecArg]) {
    assert.throws(() => f(lone), escape.EscapeError); // scalar-only or XML targets: refused
  }
  assert.equal(escape.rustString('\0'), '"\\0"');
  assert.equal(escape.swiftString('\0'), '"\\0"');
  assert.throws(() => escape.xmlAttr('\0'), escape.EscapeError); // XML 1.0 cannot hold NUL at all
  assert.equal(escape.docCommentText(lone), 'x\uFFFD'); // comments are for people: replaced, never thrown
});
