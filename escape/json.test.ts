import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jsonString } from './json.js';
import { check, firstHiddenInSource, unicodeString } from './testing/arbitraries.js';

describe('jsonString', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', '""'],
      ['say "hi" \\ /', '"say \\"hi\\" \\\\ /"'],
      ['\b\f\n\r\t\0\x1f', '"\\b\\f\\n\\r\\t\\u0000\\u001f"'],
      ['\u2028\u2029', '"\\u2028\\u2029"'], // JSON allows them raw, JS before ES2019 did not
      ['\x7f\x85\u202e\ufeff', '"\\u007f\\u0085\\u202e\\ufeff"'],
      ['\uD800 \uDFFF', '"\\ud800 \\udfff"'], // lone surrogates, exactly as JSON.stringify writes them
      ['😀 中文 é $ ${x} */', '"😀 中文 é $ ${x} */"'],
    ];
    for (const [input, expected] of cases) assert.equal(jsonString(input), expected, JSON.stringify(input));
  });

  test('property: JSON.parse yields back the exact string; same as JSON.stringify unless a hidden character needs more escaping', () => {
    check(unicodeString(), (s) => {
      const lit = jsonString(s);
      assert.equal(JSON.parse(lit), s);
      assert.equal(firstHiddenInSource(lit), -1, `raw hidden character in ${lit}`);
      if (firstHiddenInSource(JSON.stringify(s)) === -1) assert.equal(lit, JSON.stringify(s));
    });
  });
});
