/**
 * A code frame: the offending line with a few lines of context and a `^~~~`
 * underline, like compilers print. Dependency-free (the doctor reuses it).
 *
 *     3 | export interface SyncEvents {
 *   > 4 |   when: Date;
 *       |         ^~~~
 *     5 | }
 */
import { colours, type Colours } from './colour.js';

export interface CodeFrameOptions {
  /** Lines shown before and after the offending one (default 2). */
  context?: number;
  /**
   * Longest stretch of a line shown (default 120). A longer line (minified or
   * hostile input) is cut to a window around the column, marked with '…'.
   */
  maxWidth?: number;
  colour?: Colours;
}

/**
 * Control characters, DEL, C1 controls and bidirectional overrides would move
 * the cursor or reorder text in a terminal (a "trojan source" line could hide
 * what it really says), so each becomes one visible replacement character:
 * one UTF-16 unit for one, which keeps the underline aligned.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeForTerminal(text: string): string {
  return text.replace(UNSAFE, '\ufffd');
}

/**
 * Render the frame for a 1-based `line` and `column` (UTF-16 units, as
 * TypeScript counts them). `length` is the span to underline; it is clamped
 * to the end of the line so a multi-line span underlines its first line.
 * Returns '' when the line is outside the source.
 */
export function codeFrame(
  source: string,
  line: number,
  column: number,
  length = 1,
  options: CodeFrameOptions = {},
): string {
  const c = options.colour ?? colours(false);
  const context = options.context ?? 2;
  const lines = source.split(/\r\n|\r|\n/);
  if (lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const maxWidth = Math.max(20, options.maxWidth ?? 120);
  // One window for all shown lines, so the context stays aligned with the caret.
  const longest = Math.max(...lines.slice(first - 1, last).map((l) => l.length));
  const start = longest <= maxWidth ? 0 : Math.max(0, Math.min(column - 1 - Math.floor(maxWidth / 3), longest - maxWidth));
  const clip = (raw: string): string => {
    if (longest <= maxWidth) return raw;
    if (raw.length > 0 && raw.length <= start) return '…'; // a context line that ends before the window
    const cut = raw.slice(start, start + maxWidth);
    return (start > 0 && raw.length > start ? '…' : '') + cut + (raw.length > start + maxWidth ? '…' : '');
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? '';
    const text = sanitizeForTerminal(clip(raw));
    const gutter = `${String(n).padStart(width)} |`;
    if (n === line) {
      out.push(`${c.red('>')} ${c.bold(gutter)}${text ? ' ' + text : ''}`);
      const lead = start > 0 && raw.length > start ? 1 : 0; // the '…' before the window
      const visible = raw.slice(start, start + maxWidth);
      const col = Math.min(Math.max(column - start, 1), visible.length + 1);
      const span = Math.max(1, Math.min(length, visible.length - col + 1));
      // Keep tabs as tabs so the underline lines up however the terminal expands them.
      const pad = ' '.repeat(lead) + visible.slice(0, col - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}${c.red('^' + '~'.repeat(span - 1))}`);
    } else {
      out.push(`  ${c.dim(gutter)}${text ? ' ' + text : ''}`);
    }
  }
  return out.join('\n');
}
