/**
 * A reference reader of Swift's single-line static string literal, written
 * from "Lexical Structure" in The Swift Programming Language, independently of
 * `swiftString`:
 *
 *   static-string-literal → '"' quoted-text? '"'
 *   quoted-text-item → escaped-character
 *                    | any Unicode scalar value except '"', '\', U+000A, U+000D
 *   escaped-character → '\0' | '\\' | '\t' | '\n' | '\r' | '\"' | "\'"
 *                     | '\u{' unicode-scalar-digits '}'    (1–8 hex digits)
 *   interpolated-text-item → '\(' expression ')'    (so `\(` is not static text)
 *
 * Swift source is UTF-8, so the reader works on Unicode scalars and refuses a
 * lone surrogate anywhere, raw or as `\u{D800}`.
 */
const SIMPLE: Record<string, string> = { '0': '\0', '\\': '\\', t: '\t', n: '\n', r: '\r', '"': '"', "'": "'" };

export function decodeSwiftString(lit: string): string {
  const scalars = Array.from(lit);
  if (scalars[0] !== '"') throw new Error('does not start with "');
  let out = '';
  let i = 1;
  for (;;) {
    const c = scalars[i];
    if (c === undefined) throw new Error('unterminated literal');
    if (c === '"') break;
    if (c === '\n' || c === '\r') throw new Error(`line break inside a literal at scalar ${i}`);
    if (/\p{Cs}/u.test(c)) throw new Error(`lone surrogate in source at scalar ${i}`);
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    const e = scalars[i + 1] ?? '';
    if (e in SIMPLE) {
      out += SIMPLE[e];
      i += 2;
    } else if (e === '(') {
      throw new Error(`interpolation at scalar ${i}`);
    } else if (e === 'u') {
      const m = /^\{([0-9a-fA-F]{1,8})\}/.exec(scalars.slice(i + 2, i + 13).join(''));
      if (!m) throw new Error(`malformed \\u{…} at scalar ${i}`);
      const v = parseInt(m[1]!, 16);
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error(`\\u{${m[1]}} is not a Unicode scalar value`);
      out += String.fromCodePoint(v);
      i += 2 + m[0].length;
    } else throw new Error(`illegal escape \\${e} at scalar ${i}`);
  }
  if (i !== scalars.length - 1) throw new Error(`text after the closing quote at scalar ${i}`);
  return out;
}
