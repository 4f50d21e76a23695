import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isReservedIdentifier, isValidIdentifier } from './identifiers.js';
import { SWIFT_KEYWORDS, swiftString } from './swift.js';
import { check, firstHiddenInSource, firstLoneSurrogate, unicodeString } from './testing/arbitraries.js';
import { captureEscapeError } from './testing/errors.js';
import { decodeSwiftString } from './testing/swift-decoder.js';

// There is no Swift compiler on the project's machines: the round trip is
// proven against a reader written from the Swift book's string-literal grammar
// (testing/swift-decoder.ts). The syntax of whole generated Swift files is
// checked elsewhere, by the tree-sitter Swift grammar check of the iOS output.

describe('swiftString', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', '""'],
      ['say "hi"', '"say \\"hi\\""'],
      ["it's", '"it\'s"'],
      ['\\(name) \\(x + 1)', '"\\\\(name) \\\\(x + 1)"'], // interpolation trigger neutralised
      ['#"raw"#', '"#\\"raw\\"#"'],
      ['$x ${x}', '"$x ${x}"'],
      ['"""', '"\\"\\"\\""'],
      ['a\nb\r\nc\td', '"a\\nb\\r\\nc\\td"'],
      ['\0', '"\\0"'],
      ['\x001', '"\\01"'], // Swift's `\0` takes no digits: NUL then "1"
      ['\x1b\x7f\x85', '"\\u{1b}\\u{7f}\\u{85}"'],
      ['abc\u202Edef', '"abc\\u{202e}def"'],
      ['\u2028\uFEFF', '"\\u{2028}\\u{feff}"'],
      ['😀 👨‍👩‍👧 é', '"😀 👨\\u{200d}👩\\u{200d}👧 é"'], // ZWJ is invisible: spelled out
      ['\u{E0067}', '"\\u{e0067}"'],
    ];
    for (const [input, expected] of cases) assert.equal(swiftString(input), expected, JSON.stringify(input));
  });

  test('a lone surrogate cannot be a Swift Unicode.Scalar: EscapeError names it and its index', () => {
    const err = captureEscapeError(() => swiftString('ab\uDC00'));
    assert.equal(err.index, 2);
    assert.equal(err.codePoint, 0xdc00);
    assert.match(err.message, /^Swift string literal: cannot write U\+DC00 \(lone low surrogate\) at index 2/);
  });

  test('property: the reference decoder (Swift grammar) yields back the exact string; lone surrogates throw at their index', () => {
    check(unicodeString(), (s) => {
      const bad = firstLoneSurrogate(s);
      if (bad !== -1) {
        assert.equal(captureEscapeError(() => swiftString(s)).index, bad);
        return;
      }
      const lit = swiftString(s);
      assert.equal(decodeSwiftString(lit), s);
      assert.equal(firstHiddenInSource(lit), -1, `raw hidden character in ${lit}`);
    });
  });

  test('the reference decoder rejects what Swift rejects', () => {
    for (const bad of ['"\\(x)"', '"\\u{d800}"', '"\\u{110000}"', '"\\u{}"', '"\\x41"', '"\\$"', '"a\nb"', '"a"b"', '"abc']) {
      assert.throws(() => decodeSwiftString(bad), Error, bad);
    }
    assert.equal(decodeSwiftString('"\\u{1F600}\\u{41}\\0"'), '😀A\0');
  });
});

describe('Swift identifiers', () => {
  test('the book\'s keywords are reserved; context-specific ones are not', () => {
    for (const k of SWIFT_KEYWORDS) assert.ok(isReservedIdentifier('swift', k), k);
    for (const k of ['get', 'set', 'willSet', 'didSet', 'final', 'lazy', 'weak', 'some', 'Type', 'Protocol', 'actor', 'async', 'macro', 'package', 'any']) {
      assert.ok(!isReservedIdentifier('swift', k), k);
    }
  });

  test('validity follows the book\'s identifier-head / identifier-character ranges', () => {
    for (const ok of ['a', '_a', 'A1', 'über', '中文', 'a\u0301', 'π', '😀', 'class']) assert.ok(isValidIdentifier('swift', ok), ok);
    for (const bad of ['', '1a', '$0', '$x', 'a-b', 'a b', '\u0301a', '`a`', 'a.b', '\ue000']) assert.ok(!isValidIdentifier('swift', bad), bad);
  });
});
