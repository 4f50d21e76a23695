/**
 * Shared proof helpers for the editor tests (named *.test.ts so it stays out
 * of the published package; it registers no tests itself).
 *
 * The central assertion: diff the text before and after an edit line by line
 * (the `diff` package) and require that the added and removed lines are
 * exactly the expected ones, in the file's own line ending. Everything the
 * diff reports as unchanged is, by construction, byte-identical.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createTwoFilesPatch, diffLines } from 'diff';
import { SaxesParser } from 'saxes';
import { sourcePath } from '../lib/paths.js';

export function fixture(name: string): string {
  return readFileSync(sourcePath('editors', 'fixtures', name), 'utf8');
}

/** The lines added and removed (each with its line ending) and how many separate places changed. */
export function lineChanges(before: string, after: string): { added: string; removed: string; hunks: number } {
  let added = '';
  let removed = '';
  let hunks = 0;
  let inHunk = false;
  for (const part of diffLines(before, after)) {
    if (part.added) added += part.value;
    if (part.removed) removed += part.value;
    if ((part.added || part.removed) && !inHunk) hunks++;
    inHunk = part.added || part.removed;
  }
  return { added, removed, hunks };
}

export interface Expected {
  added?: readonly string[];
  removed?: readonly string[];
  /** How many separate places may change (default 1). */
  hunks?: number;
}

/** Lines with their line endings. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * True when replacing `removed` by `added` at some line of `before` gives
 * `after`. A line diff may align a change differently (an old `]` paired with
 * a new one turns "`]` became `],` plus three lines" into "three lines
 * added"); both describe the same bytes, and this check accepts either.
 */
function isSplice(before: string, after: string, removed: readonly string[], added: readonly string[]): boolean {
  const b = linesOf(before);
  for (let k = 0; k + removed.length <= b.length; k++) {
    if (removed.every((l, i) => b[k + i] === l) && [...b.slice(0, k), ...added, ...b.slice(k + removed.length)].join('') === after) return true;
  }
  return false;
}

/** Assert that `after` differs from `before` by exactly these lines (written without line endings). */
export function assertLines(before: string, after: string, expected: Expected, eol = '\n'): void {
  const removed = (expected.removed ?? []).map((l) => l + eol);
  const added = (expected.added ?? []).map((l) => l + eol);
  const hunks = expected.hunks ?? 1;
  if (hunks === 1 && (removed.length || added.length) && isSplice(before, after, removed, added)) return;
  const got = lineChanges(before, after);
  assert.deepEqual(got, { added: added.join(''), removed: removed.join(''), hunks }, `unexpected change:\n${createTwoFilesPatch('before', 'after', before, after)}`);
}

export interface RoundTrip extends Expected {
  before: string;
  /** The operation under test. */
  apply: (text: string) => string;
  /** Its inverse for what `apply` added, when there is one: must give `before` back exactly. */
  undo?: (text: string) => string;
  eol?: string;
  /** Independent checks of the result (strict third-party parsers). */
  verify?: (text: string) => void;
}

/**
 * The proof every operation goes through: only the intended lines change, a
 * second run returns its input unchanged, the result passes the independent
 * parser, and the inverse restores the original byte for byte (and is itself
 * a no-op on the original).
 */
export function roundTrip(t: RoundTrip): string {
  const after = t.apply(t.before);
  assertLines(t.before, after, t, t.eol);
  assert.equal(t.apply(after), after, 'a second run changed the text');
  t.verify?.(after);
  if (t.undo) {
    assert.equal(t.undo(after), t.before, 'the inverse did not restore the original');
    assert.equal(t.undo(t.before), t.before, 'the inverse changed a text without the content');
  }
  return after;
}

/** Strict, namespace-aware XML parse by saxes (an independent parser); throws on any error. */
export function saxesParse(text: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(text).close();
  if (error) throw error;
}

export type PlistlibResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Load every text with Python's plistlib (strict), in one python3 call.
 * Values come back as JSON; bytes and dates as strings.
 */
export function plistlibLoad(texts: readonly string[]): PlistlibResult[] {
  const script = [
    'import sys, json, plistlib',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    try:',
    "        out.append({'ok': True, 'value': plistlib.loads(s.encode('utf-8'))})",
    '    except Exception as e:',
    "        out.append({'ok': False, 'error': type(e).__name__ + ': ' + str(e)})",
    'print(json.dumps(out, default=str))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3 plistlib failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as PlistlibResult[];
}
