/**
 * The one char-by-char skeleton every escaper in this folder is built on.
 *
 * A target only says, per code point, "write it as is", "write it as this
 * escape" or "this cannot be written at all"; the skeleton walks the string by
 * code point (pairing surrogates, so an emoji is one step and a lone surrogate
 * is a step of its own) and turns the last answer into an `EscapeError` that
 * names the character and its position.
 */
import { EscapeError } from './errors.js';

/** The answer of a target for a code point it has no way to write. */
export interface Unrepresentable {
  readonly unrepresentable: string;
}

/** `undefined` = keep the character literally. */
export type CodePointRule = (cp: number) => string | Unrepresentable | undefined;

/**
 * Escape `s` code point by code point. `target` names the output in errors
 * ("XML attribute", "Swift string literal").
 */
export function escapeCodePoints(s: string, target: string, rule: CodePointRule): string {
  let out = '';
  let plainFrom = 0; // start of the run of characters kept as they are
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const r = rule(cp);
    if (r !== undefined) {
      if (typeof r !== 'string') throw new EscapeError(target, s, i, cp, r.unrepresentable);
      out += s.slice(plainFrom, i) + r;
      plainFrom = i + width;
    }
    i += width;
  }
  return out + s.slice(plainFrom);
}

/** Lower-case hexadecimal, zero-padded to `width` digits. */
export function hex(n: number, width = 1): string {
  return n.toString(16).padStart(width, '0');
}

/** The UTF-16 code units of a code point (one, or a surrogate pair). */
export function utf16Units(cp: number): number[] {
  if (cp <= 0xffff) return [cp];
  const v = cp - 0x10000;
  return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
}

/** A surrogate code point; the skeleton only passes these for LONE surrogates. */
export function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/**
 * Characters that generated source must never contain literally, whatever the
 * language: controls (Cc), format characters (Cf: zero-width and bidi
 * controls can hide or reorder what a reviewer sees, "Trojan Source"; rustc
 * even rejects the bidi ones by default), line/paragraph separators (line
 * terminators in JS), private-use code points (Swift rejects some in source),
 * non-characters and lone surrogates.
 *
 * The list is fixed (Cf as of Unicode 17) rather than `\p{Cf}` on purpose:
 * generated files must not change when Node's Unicode tables do, or
 * `generate` would rewrite them after a Node upgrade.
 */
const HIDDEN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f], // C0 controls
  [0x007f, 0x009f], // DEL, C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x0600, 0x0605], // Arabic number signs
  [0x061c, 0x061c], // Arabic letter mark (bidi)
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x0890, 0x0891],
  [0x08e2, 0x08e2],
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200f], // zero-width space and joiners, LRM, RLM
  [0x2028, 0x202e], // line/paragraph separators, bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0xd800, 0xdfff], // surrogates: the skeleton only passes lone ones
  [0xe000, 0xf8ff], // private use
  [0xfdd0, 0xfdef], // non-characters
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
  [0xfff9, 0xfffb], // interlinear annotation
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x13430, 0x1343f], // Egyptian hieroglyph format controls
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0x1d173, 0x1d17a], // musical format controls
  [0xe0000, 0xe007f], // tag characters
  [0xf0000, 0x10ffff], // supplementary private use planes
];

export function isHiddenInSource(cp: number): boolean {
  if ((cp & 0xfffe) === 0xfffe) return true; // U+xFFFE and U+xFFFF in every plane: non-characters
  return HIDDEN_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

/** Whether `cp` matches XML 1.0's `Char` production (what a document may contain, even as a reference). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * The rule shared by the code targets (Kotlin, Swift, Rust, TS/JS, JSON): a few
 * characters have a short escape of their own (`simple`, keyed by the
 * character), every other character hidden in source (see `isHiddenInSource`)
 * takes the language's numeric escape, and the rest stays readable as it is.
 */
export function sourceLiteralRule(
  simple: Readonly<Record<string, string>>,
  numericEscape: (cp: number) => string | Unrepresentable,
): CodePointRule {
  const byCodePoint = new Map(Object.entries(simple).map(([ch, esc]) => [ch.codePointAt(0)!, esc]));
  return (cp) => byCodePoint.get(cp) ?? (isHiddenInSource(cp) ? numericEscape(cp) : undefined);
}

/** `\uXXXX` per UTF-16 code unit (Kotlin, JS, JSON): lone surrogates included, astral as a pair. */
export function utf16Escape(cp: number): string {
  return utf16Units(cp)
    .map((u) => `\\u${hex(u, 4)}`)
    .join('');
}

/**
 * `\u{…}` of a Unicode scalar value (Swift, Rust). Their strings hold scalars,
 * so a lone surrogate has no spelling at all: `\u{d800}` is a compile error.
 */
export function scalarEscape(cp: number): string | Unrepresentable {
  if (isSurrogate(cp)) return { unrepresentable: 'a lone surrogate is not a Unicode scalar value, and this language\'s strings hold only scalar values' };
  return `\\u{${hex(cp)}}`;
}
