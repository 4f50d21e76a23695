/**
 * One-line insertions into source files the app owns — the plugin's
 * registration in the Tauri builder, the OS-service hook in `main`, the path
 * dependency in Cargo.toml, the BGTaskScheduler registration and its import in
 * a Capacitor AppDelegate — as contributions: plain data (an anchor kind and
 * the exact line), ensured and removed byte-preserving.
 *
 * A line goes in only where the anchor is unambiguous (found exactly once, in
 * the shape the anchor expects); everywhere else `ensure` leaves the file as it
 * is and `locate` says why, so the plan prints the exact line to add by hand
 * instead (and bg-doctor keeps reporting it until it is there). Insertion adds
 * `eol + indent + line` at the end of the anchor's line; removal takes exactly
 * that back, so remove(ensure(x)) === x byte for byte.
 */
import { registerContributionKind, type Contribution } from '../../generator/contributions.js';
import { detectEol, eolAt, lineEnd, lineIndent, lineStart } from '../../editors/text.js';

export type AnchorKind =
  /** After `tauri::Builder::default()` when the chain continues on the next line. */
  | 'rust-builder'
  /** First statement of `fn main() {`. */
  | 'rust-main'
  /** Last line of the `[dependencies]` table of a Cargo.toml. */
  | 'toml-dependencies'
  /** First statement of `application(_:didFinishLaunchingWithOptions:)`. */
  | 'swift-did-finish-launching'
  /** After the last top-level `import`. */
  | 'swift-imports';

export interface LineData {
  anchor: AnchorKind;
  /** The line, without indentation. */
  line: string;
  /** A pattern that means the line (or an equivalent one the user wrote) is there already. */
  present: string;
  /** What the line is for, for summaries: `the tauri_plugin_x::init() registration`. */
  what: string;
}

export const SOURCE_LINE = 'app-source-line';

/** Where the line would go: the offset of the anchor's line and the indentation; or why it cannot. */
export type Located = { ok: true; at: number; indent: string } | { ok: false; reason: string };

const INDENT = '    ';

/** Offsets of the matches of `re` outside `//` line comments. */
function matches(src: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const m of src.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
    const before = src.slice(lineStart(src, m.index), m.index);
    if (!before.includes('//')) out.push(m as RegExpExecArray);
  }
  return out;
}

/** The next line after the one holding `at` that is not blank, or undefined. */
function nextContentLine(src: string, at: number): { start: number; text: string } | undefined {
  let i = lineEnd(src, at);
  while (i < src.length) {
    i += eolAt(src, i).length || 1;
    const end = lineEnd(src, i);
    const text = src.slice(i, end);
    if (text.trim() !== '') return { start: i, text };
    i = end;
  }
  return undefined;
}

/** The indentation of the first statement of a block opened on the line at `at`. */
function blockIndent(src: string, at: number): string {
  const outer = lineIndent(src, at);
  const next = nextContentLine(src, at);
  if (next) {
    const inner = lineIndent(src, next.start);
    if (inner.length > outer.length && inner.startsWith(outer) && !next.text.trim().startsWith('}')) return inner;
  }
  return outer + (outer.includes('\t') ? '\t' : INDENT);
}

/** The anchor ends its line (only whitespace after it). */
function endsLine(src: string, end: number): boolean {
  return src.slice(end, lineEnd(src, end)).trim() === '';
}

