/**
 * What every byte-preserving editor shares: text edits, applying them, and
 * the rule that an editor never hands back a result it has not re-parsed.
 *
 * The editors never re-serialise a parsed tree (that is what loses comments,
 * attribute layout, `<real>` and BOMs — see shared/reference/toolchain.md);
 * they compute a few `TextEdit`s at exact offsets of the original text and
 * splice them in, so every byte outside the edits is the input's own byte.
 */
/**
 * Replace `source[start, end)` with `text` (JavaScript string offsets into the
 * text as given, a BOM included). Structurally the same as bg-doctor's
 * `TextEdit` in validators/rule.ts, so editor output can become a fix.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A problem the editors report at a place in the user's file: a malformed
 * file (the parsers' errors are re-thrown as they are), a value of the wrong
 * type where the edit needs a dict or array, or an edit that would not parse.
 * The message reads `file:line:col: reason`, like the parsers' errors.
 */
export class EditError extends Error {
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** The message without the location prefix. */
  readonly reason: string;
  constructor(reason: string, at?: { line: number; column: number }, file?: string) {
    const where = [file, at && `${at.line}:${at.column}`].filter(Boolean).join(':');
    super(where ? `${where}: ${reason}` : reason);
    this.name = 'EditError';
    this.reason = reason;
    this.line = at?.line ?? 0;
    this.column = at?.column ?? 0;
  }
}

/**
 * Apply `edits` (offsets into `source`) and return the new text.
 *
 * Edits may come in any order; edits at the same offset apply in the order
 * given (an insertion before a replacement that starts there). Overlapping
 * edits are a bug in the caller and throw: there is no right answer for them.
 * The result is built from the untouched slices of `source` and the edits'
 * texts, which is the same as splicing from the end backwards.
 */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= source.length)) {
      throw new RangeError(`edit [${e.start}, ${e.end}) is outside the text (length ${source.length})`);
    }
    if (e.start < at) throw new RangeError(`edits overlap at offset ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/**
 * Run an editor operation: `plan` reads the text with the strict parser of its
 * format (so a malformed file throws a located error before anything happens)
 * and returns the edits that make the operation true. The result is then
 * verified by planning again on it: it must parse, and the same operation
 * must find nothing left to do. That one check proves the result well-formed,
 * proves the operation reached its goal, and makes idempotence a run-time
 * guarantee rather than a hope. No edits returns `source` itself.
 */
export function runPlan(source: string, plan: (text: string) => readonly TextEdit[]): string {
  const edits = plan(source);
  if (edits.length === 0) return source;
  const result = applyEdits(source, edits);
  if (result === source) return source;
  let again: readonly TextEdit[];
  try {
    again = plan(result);
  } catch (e) {
    throw new EditError(`internal error: the edited text would not parse (${(e as Error).message}); nothing was changed`);
  }
  if (again.length) {
    throw new EditError('internal error: the edit did not reach its goal (running it again would change the text again); nothing was changed');
  }
  return result;
}

/**
 * Deletions may overlap when several neighbours go at once (a JSON item and
 * the comma before it, say); their union is well defined, so merge them.
 */
export function mergeDeletions(ranges: ReadonlyArray<{ start: number; end: number }>): TextEdit[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end, text: '' });
  }
  return out;
}

/**
 * One edit that turns `before` into `after` (empty when they are equal): the
 * span between their common prefix and suffix. For bg-doctor fixes, which
 * carry `TextEdit`s: run an editor, then describe its result as an edit.
 */
export function changedSpan(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never split a surrogate pair or a CRLF between the kept and edited parts.
  const split = (t: string, i: number) =>
    (t.charCodeAt(i) >= 0xdc00 && t.charCodeAt(i) <= 0xdfff && t.charCodeAt(i - 1) >= 0xd800 && t.charCodeAt(i - 1) <= 0xdbff) ||
    (t[i] === '\n' && t[i - 1] === '\r');
  while (p > 0 && (split(before, p) || split(after, p))) p--;
  while (s > 0 && (split(before, before.length - s) || split(after, after.length - s))) s--;
  return [{ start: p, end: before.length - s, text: after.slice(p, after.length - s) }];
}
