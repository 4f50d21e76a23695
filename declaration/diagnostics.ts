/**
 * Printing declaration diagnostics the way compilers do:
 *
 *     src/notes-sync.bg.ts:12:9: error BG200 type `Date` is not supported
 *       10 | export interface SyncEvents {
 *       11 |   progress: { done: number; total: number };
 *     > 12 |   when: Date;
 *          |         ^~~~
 *       13 | }
 *       hint: send an ISO-8601 string or a number of milliseconds since the epoch
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { codeFrame, sanitizeForTerminal } from '../lib/codeframe.js';
import { colours, type Colours } from '../lib/colour.js';
import type { DeclarationDiagnostic } from './model.js';

export interface FormatOptions {
  colour?: Colours;
  /** Paths are shown relative to this folder when they are inside it (default: process.cwd()). */
  cwd?: string;
  /** Context lines around the offending one (default 2). */
  context?: number;
  /** Source text of a file, for the frame; defaults to reading it from disk. */
  readSource?: (file: string) => string | undefined;
  /** Print at most this many (default 100; hostile input can produce thousands); the count says how many more. */
  max?: number;
}

/** A path as the user can click it: relative when inside `cwd`, absolute otherwise. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function formatDiagnostic(d: DeclarationDiagnostic, options: FormatOptions = {}): string {
  const c = options.colour ?? colours(false);
  const where = `${displayPath(d.loc.file, options.cwd)}:${d.loc.line}:${d.loc.column}`;
  const lines = [`${c.bold(sanitizeForTerminal(where))}: ${c.red('error')} ${c.dim(d.code)} ${sanitizeForTerminal(d.message)}`];
  const source = (options.readSource ?? readFromDisk)(d.loc.file);
  if (source !== undefined) {
    const frame = codeFrame(source, d.loc.line, d.loc.column, d.length ?? 1, { context: options.context ?? 2, colour: c });
    if (frame) lines.push(frame.replace(/^/gm, '  '));
  }
  if (d.hint) lines.push(`  ${c.cyan('hint:')} ${sanitizeForTerminal(d.hint)}`);
  return lines.join('\n') + '\n';
}

/** All diagnostics, a blank line apart, then a count ("3 errors in 2 files"). */
export function formatDiagnostics(list: readonly DeclarationDiagnostic[], options: FormatOptions = {}): string {
  if (list.length === 0) return '';
  const c = options.colour ?? colours(false);
  const cache = new Map<string, string | undefined>();
  const read = options.readSource ?? readFromDisk;
  const cached = { ...options, readSource: (f: string) => (cache.has(f) ? cache.get(f) : (cache.set(f, read(f)), cache.get(f))) };
  const files = new Set(list.map((d) => d.loc.file)).size;
  const shown = list.slice(0, Math.max(1, options.max ?? 100));
  const hidden = list.length - shown.length;
  const summary =
    `${list.length} error${list.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` +
    (hidden > 0 ? ` (${hidden} not shown)` : '');
  return shown.map((d) => formatDiagnostic(d, cached)).join('\n') + '\n' + c.red(summary) + '\n';
}
