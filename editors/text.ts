/**
 * Line-level helpers shared by the XML, plist and JSON editors: where a line
 * starts and ends, which line ending it has, how it is indented, whether a
 * node sits alone on its lines, and which indentation unit a file uses.
 *
 * Insertion and removal are defined on whole lines so that they mirror each
 * other exactly: a new node is inserted as `eol + indent + text` at the end
 * of the line before it (reusing that line's own line ending), and removing a
 * node that sits alone on its lines takes the lines' indentation and their
 * line ending with it. So remove(insert(x)) gives back x byte for byte.
 */
import type { TextEdit } from './edit.js';

export type Eol = '\n' | '\r\n' | '\r';

/** Index of the first character of the line holding `at`. */
export function lineStart(src: string, at: number): number {
  let i = at;
  while (i > 0 && src[i - 1] !== '\n' && src[i - 1] !== '\r') i--;
  return i;
}

/** Index of the line ending (or the end of the text) of the line holding `at`. */
export function lineEnd(src: string, at: number): number {
  let i = at;
  while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
  return i;
}

/** The line ending that starts at `at` ('' at the end of the text). */
export function eolAt(src: string, at: number): Eol | '' {
  if (src[at] === '\r') return src[at + 1] === '\n' ? '\r\n' : '\r';
  return src[at] === '\n' ? '\n' : '';
}

/** The line ending most lines of the text use; `fallback` for a one-line text. */
export function detectEol(src: string, fallback: Eol = '\n'): Eol {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 13) {
      if (src.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf + lf + cr === 0) return fallback;
  if (crlf >= lf && crlf >= cr) return '\r\n';
  return lf >= cr ? '\n' : '\r';
}

/** The leading spaces and tabs of the line holding `at`. */
export function lineIndent(src: string, at: number): string {
  const s = lineStart(src, at);
  let e = s;
  while (src[e] === ' ' || src[e] === '\t') e++;
  return src.slice(s, e);
}

/** True when only spaces and tabs precede `at` on its line. */
export function startsLine(src: string, at: number): boolean {
  return /^[ \t]*$/.test(src.slice(lineStart(src, at), at));
}

/**
 * When `[start, end)` sits alone on its lines — only indentation before it and
 * only what `restIsBlank` accepts after it — the range of those whole lines,
 * line ending included; otherwise undefined. On the last line of a text
 * without a final line ending, the range takes the line ending before it
 * instead, so the text still ends the way it did.
 */
export function ownLines(
  src: string,
  start: number,
  end: number,
  restIsBlank: (rest: string) => boolean = (rest) => /^[ \t]*$/.test(rest),
): { start: number; end: number } | undefined {
  if (!startsLine(src, start)) return undefined;
  const le = lineEnd(src, end);
  if (!restIsBlank(src.slice(end, le))) return undefined;
  const eol = eolAt(src, le);
  let s = lineStart(src, start);
  if (eol === '' && s > 0) s -= src[s - 1] === '\n' && src[s - 2] === '\r' ? 2 : 1;
  return { start: s, end: le + eol.length };
}

/**
 * Insert `lines` (already indented, joined by `eol`) as new lines after the
 * line that holds `at`, before that line's own ending: the new text takes the
 * ending of the line it follows, and the old ending now ends the last new line.
 */
export function insertLinesAfter(src: string, at: number, lines: string, fallbackEol: Eol): TextEdit {
  const le = lineEnd(src, at);
  return { start: le, end: le, text: (eolAt(src, le) || fallbackEol) + lines };
}

/**
 * Insert `lines` as new lines before the line that holds `at`, each ended by
 * that line's own ending (or `fallbackEol` on a last line without one).
 */
export function insertLinesBefore(src: string, at: number, lines: string, fallbackEol: Eol): TextEdit {
  const ls = lineStart(src, at);
  return { start: ls, end: ls, text: lines + (eolAt(src, lineEnd(src, at)) || fallbackEol) };
}

/**
 * The indentation unit a file uses, from (parent line indent, child line
 * indent) pairs of nodes that start their own lines: the most frequent
 * difference wins (ties: the one seen first), `fallback` when there is none.
 * A tab file gives '\t', a 4-space file '    ', whatever its depth.
 */
export function detectIndentUnit(pairs: Iterable<readonly [string, string]>, fallback: string): string {
  const counts = new Map<string, number>();
  for (const [parent, child] of pairs) {
    if (child.length <= parent.length || !child.startsWith(parent)) continue;
    const unit = child.slice(parent.length);
    if (!/^(\t+| +)$/.test(unit)) continue;
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  let best = fallback;
  let bestCount = 0;
  for (const [unit, n] of counts) {
    if (n > bestCount) {
      best = unit;
      bestCount = n;
    }
  }
  return best;
}
