/**
 * The identifier checks the declaration reader applies to every name that
 * becomes code. Two questions, kept apart so a diagnostic can say which:
 * `isValidIdentifier` is lexical (does the language's identifier grammar
 * accept it, without backticks or `r#`), `isReservedIdentifier` is "is it a
 * keyword there". A name is usable as written iff valid and not reserved.
 */
import { isKotlinIdentifier, isKotlinReserved } from './kotlin.js';
import { isRustIdentifier, isRustReserved } from './rust.js';
import { isSwiftIdentifier, isSwiftReserved } from './swift.js';
import { isTsIdentifier, isTsReserved } from './ts.js';

export type IdentifierLanguage = 'kotlin' | 'swift' | 'rust' | 'ts';

const languages: Record<IdentifierLanguage, { valid(name: string): boolean; reserved(name: string): boolean }> = {
  kotlin: { valid: isKotlinIdentifier, reserved: isKotlinReserved },
  swift: { valid: isSwiftIdentifier, reserved: isSwiftReserved },
  rust: { valid: isRustIdentifier, reserved: isRustReserved },
  ts: { valid: isTsIdentifier, reserved: isTsReserved },
};

/** Whether `name` is a hard keyword (or otherwise reserved) in `lang`. Case-sensitive. */
export function isReservedIdentifier(lang: IdentifierLanguage, name: string): boolean {
  return languages[lang].reserved(name);
}

/** Whether `lang`'s identifier grammar accepts `name` (keywords included: see `isReservedIdentifier`). */
export function isValidIdentifier(lang: IdentifierLanguage, name: string): boolean {
  return languages[lang].valid(name);
}
