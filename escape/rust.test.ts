import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { docCommentText } from './comment.js';
import { isReservedIdentifier, isValidIdentifier } from './identifiers.js';
import { RUST_RESERVED_KEYWORDS, RUST_STRICT_KEYWORDS, rustString } from './rust.js';
import { check, firstHiddenInSource, firstLoneSurrogate, sample, unicodeString } from './testing/arbitraries.js';
import { captureEscapeError } from './testing/errors.js';
import { commandWorks, errorLines, missingTool, run } from './testing/toolchains.js';

const noLoneSurrogate = (piece: string) => firstLoneSurrogate(piece) === -1;

describe('rustString', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', '""'],
      ['say "hi"', '"say \\"hi\\""'],
      ["it's", '"it\'s"'],
      ['C:\\dir', '"C:\\\\dir"'],
      ['{} {0} {name}', '"{} {0} {name}"'], // braces are only special to format!, not to literals
      ['$x ${x} \\(x)', '"$x ${x} \\\\(x)"'],
      ['a\nb\r\nc\td', '"a\\nb\\r\\nc\\td"'],
      ['\0', '"\\0"'],
      ['\x001', '"\\01"'], // `\0` is complete in Rust: this is NUL then "1"
      ['\x1b\x7f\x85', '"\\u{1b}\\u{7f}\\u{85}"'],
      ['abc\u202Edef', '"abc\\u{202e}def"'], // rustc denies raw bidi overrides in literals
      ['\u{E0067}\u{10FFFF}', '"\\u{e0067}\\u{10ffff}"'],
      ['😀 中文', '"😀 中文"'],
    ];
    for (const [input, expected] of cases) assert.equal(rustString(input), expected, JSON.stringify(input));
  });

  test('a lone surrogate cannot be a Rust char: EscapeError names it and its index', () => {
    const err = captureEscapeError(() => rustString('ok\uD800!'));
    assert.equal(err.index, 2);
    assert.equal(err.codePoint, 0xd800);
    assert.match(err.message, /Rust string literal: cannot write U\+D800 \(lone high surrogate\) at index 2/);
  });

  test('property: representable iff no lone surrogate; never a raw hidden character', () => {
    check(unicodeString(), (s) => {
      const bad = firstLoneSurrogate(s);
      if (bad === -1) assert.equal(firstHiddenInSource(rustString(s)), -1);
      else assert.equal(captureEscapeError(() => rustString(s)).index, bad);
    });
  });
});

describe('Rust identifiers', () => {
  test('strict and reserved keywords (2021, plus 2024 gen) are reserved; weak keywords are not', () => {
    for (const k of [...RUST_STRICT_KEYWORDS, ...RUST_RESERVED_KEYWORDS]) assert.ok(isReservedIdentifier('rust', k), k);
    for (const k of WEAK_NAMES) assert.ok(!isReservedIdentifier('rust', k), k);
  });

  test('validity follows XID_Start XID_Continue* in NFC', () => {
    for (const ok of ['a', '_a', 'A1', 'über', '中文', 'type']) assert.ok(isValidIdentifier('rust', ok), ok);
    for (const bad of ['', '_', '1a', 'a-b', 'a$', 'r#type', 'u\u0308ber', '😀']) assert.ok(!isValidIdentifier('rust', bad), bad);
  });
});

/** Names rustc must accept as function names: the control group of the keyword check. */
const WEAK_NAMES = ['union', 'macro_rules', 'raw', 'safe', 'auto', 'default', 'type_', 'yield_', 'über'];

describe('rustc (real compiler; required under CI=true)', () => {
  const haveRustc = commandWorks('rustc', ['--version']);

  test('string literals and doc comments compile, and the program prints back every string exactly', (t) => {
    if (!haveRustc) return missingTool(t, 'rustc not found on PATH', true);
    const strings = sample(unicodeString(noLoneSurrogate));
    const docs = sample(unicodeString().map((s) => `/${s}`)); // doc text may hold anything, and start with `/`
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-rs-'));
    try {
      const src = [
        ...docs.map((d, i) => `/**${docCommentText(d)}*/\npub const DOC${i}: u32 = ${i};`),
        'fn main() {',
        '    let v: &[&str] = &[',
        ...strings.map((s) => `        ${rustString(s)},`),
        '    ];',
        '    for s in v {',
        '        let hex: Vec<String> = s.chars().map(|c| format!("{:x}", c as u32)).collect();',
        '        println!("{}", hex.join(" "));',
        '    }',
        '}',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'main.rs'), src);
      // -D warnings: a literal or comment that only draws a lint counts as a failure too.
      const c = run('rustc', ['--edition', '2021', '-D', 'warnings', '-A', 'dead_code', '-o', join(dir, 'main'), 'main.rs'], { cwd: dir });
      assert.equal(c.status, 0, `rustc failed:\n${c.stderr}`);
      const r = run(join(dir, 'main'), []);
      assert.equal(r.status, 0, r.stderr);
      const expected = strings.map((s) => Array.from(s, (ch) => ch.codePointAt(0)!.toString(16)).join(' '));
      assert.deepEqual(r.stdout.split('\n').slice(0, -1), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every reserved name is refused by rustc (edition 2024), and the weak keywords are accepted', (t) => {
    if (!haveRustc) return missingTool(t, 'rustc not found on PATH', true);
    const reserved = [...RUST_STRICT_KEYWORDS, ...RUST_RESERVED_KEYWORDS];
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-rskw-'));
    try {
      writeFileSync(join(dir, 'kw.rs'), reserved.map((k) => `fn ${k}() {}`).join('\n') + '\n');
      writeFileSync(join(dir, 'ok.rs'), WEAK_NAMES.map((k) => `pub fn ${k}() {}`).join('\n') + '\n');
      const compile = (file: string) =>
        run('rustc', ['--edition', '2024', '--crate-type', 'lib', '-A', 'warnings', '--emit', 'metadata', '-o', join(dir, `${file}.rmeta`), file], { cwd: dir });
      const ok = compile('ok.rs');
      assert.equal(ok.status, 0, `rustc refused a name we call usable:\n${ok.stderr}`);
      const refused = errorLines(compile('kw.rs').stderr, 'kw.rs');
      assert.deepEqual(reserved.filter((_, i) => !refused.has(i + 1)), [], 'rustc accepted names we call reserved');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
