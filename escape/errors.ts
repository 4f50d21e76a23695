/** The one error every escaper throws for a character its target cannot express at all. */
export class EscapeError extends Error {
  override readonly name = 'EscapeError';

  constructor(
    /** What was being written, e.g. "XML attribute" or "Swift string literal". */
    readonly target: string,
    /** The whole input string. */
    readonly input: string,
    /** UTF-16 index of the character in `input` (what `String.prototype` methods use). */
    readonly index: number,
    /** The offending code point (a lone surrogate is reported as itself). */
    readonly codePoint: number,
    /** Why it cannot be written. */
    readonly reason: string,
  ) {
    super(`${target}: cannot write ${describeCodePoint(codePoint)} at index ${index} of ${preview(input, index)}: ${reason}`);
  }
}

/** "U+0000 (NUL)", "U+D800 (lone surrogate)", "U+202E". */
export function describeCodePoint(cp: number): string {
  const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0) return `${u} (NUL)`;
  if (cp >= 0xd800 && cp <= 0xdbff) return `${u} (lone high surrogate)`;
  if (cp >= 0xdc00 && cp <= 0xdfff) return `${u} (lone low surrogate)`;
  return u;
}

/**
 * A short excerpt around `index`, with every invisible or control character
 * spelled `\u{…}`, so the message never carries (or hides) the bad character.
 */
function preview(s: string, index: number): string {
  const from = Math.max(0, index - 12);
  const to = Math.min(s.length, index + 12);
  const excerpt = s.slice(from, to).replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return `${from > 0 ? '…' : ''}"${excerpt}"${to < s.length ? '…' : ''}`;
}
