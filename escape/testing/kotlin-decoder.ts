/**
 * A reference reader of Kotlin's single-line string literal, written from the
 * Kotlin grammar (kotlinlang.org/spec, "Tokens"), independently of
 * `kotlinString`:
 *
 *   lineStringLiteral : '"' (LineStrText | LineStrEscapedChar | LineStrRef | '${' expr '}')* '"'
 *   LineStrText       : ~('\\' | '"' | '$')+ | '$'
 *   LineStrEscapedChar: '\\' ('t'|'b'|'r'|'n'|'\''|'"'|'\\'|'$') | '\\u' HexDigit{4}
 *   LineStrRef        : '$' (Identifier | SoftKeyword)
 *
 * plus the compiler's rule that a line break ends the literal with an error.
 * Kotlin reads source as UTF-16, so this works on code units. It returns the
 * value, or throws if the text is not exactly one literal without templates.
 */
const SIMPLE: Record<string, string> = { t: '\t', b: '\b', r: '\r', n: '\n', "'": "'", '"': '"', '\\': '\\', $: '$' };

export function decodeKotlinString(lit: string): string {
  if (lit[0] !== '"') throw new Error('does not start with "');
  let out = '';
  let i = 1;
  for (;;) {
    if (i >= lit.length) throw new Error('unterminated literal');
    const c = lit[i]!;
    if (c === '"') break;
    if (c === '\n' || c === '\r') throw new Error(`line break inside a literal at ${i}`);
    if (c === '$') {
      const next = lit[i + 1] ?? '';
      // An identifier start, a backtick (escaped identifier) or `{` makes a template.
      if (next === '{' || next === '`' || /^[\p{L}\p{Nl}_]/u.test(lit.slice(i + 1, i + 3)))
        throw new Error(`string template at ${i}`);
      out += '$';
      i += 1;
    } else if (c === '\\') {
      const e = lit[i + 1] ?? '';
      if (e in SIMPLE) {
        out += SIMPLE[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(lit.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(lit.slice(i + 2, i + 6), 16));
        i += 6;
      } else throw new Error(`illegal escape \\${e} at ${i}`);
    } else {
      out += c;
      i += 1;
    }
  }
  if (i !== lit.length - 1) throw new Error(`text after the closing quote at ${i}`);
  return out;
}
