/**
 * Applying fixes: the byte-edits of every fixable finding, grouped per file,
 * overlapping edits dropped (the next pass picks them up), duplicates merged
 * (two findings adding the same permission add it once), written atomically
 * (temp file + rename). `--fix-dry-run` prints the same plan as a unified diff.
 */
import { relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { Finding, TextEdit } from './rule.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { toPosix } from './project/files.js';

export interface FilePlan {
  file: string;
  before: string;
  after: string;
  /** Findings whose fixes are in this plan. */
  fixed: Finding[];
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Apply non-overlapping edits to `text` (edits in any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function planFixes(findings: Finding[], read: (file: string) => string | undefined = readText): FilePlan[] {
  const byFile = new Map<string, { edits: TextEdit[]; fixed: Finding[] }>();
  for (const f of findings) {
    if (!f.fix || f.fix.edits.length === 0) continue;
    let entry = byFile.get(f.fix.file);
    if (!entry) byFile.set(f.fix.file, (entry = { edits: [], fixed: [] }));
    const accepted = entry.edits;
    const fresh = f.fix.edits.filter((e) => !accepted.some((a) => a.start === e.start && a.end === e.end && a.text === e.text));
    const overlaps = fresh.some((e) =>
      accepted.some((a) => (e.start < a.end && a.start < e.end) || (e.start === e.end && a.start === a.end && e.start === a.start && e.text.trim() === a.text.trim())),
    );
    if (overlaps) continue;
    accepted.push(...fresh);
    entry.fixed.push(f);
  }
  const plans: FilePlan[] = [];
  for (const [file, { edits, fixed }] of byFile) {
    const before = read(file);
    if (before === undefined) continue;
    if (edits.some((e) => e.start < 0 || e.end > before.length || e.start > e.end)) continue;
    const after = applyEdits(before, edits);
    if (after !== before) plans.push({ file, before, after, fixed });
  }
  return plans.sort((a, b) => a.file.localeCompare(b.file));
}

export function writePlans(plans: FilePlan[]): void {
  for (const p of plans) writeFileAtomic(p.file, p.after);
}

export function unifiedDiff(plans: FilePlan[], root: string): string {
  return plans
    .map((p) => {
      const name = toPosix(relative(root, p.file)) || p.file;
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, p.before, p.after, undefined, undefined, { context: 3 });
    })
    .join('');
}
