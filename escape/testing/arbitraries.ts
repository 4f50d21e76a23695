/**
 * The inputs every round-trip property is fed: arbitrary Unicode, biased
 * towards what breaks escapers (quotes, backslashes, template and
 * interpolation triggers, comment delimiters, line ends, NUL and other
 * controls, bidi and zero-width characters, emoji and other astral
 * characters, non-characters) and including lone surrogates.
 *
 * The seed and run count are fixed so every run checks the same cases.
 */
import fc from 'fast-check';

export const SEED = 20240602;
export const RUNS = 1000;
/** How many samples go into one batched compile of a real toolchain. */
export const BATCH = 200;

export const NASTY_TOKENS: readonly string[] = [
  '"', "'", '`', '\\', '$', '${', '${x}', '$name', '$`x`', '"""', "'''", '*/', '/*', '/**', '*', '/',
  '\\(', '\\(x)', '\\u0041', '\\u{41}', '\\n', '\\$', '{', '}', '#', '\n', '\r', '\r\n', '\t', '\0', '\x001',
  '\x01', '\x08', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\xa0', '\xad',
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff',
  '😀', '👨‍👩‍👧', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '\u{10ffff}', '\u{1fffe}', '\ufffd', '\ufffe', '\uffff', '\ue000', '\u{f0000}',
  '&', '<', '>', ']]>', '&amp;', '&#0;', '&#x41;', '<!--', '<![CDATA[',
  'é', 'e\u0301', '\u0301', 'ÿ', 'ß', 'İ', '中文', 'שלום', ' ', '  ', '',
];

const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Strings of up to 24 pieces; `keep` drops pieces a target can never hold, for the pure round-trip runs. */
export function unicodeString(keep: (piece: string) => boolean = () => true): fc.Arbitrary<string> {
  const piece = fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...NASTY_TOKENS) },
      { weight: 3, arbitrary: ascii },
      { weight: 3, arbitrary: anyCodePoint },
      { weight: 1, arbitrary: loneSurrogate },
    )
    .filter(keep);
  return fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
}

/** `fc.assert` with the fixed seed. */
export function check<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns = RUNS): void {
  fc.assert(
    fc.property(arb, (v) => {
      predicate(v);
    }),
    { seed: SEED, numRuns },
  );
}

/** A fixed sample for batched real-toolchain checks. */
export function sample(arb: fc.Arbitrary<string>, n = BATCH): string[] {
  return fc.sample(arb, { seed: SEED, numRuns: n });
}

/**
 * An independent statement of "hidden in source" (controls, format
 * characters, separators, private use, surrogates, non-characters): the
 * output of every code escaper must contain none. Written with Unicode
 * properties, unlike the escapers' fixed list, so the two check each other.
 */
export function firstHiddenInSource(s: string): number {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u.test(ch) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

/** UTF-16 index of the first lone surrogate, or -1. */
export function firstLoneSurrogate(s: string): number {
  const m = /\p{Cs}/u.exec(s);
  return m ? m.index : -1;
}

/** XML 1.0 `Char`, restated independently: index of the first character outside it, or -1. */
export function firstNonXmlChar(s: string): number {
  const m = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(s);
  return m ? m.index : -1;
}

/**
 * Enum values as a declaration may hold them: one to three words joined by
 * '-', '_', ' ' or camelCase, each word a keyword of some target (weighted
 * up) or a short lower-case word. What the emitters turn into case names.
 */
export function enumValueish(keywords: readonly string[]): fc.Arbitrary<string> {
  const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keywords) }, { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/) });
  return fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('-', '_', ' ', 'camel'))
    .map(([ws, sep]) => (sep === 'camel' ? ws.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('') : ws.join(sep)));
}