const FINDERS: Record<AnchorKind, (src: string) => Located> = {
  'rust-builder'(src) {
    const found = matches(src, /\btauri::Builder::(?:default|new)\(\)|(?<![:\w])Builder::(?:default|new)\(\)/);
    if (found.length !== 1) return { ok: false, reason: found.length ? `tauri::Builder is created ${found.length} times` : 'no tauri::Builder::default() found' };
    const m = found[0]!;
    const end = m.index + m[0].length;
    if (!endsLine(src, end)) return { ok: false, reason: 'the builder chain continues on the same line as tauri::Builder::default()' };
    const next = nextContentLine(src, m.index);
    if (!next || !next.text.trim().startsWith('.')) return { ok: false, reason: 'the line after tauri::Builder::default() does not continue the chain with `.`' };
    return { ok: true, at: m.index, indent: lineIndent(src, next.start) };
  },
  'rust-main'(src) {
    const found = matches(src, /\bfn\s+main\s*\(\s*\)\s*\{/);
    if (found.length !== 1) return { ok: false, reason: found.length ? 'fn main() is there more than once' : 'no fn main() found' };
    const m = found[0]!;
    if (!endsLine(src, m.index + m[0].length)) return { ok: false, reason: 'the body of fn main() starts on the same line' };
    return { ok: true, at: m.index, indent: blockIndent(src, m.index) };
  },
  'toml-dependencies'(src) {
    const headers = [...src.matchAll(/^[ \t]*\[([^\]\r\n]+)\][ \t]*(?:#.*)?$/gm)];
    const deps = headers.filter((h) => h[1]!.trim() === 'dependencies');
    if (deps.length !== 1) return { ok: false, reason: deps.length ? '[dependencies] is there more than once' : 'no [dependencies] table' };
    const start = deps[0]!.index;
    const after = headers.find((h) => h.index > start);
    const tableEnd = after ? after.index : src.length;
    // The last line of the table with content (a key, or the end of a multi-line value).
    let anchor = start;
    for (let i = start; ; ) {
      const end = lineEnd(src, i);
      const next = end + eolAt(src, end).length;
      if (next === end || next >= tableEnd) break;
      i = next;
      const text = src.slice(i, lineEnd(src, i)).trim();
      if (text !== '' && !text.startsWith('#')) anchor = i;
    }
    return { ok: true, at: anchor, indent: lineIndent(src, start) };
  },
  'swift-did-finish-launching'(src) {
    const found = matches(src, /\bfunc\s+application\s*\(\s*_\s+\w+\s*:\s*UIApplication\s*,\s*didFinishLaunchingWithOptions\b[^{]*\{/);
    if (found.length !== 1) {
      return { ok: false, reason: found.length ? 'application(_:didFinishLaunchingWithOptions:) is there more than once' : 'no application(_:didFinishLaunchingWithOptions:) found' };
    }
    const m = found[0]!;
    if (!endsLine(src, m.index + m[0].length)) return { ok: false, reason: 'the body of didFinishLaunchingWithOptions starts on the same line' };
    return { ok: true, at: m.index + m[0].length - 1, indent: blockIndent(src, m.index + m[0].length - 1) };
  },
  'swift-imports'(src) {
    const found = [...src.matchAll(/^import[ \t]+[\w.]+[ \t]*$/gm)];
    if (found.length === 0) return { ok: false, reason: 'no import line found' };
    return { ok: true, at: found[found.length - 1]!.index, indent: '' };
  },
};

export function locate(src: string, anchor: AnchorKind): Located {
  return FINDERS[anchor](src);
}

function isPresent(src: string, d: LineData): boolean {
  return new RegExp(d.present, 'm').test(src);
}

/** `src` with the line added after its anchor; `src` itself when it is there or the anchor is not usable. */
export function ensureLine(src: string, d: LineData): string {
  if (isPresent(src, d)) return src;
  const where = locate(src, d.anchor);
  if (!where.ok) return src;
  const end = lineEnd(src, where.at);
  return src.slice(0, end) + (eolAt(src, end) || detectEol(src)) + where.indent + d.line + src.slice(end);
}

/** `src` without the line (exactly as `ensureLine` added it); `src` when it is not there. */
export function removeLine(src: string, d: LineData): string {
  for (let i = 0; i < src.length; ) {
    const end = lineEnd(src, i);
    if (src.slice(i, end).trim() === d.line && i > 0) {
      const eolLength = src[i - 1] === '\n' && src[i - 2] === '\r' ? 2 : 1;
      return src.slice(0, i - eolLength) + src.slice(end);
    }
    i = end + (eolAt(src, end).length || 1);
  }
  return src;
}

registerContributionKind(SOURCE_LINE, {
  ensure: (src, data) => ensureLine(src, data as unknown as LineData),
  remove: (src, data) => removeLine(src, data as unknown as LineData),
  describe: (data) => (data as unknown as LineData).what,
});

export type LinePlan = { contribution: Contribution } | { note: string };

/**
 * Plan one line in `file` (project-relative; `text` is its content, or
 * undefined when it does not exist): a contribution when the line is there
 * already or the anchor is usable (planned again on every run, so the engine
 * keeps a line it added and never records one the user wrote), else a note
 * with the exact line to add by hand.
 */
export function planLine(file: string, text: string | undefined, d: LineData, manual: string): LinePlan {
  const contribution = { file, kind: SOURCE_LINE, key: `${d.anchor}:${d.line}`, data: { ...d } };
  if (text !== undefined && isPresent(text, d)) return { contribution };
  const where = text === undefined ? { ok: false as const, reason: `${file} does not exist` } : locate(text, d.anchor);
  if (!where.ok) return { note: `${file}: add ${d.what} by hand (${where.reason}): ${manual}` };
  return { contribution };
}
