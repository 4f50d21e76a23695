/**
 * TypeScript / JavaScript: string literals and identifiers.
 *
 * The escapes used are `\\`, the delimiting quote, `\n \r \t` and `\uXXXX` per
 * UTF-16 unit for the rest of the hidden characters. Never `\0`: followed by a
 * digit it becomes a legacy octal escape, a syntax error in strict code and
 * modules. U+2028/2029 are escaped although ES2019 allows them raw, so the
 * output is also valid for older tools and readable. JS strings are UTF-16, so
 * lone surrogates are escaped, never refused.
 */
import { escapeCodePoints, sourceLiteralRule, utf16Escape } from './core.js';

const common = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const rules = {
  "'": sourceLiteralRule({ ...common, "'": "\\'" }, utf16Escape),
  '"': sourceLiteralRule({ ...common, '"': '\\"' }, utf16Escape),
};

/** `s` as a TS/JS string literal delimited by `quote` (default `'`). Never throws. */
export function tsString(s: string, quote: "'" | '"' = "'"): string {
  return quote + escapeCodePoints(s, 'TS/JS string literal', rules[quote]) + quote;
}

/** ECMAScript `ReservedWord` (ES2024 §12.7.2), including `await` and `yield`. */
export const TS_RESERVED_WORDS: readonly string[] = Object.freeze([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import',
  'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

/**
 * Reserved in strict-mode code, which every module (and so every generated
 * `.ts`/`.js` file) is: the future reserved words, plus `arguments` and `eval`,
 * which strict code forbids as binding names.
 */
export const TS_STRICT_MODE_RESERVED_WORDS: readonly string[] = Object.freeze([
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static',
  'arguments', 'eval',
]);
const reserved = new Set([...TS_RESERVED_WORDS, ...TS_STRICT_MODE_RESERVED_WORDS]);

export function isTsReserved(name: string): boolean {
  return reserved.has(name);
}

/** `IdentifierName`: `(ID_Start | $ | _) (ID_Continue | $ | ZWNJ | ZWJ)*`, without `\u` escapes. */
export function isTsIdentifier(name: string): boolean {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(name);
}
