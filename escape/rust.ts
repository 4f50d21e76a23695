/**
 * Rust: string literals and identifiers.
 *
 * Reference ("Tokens"): a `"…"` literal may hold any char except an unescaped
 * `"` or `\`, and a bare CR is an error; escapes are `\n \r \t \\ \0 \' \"`,
 * `\x00`–`\x7F` and `\u{…}` (1–6 hex digits, a scalar value). rustc also
 * denies bidi override characters in literals by default
 * (`text_direction_codepoint_in_literal`), which the shared hidden-character
 * list covers. `str` holds scalars, so a lone surrogate is refused with
 * `EscapeError`.
 */
import { escapeCodePoints, scalarEscape, sourceLiteralRule } from './core.js';

const rustRule = sourceLiteralRule({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' }, scalarEscape);

/** `s` as a Rust `"…"` literal (a `&'static str`). Throws `EscapeError` for a lone surrogate. */
export function rustString(s: string): string {
  return `"${escapeCodePoints(s, 'Rust string literal', rustRule)}"`;
}

/** Strict keywords of the 2021 edition (including the 2018 additions `async`, `await`, `dyn`). */
export const RUST_STRICT_KEYWORDS: readonly string[] = Object.freeze([
  'as', 'async', 'await', 'break', 'const', 'continue', 'crate', 'dyn', 'else', 'enum', 'extern',
  'false', 'fn', 'for', 'if', 'impl', 'in', 'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub',
  'ref', 'return', 'self', 'Self', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe',
  'use', 'where', 'while',
]);

/**
 * Reserved keywords (unused but not identifiers): those of 2021 (`try` since
 * 2018) plus `gen`, reserved by the 2024 edition, so generated code compiles
 * under either edition. Weak keywords (`union`, `macro_rules`, `raw`, `safe`)
 * are ordinary identifiers and are not listed.
 */
export const RUST_RESERVED_KEYWORDS: readonly string[] = Object.freeze([
  'abstract', 'become', 'box', 'do', 'final', 'gen', 'macro', 'override', 'priv', 'try', 'typeof',
  'unsized', 'virtual', 'yield',
]);
const keywords = new Set([...RUST_STRICT_KEYWORDS, ...RUST_RESERVED_KEYWORDS]);

/** A strict or reserved keyword. (`_` is not an identifier at all: see `isRustIdentifier`.) */
export function isRustReserved(name: string): boolean {
  return keywords.has(name);
}

/** Reference: `XID_Start XID_Continue*` or `_ XID_Continue+`, in NFC (rustc rejects other forms). */
export function isRustIdentifier(name: string): boolean {
  return /^(?:\p{XID_Start}|_)\p{XID_Continue}*$/u.test(name) && name !== '_' && name.normalize('NFC') === name;
}

/** Keywords a raw identifier cannot spell (`r#self` is an error): the path keywords, and `_`. */
export const RUST_NOT_RAW: readonly string[] = Object.freeze(['self', 'Self', 'super', 'crate', '_']);
const notRaw = new Set(RUST_NOT_RAW);

/**
 * `name` spelled as a Rust identifier: a keyword as a raw identifier
 * (`r#type`), and one of `RUST_NOT_RAW` with a `_` suffix (`Self_`). A suffixed
 * name is a different name, so the caller must keep the original where it
 * matters — for a serde enum variant, `#[serde(rename = "self")]`, which the
 * generated enums write for every variant. Throws for a name that is not
 * identifier-shaped (`XID_Start XID_Continue*`, or `_`).
 */
export function rustIdentifier(name: string): string {
  if (notRaw.has(name)) return `${name}_`;
  if (!isRustIdentifier(name)) throw new Error(`bg-service internal error: ${JSON.stringify(name)} is not a Rust identifier`);
  return keywords.has(name) ? `r#${name}` : name;
}
