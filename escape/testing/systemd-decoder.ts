/**
 * A decoder for the parts of systemd's unit-file syntax the escapers write,
 * written from systemd.syntax(7), systemd.service(5) "Command lines" and
 * systemd's own parsers (conf-parser.c, extract-word.c, escape.c,
 * specifier.c, env-util.c), in the order systemd applies them:
 *
 * 1. the line: a final `\` continues it; the value is stripped of leading
 *    and trailing whitespace (space, tab, CR, LF); the text must be
 *    UTF-8 clean (no surrogates, no non-characters);
 * 2. specifiers: `%%` is `%`; any other `%x` is a specifier (an error here,
 *    the escapers never write one);
 * 3. command lines only: words split at unquoted whitespace, `"…"`/`'…'`
 *    quoting, C escapes (`\a \b \f \n \r \t \v \\ \" \' \s \xNN \NNN
 *    \uXXXX \UXXXXXXXX`; `\x00` and unknown escapes are errors);
 * 4. arguments only (not the executable): environment expansion, where `$$`
 *    is `$` and `$NAME` / `${NAME}` would expand (an error here).
 *
 * It throws on anything systemd would reject or change, so a round trip
 * `decode(escape(s)) === s` proves the escaper.
 */

export class SystemdSyntaxError extends Error {}

const WS = ' \t\n\r';

function checkUtf8Clean(s: string): void {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) {
      throw new SystemdSyntaxError(`not UTF-8 clean: U+${cp.toString(16)}`);
    }
  }
}

/** Steps 1–2 for the text after `Key=` on one physical line. */
export function decodeLineValue(raw: string): string {
  if (/[\n\r]/.test(raw)) throw new SystemdSyntaxError('a line break inside a value');
  if (raw.endsWith('\\')) throw new SystemdSyntaxError('a final backslash continues the line');
  checkUtf8Clean(raw);
  let start = 0;
  let end = raw.length;
  while (start < end && WS.includes(raw[start]!)) start++;
  while (end > start && WS.includes(raw[end - 1]!)) end--;
  return specifiers(raw.slice(start, end));
}

function specifiers(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const next = s[i + 1];
    if (next !== '%') throw new SystemdSyntaxError(`specifier %${next ?? ''} would be expanded`);
    out += '%';
    i++;
  }
  return out;
}

function hexDigits(s: string, at: number, n: number): number {
  const digits = s.slice(at, at + n);
  if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) throw new SystemdSyntaxError(`bad escape digits "${digits}"`);
  return parseInt(digits, 16);
}

/** One C escape starting after the backslash at `s[i]`; returns the text and the index after it. */
function cUnescapeOne(s: string, i: number): [string, number] {
  const c = s[i];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };
  if (c === undefined) throw new SystemdSyntaxError('a backslash at the end');
  if (c in simple) return [simple[c]!, i + 1];
  let cp: number;
  let next: number;
  if (c === 'x') {
    cp = hexDigits(s, i + 1, 2);
    next = i + 3;
  } else if (c === 'u') {
    cp = hexDigits(s, i + 1, 4);
    next = i + 5;
  } else if (c === 'U') {
    cp = hexDigits(s, i + 1, 8);
    next = i + 9;
    if (cp > 0x10ffff || (cp & 0xfffe) === 0xfffe) throw new SystemdSyntaxError(`\\U${cp.toString(16)} is not a valid character`);
  } else if (c >= '0' && c <= '7') {
    const digits = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) throw new SystemdSyntaxError(`bad octal escape "${digits}"`);
    cp = parseInt(digits, 8);
    next = i + 3;
  } else {
    throw new SystemdSyntaxError(`unknown escape sequence \\${c}`);
  }
  if (cp === 0) throw new SystemdSyntaxError('NUL escape');
  if (cp >= 0xd800 && cp <= 0xdfff) throw new SystemdSyntaxError('surrogate escape');
  return [String.fromCodePoint(cp), next];
}

/** Step 3: split an already specifier-expanded command line into words. */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WS.includes(s[i]!)) i++;
    if (i >= s.length) return words;
    let word = '';
    let quote: string | undefined;
    for (; i < s.length; ) {
      const c = s[i]!;
      if (quote) {
        if (c === quote) {
          quote = undefined;
          i++;
        } else if (c === '\\') {
          const [t, next] = cUnescapeOne(s, i + 1);
          word += t;
          i = next;
        } else {
          word += c;
          i++;
        }
      } else if (WS.includes(c)) {
        break;
      } else if (c === '"' || c === "'") {
        quote = c;
        i++;
      } else if (c === '\\') {
        const [t, next] = cUnescapeOne(s, i + 1);
        word += t;
        i = next;
      } else {
        word += c;
        i++;
      }
    }
    if (quote) throw new SystemdSyntaxError('an unterminated quote');
    words.push(word);
  }
}

/** Step 4 for one argument: `$$` → `$`; any other `$` would expand a variable. */
export function expandEnvironment(arg: string): string {
  let out = '';
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (arg[i + 1] !== '$') throw new SystemdSyntaxError('a variable reference would be expanded');
    out += '$';
    i++;
  }
  return out;
}

/** What systemd runs for `ExecStart=<raw>`: the executable and its arguments. */
export function decodeCommandLine(raw: string): { executable: string; args: string[] } {
  const line = decodeLineValue(raw);
  const words = splitWords(line);
  const [executable, ...args] = words;
  if (executable === undefined) throw new SystemdSyntaxError('an empty command line');
  if (/[\x00-\x1f\x7f"'\\]/.test(executable)) throw new SystemdSyntaxError('Executable name contains special characters');
  return { executable, args: args.map(expandEnvironment) };
}
