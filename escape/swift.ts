/**
 * Swift: string literals and identifiers.
 *
 * Grammar (The Swift Programming Language, "Lexical Structure"): a `"…"`
 * literal may hold any scalar except `"`, `\`, U+000A and U+000D; escapes are
 * `\0 \\ \t \n \r \" \'` and `\u{n}` (1–8 hex digits, a scalar value). `\(`
 * starts an interpolation; since every backslash is escaped, a user's `\(`
 * becomes the harmless `\\(`. Swift strings hold Unicode scalars, so a lone
 * surrogate cannot be written: `swiftString` throws `EscapeError` for it.
 */
import { escapeCodePoints, scalarEscape, sourceLiteralRule } from './core.js';

const swiftRule = sourceLiteralRule({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' }, scalarEscape);

/** `s` as a Swift `"…"` literal. Throws `EscapeError` for a lone surrogate. */
export function swiftString(s: string): string {
  return `"${escapeCodePoints(s, 'Swift string literal', swiftRule)}"`;
}

/**
 * The keywords the Swift book lists as reserved outside backticks: those used
 * in declarations, statements, expressions and types, and `_` (patterns).
 * Keywords reserved only in particular contexts (`get`, `set`, `final`,
 * `lazy`, `some`, `Type`, …) are usable identifiers and are not listed.
 */
export const SWIFT_KEYWORDS: readonly string[] = Object.freeze([
  // declarations
  'associatedtype', 'borrowing', 'class', 'consuming', 'deinit', 'enum', 'extension', 'fileprivate',
  'func', 'import', 'init', 'inout', 'internal', 'let', 'nonisolated', 'open', 'operator', 'private',
  'precedencegroup', 'protocol', 'public', 'rethrows', 'static', 'struct', 'subscript', 'typealias', 'var',
  // statements
  'break', 'case', 'catch', 'continue', 'default', 'defer', 'do', 'else', 'fallthrough', 'for',
  'guard', 'if', 'in', 'repeat', 'return', 'throw', 'switch', 'where', 'while',
  // expressions and types
  'Any', 'as', 'await', 'false', 'is', 'nil', 'self', 'Self', 'super', 'throws', 'true', 'try',
  // patterns
  '_',
]);
const keywords = new Set(SWIFT_KEYWORDS);

export function isSwiftReserved(name: string): boolean {
  return keywords.has(name);
}

// The book's identifier-head ranges, verbatim (they are explicit code point
// ranges, not Unicode categories, so they do not move with Unicode versions).
const HEAD =
  'A-Za-z_\\u{A8}\\u{AA}\\u{AD}\\u{AF}\\u{B2}-\\u{B5}\\u{B7}-\\u{BA}\\u{BC}-\\u{BE}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{FF}' +
  '\\u{100}-\\u{2FF}\\u{370}-\\u{167F}\\u{1681}-\\u{180D}\\u{180F}-\\u{1DBF}\\u{1E00}-\\u{1FFF}' +
  '\\u{200B}-\\u{200D}\\u{202A}-\\u{202E}\\u{203F}-\\u{2040}\\u{2054}\\u{2060}-\\u{206F}' +
  '\\u{2070}-\\u{20CF}\\u{2100}-\\u{218F}\\u{2460}-\\u{24FF}\\u{2776}-\\u{2793}\\u{2C00}-\\u{2DFF}\\u{2E80}-\\u{2FFF}' +
  '\\u{3004}-\\u{3007}\\u{3021}-\\u{302F}\\u{3031}-\\u{303F}\\u{3040}-\\u{D7FF}' +
  '\\u{F900}-\\u{FD3D}\\u{FD40}-\\u{FDCF}\\u{FDF0}-\\u{FE1F}\\u{FE30}-\\u{FE44}\\u{FE47}-\\u{FFFD}' +
  '\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}\\u{40000}-\\u{4FFFD}' +
  '\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}' +
  '\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}' +
  '\\u{D0000}-\\u{DFFFD}\\u{E0000}-\\u{EFFFD}';
const CONTINUE = `${HEAD}0-9\\u{300}-\\u{36F}\\u{1DC0}-\\u{1DFF}\\u{20D0}-\\u{20FF}\\u{FE20}-\\u{FE2F}`;
const SWIFT_IDENTIFIER = new RegExp(`^[${HEAD}][${CONTINUE}]*$`, 'u');

/** The book's `identifier-head identifier-characters?` (no backticks, no `$0`/`$x` forms). */
export function isSwiftIdentifier(name: string): boolean {
  return SWIFT_IDENTIFIER.test(name);
}

/**
 * Keywords that backticks do not make a usable member name, because the
 * member expression already means something: `T.self` is the metatype,
 * `T.init` an initializer, `T.Type` and `T.Protocol` metatypes; `_` is the
 * wildcard pattern.
 */
export const SWIFT_MEMBER_UNESCAPABLE: readonly string[] = Object.freeze(['self', 'Self', 'init', 'Type', 'Protocol', '_']);
const unescapable = new Set(SWIFT_MEMBER_UNESCAPABLE);

/**
 * `name` spelled so Swift reads it as that identifier: a keyword goes in
 * backticks. Throws for a name the identifier grammar refuses.
 */
export function swiftIdentifier(name: string): string {
  if (!isSwiftIdentifier(name)) throw new Error(`bg-service internal error: ${JSON.stringify(name)} is not a Swift identifier`);
  return keywords.has(name) ? `\`${name}\`` : name;
}

/**
 * The name of an enum case whose raw value is written out (`case \`default\` = "default"`),
 * so the case name is free to differ from the wire value: a keyword in
 * backticks, and one of `SWIFT_MEMBER_UNESCAPABLE` with a `_` suffix
 * (`self_`), since `E.self` would name the metatype. The suffixed form cannot
 * collide with another case of a generated enum: case names there are
 * camelCase forms, which never hold `_`.
 */
export function swiftCaseName(name: string): string {
  if (!isSwiftIdentifier(name)) throw new Error(`bg-service internal error: ${JSON.stringify(name)} is not a Swift identifier`);
  return unescapable.has(name) ? `${name}_` : swiftIdentifier(name);
}
