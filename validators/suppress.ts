/**
 * Inline suppressions, in any comment syntax of the audited files:
 *
 *     <!-- bg-doctor-disable-next-line android-fgs-type-missing — started only on API 29-33 -->
 *     // bg-doctor-disable-next-line android-wake-lock -- released in onDestroy
 *
 * The directive names one or more rule ids (comma or space separated) and
 * must give a reason after `--`, `—` or `:`. XML forbids `--` inside
 * comments (strict parsers, including bg-doctor's and libxml2, reject the
 * file), so in manifests and plists write the reason after `—` or `:`.
 * It silences findings of those rules on the line after the comment.
 */
export interface Directive {
  file: string;
  /** Line and column of the directive text. */
  line: number;
  column: number;
  /** The line whose findings it silences. */
  targetLine: number;
  ruleIds: string[];
  reason?: string;
  used: boolean;
}

const KEYWORD = 'bg-doctor-disable-next-line';

export function findDirectives(file: string, text: string): Directive[] {
  const out: Directive[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(KEYWORD, from);
    if (at < 0) break;
    from = at + KEYWORD.length;
    // The directive runs to the end of its comment: `-->` or `*/` (possibly on a later line), else the end of the line.
    const rest = text.slice(from);
    const before = text.slice(Math.max(0, text.lastIndexOf('\n', at) + 1), at);
    const nl = rest.search(/\r?\n|\r/);
    const lineEnd = nl < 0 ? rest.length : nl;
    let end = lineEnd;
    let closeLen = 0;
    if (/<!--(?:(?!-->).)*$/.test(before)) {
      const c = rest.indexOf('-->');
      if (c >= 0) [end, closeLen] = [c, 3];
    } else if (/\/\*(?:(?!\*\/).)*$/.test(before)) {
      const c = rest.indexOf('*/');
      if (c >= 0) [end, closeLen] = [c, 2];
    }
    const body = rest.slice(0, end);
    const sep = /(?:\s(?:--|—|–)|\s?:)(?:\s|$)/.exec(body);
    const idsPart = sep ? body.slice(0, sep.index) : body;
    const reason = sep ? body.slice(sep.index + sep[0].length).trim() : undefined;
    const ruleIds = idsPart.split(/[\s,]+/).filter(Boolean);
    const commentEnd = closeLen ? from + end : at;
    const line = lineOf(text, at);
    out.push({
      file,
      line,
      column: at - lineStart(text, at) + 1,
      targetLine: lineOf(text, commentEnd) + 1,
      ruleIds,
      reason: reason ? reason : undefined,
      used: false,
    });
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
