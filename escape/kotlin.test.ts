import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { docCommentText } from './comment.js';
import { isReservedIdentifier, isValidIdentifier } from './identifiers.js';
import { KOTLIN_HARD_KEYWORDS, kotlinString } from './kotlin.js';
import { check, firstHiddenInSource, sample, unicodeString } from './testing/arbitraries.js';
import { decodeKotlinString } from './testing/kotlin-decoder.js';
import { compileAndRunKotlinMain, errorLines, findKotlinHome, kotlinc, missingTool } from './testing/toolchains.js';

describe('kotlinString', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', '""'],
      ['plain text', '"plain text"'],
      ['say "hi"', '"say \\"hi\\""'],
      ["it's", '"it\'s"'],
      ['C:\\dir\\n', '"C:\\\\dir\\\\n"'],
      ['$name ${x} $', '"\\$name \\${x} \\$"'],
      ['"""raw"""', '"\\"\\"\\"raw\\"\\"\\""'],
      ['a\nb\r\nc\td', '"a\\nb\\r\\nc\\td"'],
      ['\0 \x1b \x7f \x85', '"\\u0000 \\u001b \\u007f \\u0085"'],
      ['abc\u202Edef', '"abc\\u202edef"'], // RTL override: escaped so a reviewer sees it
      ['\u2028\u2029\uFEFF\u200B', '"\\u2028\\u2029\\ufeff\\u200b"'],
      ['😀 👍🏽 中文 é', '"😀 👍🏽 中文 é"'], // printable astral and non-ASCII stay readable
      ['\uD83D', '"\\ud83d"'], // lone high surrogate: representable in Kotlin
      ['\uDE00\uD83D', '"\\ude00\\ud83d"'], // reversed pair = two lone surrogates
      ['\u{E0067}', '"\\udb40\\udc67"'], // tag character: escaped as its surrogate pair
      ['*/ /* \\(', '"*/ /* \\\\("'],
    ];
    for (const [input, expected] of cases) assert.equal(kotlinString(input), expected, JSON.stringify(input));
  });

  test('property: the reference decoder (Kotlin grammar) yields back the exact string, and no hidden character is left raw', () => {
    check(unicodeString(), (s) => {
      const lit = kotlinString(s);
      assert.equal(decodeKotlinString(lit), s);
      assert.equal(firstHiddenInSource(lit), -1, `raw hidden character in ${lit}`);
    });
  });

  test('the reference decoder rejects what Kotlin rejects', () => {
    for (const bad of ['"$x"', '"${x}"', '"$`x`"', '"\\x41"', '"\\0"', '"a\nb"', '"a"b"', '"\\u12"', '"abc']) {
      assert.throws(() => decodeKotlinString(bad), Error, bad);
    }
    assert.equal(decodeKotlinString('"$ $1 $$"'), '$ $1 $$'); // a `$` not followed by an identifier is text
  });
});

describe('Kotlin identifiers', () => {
  test('hard keywords and underscore-only names are reserved; soft and modifier keywords are not', () => {
    for (const k of KOTLIN_HARD_KEYWORDS) assert.ok(isReservedIdentifier('kotlin', k), k);
    for (const k of ['_', '__', '___']) assert.ok(isReservedIdentifier('kotlin', k), k);
    for (const k of SOFT_NAMES) assert.ok(!isReservedIdentifier('kotlin', k), k);
  });

  test('validity follows the grammar (Letter | _) (Letter | _ | UnicodeDigit)*', () => {
    for (const ok of ['a', 'A1', '_x', 'x_', 'über', 'ǅx', 'x١', '中文', 'class']) assert.ok(isValidIdentifier('kotlin', ok), ok);
    for (const bad of ['', '1a', 'a-b', 'a b', 'a$', '$a', 'a.b', '`a`', 'a\u200d', '😀']) assert.ok(!isValidIdentifier('kotlin', bad), bad);
  });
});

/** Names kotlinc must accept as top-level `val` names: the control group of the keyword check. */
const SOFT_NAMES = [
  'by', 'catch', 'constructor', 'delegate', 'dynamic', 'field', 'file', 'finally', 'get', 'import', 'init',
  'param', 'property', 'receiver', 'set', 'setparam', 'value', 'where', 'abstract', 'annotation', 'data',
  'enum', 'open', 'override', 'private', 'public', 'sealed', 'suspend', 'inline', 'it', 'actual', 'expect',
  'ǅx', 'x١',
];

describe('kotlinc (real compiler, when installed)', () => {
  const home = findKotlinHome();

  test('string literals and doc comments compile, and the program prints back every string exactly', (t) => {
    if (!home) return missingTool(t, 'kotlinc not found (BG_KOTLIN_HOME or lib/kotlin-compiler.jar under the toolchain cache)', false);
    const strings = sample(unicodeString());
    const docs = sample(unicodeString().map((s) => `/${s}`)); // also starting with `/`, right after the opener
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-kt-'));
    try {
      const src = [
        ...docs.map((d, i) => `/**${docCommentText(d)}*/\nval doc${i} = ${i}`),
        'fun main() {',
        '    val v = arrayOf(',
        ...strings.map((s) => `        ${kotlinString(s)},`),
        '    )',
        '    for (s in v) println(s.map { it.code.toString(16) }.joinToString(" "))',
        '}',
        '',
      ].join('\n');
      const expected = strings.map((s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(' '));
      assert.deepEqual(compileAndRunKotlinMain(home, dir, src), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every reserved name is refused by kotlinc, and the soft keywords are accepted', (t) => {
    if (!home) return missingTool(t, 'kotlinc not found (BG_KOTLIN_HOME or lib/kotlin-compiler.jar under the toolchain cache)', false);
    const reserved = [...KOTLIN_HARD_KEYWORDS, '_', '__'];
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-ktkw-'));
    try {
      writeFileSync(join(dir, 'Kw.kt'), reserved.map((k) => `val ${k} = 0`).join('\n') + '\n');
      writeFileSync(join(dir, 'Ok.kt'), SOFT_NAMES.map((k) => `val ${k} = 0`).join('\n') + '\n');
      const c = kotlinc(home, dir, ['Kw.kt', 'Ok.kt']);
      const out = c.stdout + c.stderr;
      assert.deepEqual([...errorLines(out, 'Ok.kt')], [], `kotlinc refused a name we call usable:\n${out}`);
      const refused = errorLines(out, 'Kw.kt');
      assert.deepEqual(reserved.filter((_, i) => !refused.has(i + 1)), [], `kotlinc accepted names we call reserved:\n${out}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
