/**
 * systemd unit files: plain setting values and command-line words.
 *
 * Reference: systemd.syntax(7), systemd.unit(5) "Specifiers",
 * systemd.service(5) "Command lines", and what `systemd-analyze verify`
 * (systemd 252) really accepts:
 *
 * - Every value goes through specifier expansion first: `%` starts a
 *   specifier, so a literal `%` is `%%`.
 * - A line that ends in `\` continues on the next line, and a value's leading
 *   and trailing whitespace (space, tab, CR, LF) is dropped. A plain value
 *   (e.g. `Description=`) has no escape sequences at all, so those characters
 *   cannot be written there: `EscapeError`.
 * - Command lines are split into words with quotes and C escapes (`\\`,
 *   `\"`, `\n`, `\xNN`, `\uXXXX`, `\UXXXXXXXX`); an argument then goes
 *   through environment expansion, so a literal `$` is `$$`. The executable
 *   itself is not expanded (`$$` would stay two dollars), and systemd refuses
 *   an executable path holding a control character, DEL, a quote or a
 *   backslash ("Executable name contains special characters").
 * - Lines must be UTF-8 clean in systemd's sense: no lone surrogates and no
 *   non-characters (U+FDD0…U+FDEF, U+xFFFE, U+xFFFF), raw or escaped; NUL has
 *   no escape either (`\x00` is "an unknown escape sequence").
 */
import { escapeCodePoints, hex, isHiddenInSource, isSurrogate, type CodePointRule, type Unrepresentable } from './core.js';
import { EscapeError } from './errors.js';

const NOT_UTF8_CLEAN: Unrepresentable = {
  unrepresentable: 'systemd refuses lines that are not UTF-8 clean (lone surrogates and non-characters), even as an escape',
};

function isNonCharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

/** Refused everywhere in a unit file. */
function never(cp: number): Unrepresentable | undefined {
  if (isSurrogate(cp) || isNonCharacter(cp)) return NOT_UTF8_CLEAN;
  if (cp === 0) return { unrepresentable: 'systemd has no escape for NUL' };
  return undefined;
}

const plainRule: CodePointRule = (cp) => {
  const bad = never(cp);
  if (bad) return bad;
  if (cp === 0x25) return '%%';
  if (isHiddenInSource(cp)) {
    return {
      unrepresentable:
        'a plain systemd value has no escape sequences, and control, format and private-use characters must not appear raw',
    };
  }
  return undefined;
};

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A plain setting value, e.g. `Description=<here>`. `%` becomes `%%`; a
 * character with no spelling (controls, hidden characters, leading or
 * trailing whitespace, a final backslash) throws `EscapeError`.
 */
export function systemdValue(s: string): string {
  const target = 'systemd value';
  const out = escapeCodePoints(s, target, plainRule);
  const first = s.codePointAt(0);
  if (first !== undefined && WHITESPACE.has(first)) {
    throw new EscapeError(target, s, 0, first, 'systemd drops leading whitespace from a value');
  }
  const lastIndex = s.length - 1;
  const last = s.charCodeAt(lastIndex);
  if (s.length > 0 && WHITESPACE.has(last)) {
    throw new EscapeError(target, s, lastIndex, last, 'systemd drops trailing whitespace from a value');
  }
  if (s.endsWith('\\')) {
    throw new EscapeError(target, s, lastIndex, 0x5c, 'a value ending in a backslash continues on the next line');
  }
  return out;
}

/** `\xNN`, `\uXXXX` or `\UXXXXXXXX`: the C escapes systemd's command-line parser knows. */
function cEscape(cp: number): string {
  if (cp < 0x80) return `\\x${hex(cp, 2)}`;
  return cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

const SHORT: Readonly<Record<number, string>> = { 0x5c: '\\\\', 0x22: '\\"', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x25: '%%' };

function wordRule(dollar: string): CodePointRule {
  return (cp) => {
    const bad = never(cp);
    if (bad) return bad;
    if (cp === 0x24) return dollar;
    return SHORT[cp] ?? (isHiddenInSource(cp) ? cEscape(cp) : undefined);
  };
}

const argRule = wordRule('$$');

/** One argument word of `ExecStart=` (after the executable), always double-quoted. */
export function systemdExecArg(s: string): string {
  return `"${escapeCodePoints(s, 'systemd command-line argument', argRule)}"`;
}

const pathRule = wordRule('$');

/**
 * The executable word of `ExecStart=`: an absolute path, double-quoted.
 * Throws `EscapeError` for a relative path and for the characters systemd
 * refuses in an executable name (controls, DEL, `"`, `'`, `\`).
 */
export function systemdExecPath(path: string): string {
  const target = 'systemd executable path';
  if (!path.startsWith('/')) {
    const cp = path.codePointAt(0) ?? 0;
    throw new EscapeError(target, path, 0, cp, 'the executable must be an absolute path (systemd does no PATH lookup in user units we install)');
  }
  const escaped = escapeCodePoints(path, target, (cp) => {
    if (cp < 0x20 || cp === 0x7f || cp === 0x22 || cp === 0x27 || cp === 0x5c) {
      return { unrepresentable: 'systemd refuses control characters, DEL, quotes and backslashes in an executable name' };
    }
    return pathRule(cp);
  });
  return `"${escaped}"`;
}
