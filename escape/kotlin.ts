/**
 * Kotlin: double-quoted string literals and identifiers.
 *
 * Grammar (kotlinlang.org/spec, "String literals"): inside `"…"` the escapes are
 * `\t \b \r \n \' \" \\ \$` and `\uXXXX` (one UTF-16 unit). `$` followed by an
 * identifier or `{` starts a template, so every `$` is written `\$`; a raw line
 * break is not allowed. Kotlin strings are UTF-16, so a lone surrogate is
 * representable as `\uD800` (the JVM's modified UTF-8 stores it) and is escaped
 * rather than refused.
 */
import { escapeCodePoints, sourceLiteralRule, utf16Escape } from './core.js';

const kotlinRule = sourceLiteralRule({ '\\': '\\\\', '"': '\\"', $: '\\$', '\n': '\\n', '\r': '\\r', '\t': '\\t' }, utf16Escape);

/** `s` as a Kotlin `"…"` literal. Never throws: every UTF-16 string is representable. */
export function kotlinString(s: string): string {
  return `"${escapeCodePoints(s, 'Kotlin string literal', kotlinRule)}"`;
}

/**
 * Kotlin's hard keywords: never usable as a plain identifier (only in
 * backticks). Soft and modifier keywords (`by`, `value`, `data`, `open`, …) are
 * ordinary identifiers outside their context and are not listed.
 */
export const KOTLIN_HARD_KEYWORDS: readonly string[] = Object.freeze([
  'as', 'break', 'class', 'continue', 'do', 'else', 'false', 'for', 'fun', 'if', 'in',
  'interface', 'is', 'null', 'object', 'package', 'return', 'super', 'this', 'throw',
  'true', 'try', 'typealias', 'typeof', 'val', 'var', 'when', 'while',
]);
const hardKeywords = new Set(KOTLIN_HARD_KEYWORDS);

/** A hard keyword, or a name made only of underscores (`_`, `__`, …: "reserved in Kotlin"). */
export function isKotlinReserved(name: string): boolean {
  return hardKeywords.has(name) || /^_+$/.test(name);
}

/** Spec: `Identifier: (Letter | '_') {Letter | '_' | UnicodeDigit}`, Letter = Lu Ll Lt Lm Lo Nl, digit = Nd. */
export function isKotlinIdentifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}_]*$/u.test(name);
}

/**
 * `name` spelled so Kotlin reads it as that identifier in a declaration
 * (an enum entry, a property): a hard keyword goes in backticks, which the
 * JVM names accept for every keyword. Any other valid identifier is returned
 * as it is. Throws for a name the identifier grammar refuses, and for a name
 * made only of underscores, which Kotlin reserves even in backticks.
 */
export function kotlinIdentifier(name: string): string {
  if (!isKotlinIdentifier(name) || /^_+$/.test(name)) throw new Error(`bg-service internal error: ${JSON.stringify(name)} cannot be a Kotlin identifier`);
  return hardKeywords.has(name) ? `\`${name}\`` : name;
}
