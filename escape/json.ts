/**
 * JSON string literals.
 *
 * Same output as `JSON.stringify(s)` (short escapes for `\b \f \n \r \t`,
 * `\uXXXX` for other C0 controls and lone surrogates, which RFC 8259 allows
 * and `JSON.parse` returns unchanged), except that the other characters hidden
 * in source (DEL, C1, U+2028/2029, bidi controls, BOM, …) are escaped too, so a
 * reviewer sees them and JSON embedded in JS stays valid. Never throws.
 */
import { escapeCodePoints, sourceLiteralRule, utf16Escape } from './core.js';

const jsonRule = sourceLiteralRule(
  { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' },
  utf16Escape,
);

/** `s` as a JSON string literal, quotes included. */
export function jsonString(s: string): string {
  return `"${escapeCodePoints(s, 'JSON string', jsonRule)}"`;
}
