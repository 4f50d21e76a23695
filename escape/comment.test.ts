import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docCommentText } from './comment.js';
import { check, firstHiddenInSource, unicodeString } from './testing/arbitraries.js';
import { blockCommentEnd } from './testing/comments.js';

// The real compilers see these comments too: kotlin.test.ts and rust.test.ts
// put a batch of docCommentText outputs in front of declarations they compile.

describe('docCommentText', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['Syncs notes every 15 min.', 'Syncs notes every 15 min.'],
      ['ends */ here', 'ends * / here'],
      ['opens /* nested', 'opens / * nested'],
      ['/*/', ' / * / '], // leading `/` would close the opener `/**`; trailing `/` would open one with the closer
      ['a**/b', 'a** /b'],
      ['path/to/file *.kt', 'path/to/file *.kt'],
      ['line1\r\nline2\rline3\nline4', 'line1\nline2\nline3\nline4'], // rustc rejects a bare CR in doc comments
      ['tab\tkept', 'tab\tkept'],
      ['nul\0 esc\x1b rtl\u202e bom\ufeff lone\ud800', 'nul\ufffd esc\ufffd rtl\ufffd bom\ufffd lone\ufffd'],
      ['😀 中文 $x ${x} \\(x) @param', '😀 中文 $x ${x} \\(x) @param'],
    ];
    for (const [input, expected] of cases) assert.equal(docCommentText(input), expected, JSON.stringify(input));
  });

  test('property: /** + text + */ is exactly one comment, read nested (Kotlin, Swift, Rust) or not (JS/TS), with or without padding', () => {
    check(unicodeString(), (s) => {
      const d = docCommentText(s);
      for (const comment of [`/**${d}*/`, `/** ${d} */`, `/*${d}*/`]) {
        assert.equal(blockCommentEnd(comment, true), comment.length, comment);
        assert.equal(blockCommentEnd(comment, false), comment.length, comment);
      }
      assert.equal(firstHiddenInSource(d.replace(/[\t\n]/g, '')), -1);
      assert.ok(!d.includes('\r'));
    });
  });

  test('property: JS evaluates code around the comment unchanged', () => {
    check(unicodeString(), (s) => {
      assert.equal(new Function(`"use strict"; return 1 /**${docCommentText(s)}*/ + 1;`)(), 2);
    });
  });

  test('property: text without hazards is kept as it is', () => {
    const harmless = (piece: string) => !/[*/\r]/.test(piece) && firstHiddenInSource(piece.replace(/[\t\n]/g, '')) === -1;
    check(unicodeString(harmless), (s) => assert.equal(docCommentText(s), s));
  });

  test('the reference comment reader nests only when asked', () => {
    assert.equal(blockCommentEnd('/* /* */ x', false), 8);
    assert.equal(blockCommentEnd('/* /* */ x', true), -1);
    assert.equal(blockCommentEnd('/**/', true), 4);
  });
});
