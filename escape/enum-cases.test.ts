/**
 * Enum values may be keywords in a target (`'default' | 'class' | 'self'`):
 * each emitter spells the case name through escape/ (Kotlin
 * `kotlinIdentifier`, Swift `swiftCaseName`, Rust `rustIdentifier`) and
 * writes the declared string as the wire value. Proven here on every keyword
 * of every target and on a fixed sample of keyword-heavy values, with the
 * real tools: kotlinc compiles and runs the Kotlin, rustc compiles the Rust
 * (edition 2024, so 2024's reserved words count), tree-sitter-swift parses
 * the Swift. TypeScript needs nothing: its enums are string-literal unions.
 *
 * tree-sitter-swift is lenient with keywords (it accepts `case class = "class"`
 * unescaped), so for Swift the parse proves only that the escaped spellings
 * are well-formed; that every keyword is escaped is asserted against the
 * Swift book's rules (backticks, or a suffix for the member names backticks
 * cannot free) — there is no Swift compiler on the project's machines.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { nameForms, words } from '../declaration/naming.js';
import { enumConstant } from '../templates/android/kotlin-types.js';
import { enumVariant } from '../templates/desktop/rust-types.js';
import { enumCase } from '../templates/ios/swift.js';
import { parseSwift } from '../toolchains/swift.js';
import { ToolchainMissingError } from '../toolchains/common.js';
import { KOTLIN_HARD_KEYWORDS, kotlinIdentifier, kotlinString } from './kotlin.js';
import { RUST_NOT_RAW, RUST_RESERVED_KEYWORDS, RUST_STRICT_KEYWORDS, rustIdentifier, rustString } from './rust.js';
import { SWIFT_KEYWORDS, SWIFT_MEMBER_UNESCAPABLE, isSwiftIdentifier, isSwiftReserved, swiftCaseName, swiftIdentifier, swiftString } from './swift.js';
import { TS_RESERVED_WORDS } from './ts.js';
import { enumValueish, sample } from './testing/arbitraries.js';
import { commandWorks, compileAndRunKotlinMain, findKotlinHome, missingTool, run } from './testing/toolchains.js';

const KEYWORDS = [...new Set([...KOTLIN_HARD_KEYWORDS, ...SWIFT_KEYWORDS, ...RUST_STRICT_KEYWORDS, ...RUST_RESERVED_KEYWORDS, ...TS_RESERVED_WORDS])].filter((k) => k !== '_');

/** Every keyword as a value, then the sample; only values the reader accepts (some word in them), distinct by `key`. */
function values(key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return [...KEYWORDS, ...sample(enumValueish(KEYWORDS))].filter((v) => {
    if (words(v).length === 0 || !/^[a-z]/i.test(nameForms(v).camel)) return false;
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

describe('enum case names: examples', () => {
  test('Kotlin: SCREAMING_SNAKE constants, a hard keyword in backticks, underscore-only names refused', () => {
    assert.equal(enumConstant('default'), 'DEFAULT');
    assert.equal(enumConstant('in-progress'), 'IN_PROGRESS');
    assert.equal(kotlinIdentifier('class'), '`class`');
    assert.equal(kotlinIdentifier('value'), 'value');
    assert.throws(() => kotlinIdentifier('__'), /cannot be a Kotlin identifier/);
    assert.throws(() => kotlinIdentifier('1a'), /cannot be a Kotlin identifier/);
  });

  test('Swift: camelCase cases, keywords in backticks, self / init / Type … with a suffix', () => {
    assert.deepEqual(['default', 'class', 'self', 'type', 'in', 'fun', 'where', 'init', 'in-progress'].map(enumCase), [
      '`default`', '`class`', 'self_', 'type', '`in`', 'fun', '`where`', 'init_', 'inProgress',
    ]);
    assert.equal(swiftCaseName('Self'), 'Self_');
    assert.equal(swiftIdentifier('self'), '`self`');
    assert.throws(() => swiftCaseName('a-b'), /not a Swift identifier/);
  });

  test('Rust: PascalCase variants, raw identifiers for keywords, a suffix where no raw identifier exists', () => {
    assert.deepEqual(['default', 'class', 'self', 'type', 'in', 'fun', 'where', 'in-progress'].map(enumVariant), [
      'Default', 'Class', 'Self_', 'Type', 'In', 'Fun', 'Where', 'InProgress',
    ]);
    assert.equal(rustIdentifier('type'), 'r#type');
    assert.equal(rustIdentifier('gen'), 'r#gen');
    assert.deepEqual(RUST_NOT_RAW.map(rustIdentifier), ['self_', 'Self_', 'super_', 'crate_', '__']);
    assert.equal(rustIdentifier('über'), 'über');
    assert.throws(() => rustIdentifier('a-b'), /not a Rust identifier/);
  });

  test('a suffixed name never collides with another case of the same enum: case names derived from values hold no `_`', () => {
    for (const v of values((x) => x)) {
      assert.ok(!nameForms(v).camel.includes('_') && !nameForms(v).pascal.includes('_'), v);
    }
  });
});

describe('kotlinc (real compiler, when installed)', () => {
  const home = findKotlinHome();

  test('every hard keyword and every sampled value is an enum entry that compiles, named and valued as declared', (t) => {
    if (!home) return missingTool(t, 'kotlinc not found (BG_KOTLIN_HOME or lib/kotlin-compiler.jar under the toolchain cache)', false);
    const sampled = values((v) => enumConstant(v));
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-ktenum-'));
    try {
      const src = [
        'enum class Keywords { ' + KOTLIN_HARD_KEYWORDS.map(kotlinIdentifier).join(', ') + ' }',
        'enum class Sampled(val value: String) {',
        ...sampled.map((v, i) => `    ${enumConstant(v)}(${kotlinString(v)})${i === sampled.length - 1 ? ';' : ','}`),
        '}',
        'fun main() {',
        '    println(Keywords.values().joinToString(" ") { it.name })',
        '    for (e in Sampled.values()) println(e.value)',
        '}',
        '',
      ].join('\n');
      const [names, ...wire] = compileAndRunKotlinMain(home, dir, src);
      assert.equal(names, KOTLIN_HARD_KEYWORDS.join(' '), 'a backticked entry is named exactly the keyword');
      assert.deepEqual(wire, sampled, 'the wire values are the declared strings');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rustc (real compiler; required under CI=true)', () => {
  const haveRustc = commandWorks('rustc', ['--version']);

  test('every keyword (both cases) through rustIdentifier, and every sampled value as a variant, compile under edition 2024 with -D warnings', (t) => {
    if (!haveRustc) return missingTool(t, 'rustc not found on PATH', true);
    const all = [...RUST_STRICT_KEYWORDS, ...RUST_RESERVED_KEYWORDS, ...RUST_NOT_RAW];
    const both = [...new Set([...all, ...all.map((k) => k.charAt(0).toUpperCase() + k.slice(1))])];
    const sampled = values(enumVariant);
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-rsenum-'));
    try {
      const src = [
        '#![allow(non_camel_case_types, dead_code)]',
        '#[derive(Debug)]',
        'enum Keywords {',
        ...both.map((k) => `    ${rustIdentifier(k)},`),
        '}',
        '#[derive(Debug, Clone, Copy)]',
        'enum Sampled {',
        ...sampled.map((v) => `    ${enumVariant(v)},`),
        '}',
        'impl Sampled {',
        '    fn wire(self) -> &\'static str {',
        '        match self {',
        ...sampled.map((v) => `            Sampled::${enumVariant(v)} => ${rustString(v)},`),
        '        }',
        '    }',
        '}',
        'fn main() {',
        `    let all = [${sampled.map((v) => `Sampled::${enumVariant(v)}`).join(', ')}];`,
        '    for v in all {',
        '        println!("{}", v.wire());',
        '    }',
        `    println!("{:?}", Keywords::${rustIdentifier('type')});`,
        '}',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'main.rs'), src);
      const c = run('rustc', ['--edition', '2024', '-D', 'warnings', '-o', join(dir, 'main'), 'main.rs'], { cwd: dir });
      assert.equal(c.status, 0, `rustc failed:\n${c.stderr}`);
      const r = run(join(dir, 'main'), []);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\n').slice(0, -1), [...sampled, 'type'], 'the wire values are the declared strings; a raw identifier names the keyword itself');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tree-sitter-swift (the Swift grammar of the toolchain cache)', () => {
  test('every keyword and every sampled value is a case of a String enum that parses; every keyword is escaped by the book\'s rules', async (t) => {
    const sampled = values(enumCase);
    for (const v of sampled) {
      const camel = nameForms(v).camel;
      const c = enumCase(v);
      if (SWIFT_MEMBER_UNESCAPABLE.includes(camel)) assert.equal(c, `${camel}_`, v);
      else if (isSwiftReserved(camel)) assert.equal(c, `\`${camel}\``, v);
      else assert.ok(c === camel && isSwiftIdentifier(c), v);
    }
    for (const k of SWIFT_KEYWORDS.filter((k) => !SWIFT_MEMBER_UNESCAPABLE.includes(k))) assert.equal(swiftCaseName(k), `\`${k}\``);
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-swenum-'));
    try {
      const file = join(dir, 'Cases.swift');
      writeFileSync(
        file,
        [
          'public enum Keywords: String, Codable, Sendable {',
          ...SWIFT_KEYWORDS.map((k) => `    case ${swiftCaseName(k)} = ${swiftString(k)}`),
          '}',
          'public enum Sampled: String, Codable, Sendable {',
          ...sampled.map((v) => `    case ${enumCase(v)} = ${swiftString(v)}`),
          '}',
          `let sampled: [Sampled] = [${sampled.map((v) => `.${enumCase(v)}`).join(', ')}]`,
          '',
        ].join('\n'),
      );
      let result;
      try {
        result = await parseSwift([file]);
      } catch (e) {
        if (e instanceof ToolchainMissingError) return missingTool(t, e.message, false);
        throw e;
      }
      assert.deepEqual(result.diagnostics, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
