import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isReservedIdentifier, isValidIdentifier } from './identifiers.js';
import { check, firstHiddenInSource, sample, unicodeString } from './testing/arbitraries.js';
import { TS_RESERVED_WORDS, TS_STRICT_MODE_RESERVED_WORDS, tsString } from './ts.js';

/** Evaluate a literal as strict-mode JS (legacy octal escapes would be a SyntaxError here). */
function evalStrict(lit: string): unknown {
  return new Function(`"use strict"; return ${lit};`)();
}

describe('tsString', () => {
  test('examples', () => {
    const cases: Array<[string, "'" | '"' | undefined, string]> = [
      ['', undefined, "''"],
      ["it's", undefined, "'it\\'s'"],
      ["it's", '"', '"it\'s"'],
      ['say "hi"', undefined, '\'say "hi"\''],
      ['say "hi"', '"', '"say \\"hi\\""'],
      ['C:\\dir', undefined, "'C:\\\\dir'"],
      ['${x} `t` $', undefined, "'${x} `t` $'"], // only template literals care about these
      ['a\nb\r\nc\td', undefined, "'a\\nb\\r\\nc\\td'"],
      ['\0', undefined, "'\\u0000'"],
      ['\x001', undefined, "'\\u00001'"], // never `\0` + digit: a legacy octal escape
      ['\u2028\u2029', undefined, "'\\u2028\\u2029'"],
      ['\u202e\ufeff\x7f', undefined, "'\\u202e\\ufeff\\u007f'"],
      ['\uD800', undefined, "'\\ud800'"],
      ['😀 中文 */ </script>', undefined, "'😀 中文 */ </script>'"],
    ];
    for (const [input, quote, expected] of cases) assert.equal(tsString(input, quote), expected, JSON.stringify(input));
  });

  test('property: strict-mode JS evaluates each literal (both quotes) back to the exact string', () => {
    check(unicodeString(), (s) => {
      for (const quote of ["'", '"'] as const) {
        const lit = tsString(s, quote);
        assert.equal(evalStrict(lit), s);
        assert.equal(firstHiddenInSource(lit), -1, `raw hidden character in ${lit}`);
      }
    });
  });

  test('the TypeScript parser reads a batch of literals back exactly, without diagnostics', async () => {
    const { default: ts } = await import('typescript');
    const strings = sample(unicodeString());
    const src = strings.map((s, i) => `export const s${i} = ${tsString(s, i % 2 ? '"' : "'")};`).join('\n');
    const file = ts.createSourceFile('batch.ts', src, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const diagnostics = (file as unknown as { parseDiagnostics: Array<{ messageText: unknown }> }).parseDiagnostics;
    assert.deepEqual(diagnostics.map((d) => d.messageText), []);
    const values = file.statements.map((st) => {
      assert.ok(ts.isVariableStatement(st));
      const init = st.declarationList.declarations[0]!.initializer!;
      assert.ok(ts.isStringLiteral(init));
      return init.text;
    });
    assert.deepEqual(values, strings);
  });
});

describe('TS/JS identifiers', () => {
  test('reserved words and strict-mode reserved words are reserved; contextual keywords are not', () => {
    for (const k of [...TS_RESERVED_WORDS, ...TS_STRICT_MODE_RESERVED_WORDS]) assert.ok(isReservedIdentifier('ts', k), k);
    for (const k of CONTEXTUAL) assert.ok(!isReservedIdentifier('ts', k), k);
  });

  test('V8 refuses every reserved word as a binding name in a module, and accepts the contextual keywords', async () => {
    const parses = async (code: string) =>
      import(`data:text/javascript,${encodeURIComponent(code)}`).then(
        () => true,
        (e: unknown) => {
          if (e instanceof SyntaxError) return false;
          throw e;
        },
      );
    for (const k of [...TS_RESERVED_WORDS, ...TS_STRICT_MODE_RESERVED_WORDS]) assert.equal(await parses(`let ${k};`), false, k);
    assert.equal(await parses(CONTEXTUAL.map((k) => `let ${k};`).join('\n')), true);
  });

  test('validity follows IdentifierName', () => {
    for (const ok of ['a', '_a', '$', '$a', 'A1', 'über', '中文', 'a\u200d', 'class']) assert.ok(isValidIdentifier('ts', ok), ok);
    for (const bad of ['', '1a', 'a-b', 'a b', 'a.b', '\\u0061', '😀', '#a']) assert.ok(!isValidIdentifier('ts', bad), bad);
  });
});

/** Keywords only in some positions, usable as binding names in modules. */
const CONTEXTUAL = ['as', 'async', 'from', 'get', 'set', 'of', 'type', 'declare', 'namespace', 'module', 'abstract', 'readonly', 'keyof', 'infer', 'is', 'satisfies', 'accessor', 'undefined', 'target', 'meta', 'constructor'];
