/**
 * The project's record of a clean drift check: `.bg-service/drift-check.json`,
 * written by `bg-service generate` and `create-bg-service` (committed with
 * state.json and models.json), so a first `bg-doctor validate` — a fresh CI
 * checkout, with no cache on the machine — can tell that an app still is
 * exactly what generate writes without running the generator.
 *
 * After writing, generate runs the same drift check bg-doctor runs
 * (analyze.ts), recording every file-system read (cache.ts). When it finds
 * nothing, the record keeps those inputs by content, with project-relative
 * paths: each file read (a hash of its bytes), each folder listed (a hash of
 * its names), each existence probe, keyed on the build of bg-service by
 * content (the same on every machine with that build). bg-doctor re-reads
 * and hashes the inputs; when every one matches, the check's answer is the
 * same — nothing to report. Anything else (an edited file, a new file where
 * the generator looks, another bg-service build, a record edited by hand)
 * and the check simply runs. The record never changes a finding. It is
 * trusted as generate wrote it: a record edited to leave out an input could
 * hide drift from bg-doctor (never from `generate --check`, which plans).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { toPosix } from '../../lib/paths.js';
import { contentBuild, listing, RECORD_DIR, RECORD_NAME, real, sha, typeOf, type ContentInput, type Input } from './cache.js';

const FORMAT = 1;

interface ProjectRecord {
  format: number;
  build: string;
  /** By content, with paths (and realpath values) relative to the project, '/'-separated. */
  inputs: ContentInput[];
}

export function recordPath(root: string): string {
  return join(root, RECORD_DIR, RECORD_NAME);
}

const portable = (root: string, p: string): string => toPosix(relative(root, p));
const local = (root: string, p: string): string => resolve(root, ...p.split('/'));

/** The record's text for a clean check of `root` with these inputs. */
export function recordText(root: string, inputs: Input[]): string {
  const out: ContentInput[] = inputs.map((i) => {
    const p = portable(root, i.p);
    switch (i.k) {
      case 'f':
      case 'd':
        return { k: i.k, p, h: i.h };
      case 'x':
        return { k: 'x', p, t: i.t };
      case 'r':
        return { k: 'r', p, v: portable(root, i.v) };
    }
  });
  out.sort((a, b) => (a.p < b.p ? -1 : a.p > b.p ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  // One input a line: a change to the record reads as a short diff.
  const head: Omit<ProjectRecord, 'inputs'> = { format: FORMAT, build: contentBuild() };
  return `${JSON.stringify(head).slice(0, -1)},"inputs":[\n${out.map((i) => JSON.stringify(i)).join(',\n')}\n]}\n`;
}

/** Write the record when its text differs from the one there (a no-op generate writes nothing). Never throws. */
export function writeRecord(root: string, inputs: Input[]): boolean {
  const file = recordPath(root);
  try {
    const text = recordText(root, inputs);
    let before: string | undefined;
    try {
      before = real.readFileSync(file, 'utf8');
    } catch {
      before = undefined;
    }
    if (before === text) return false;
    mkdirSync(join(root, RECORD_DIR), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    return true;
  } catch {
    return false; // a record that cannot be written only costs bg-doctor time
  }
}

/**
 * The inputs of the project's record of `root` (absolute paths), when the
 * record is there, was made by this build, and every input still matches
 * by content; else undefined. `readAlready` gives the text of files the run
 * has read anyway (hashed as UTF-8: a file whose text does not round-trip
 * only fails to match, and the check runs).
 */
export function recordHolds(root: string, readAlready?: (path: string) => string | undefined): ContentInput[] | undefined {
  let record: ProjectRecord;
  try {
    record = JSON.parse(real.readFileSync(recordPath(root), 'utf8')) as ProjectRecord;
  } catch {
    return undefined;
  }
  if (record?.format !== FORMAT || !Array.isArray(record.inputs) || record.build !== contentBuild()) return undefined;
  const inputs: ContentInput[] = [];
  for (const i of record.inputs) {
    if (typeof i?.p !== 'string') return undefined;
    const p = local(root, i.p);
    try {
      switch (i.k) {
        case 'f':
          if (sha(readAlready?.(p) ?? real.readFileSync(p)) !== i.h) return undefined;
          inputs.push({ k: 'f', p, h: i.h });
          break;
        case 'd':
          if (listing(p) !== i.h) return undefined;
          inputs.push({ k: 'd', p, h: i.h });
          break;
        case 'x':
          if (typeOf(p) !== i.t) return undefined;
          inputs.push({ k: 'x', p, t: i.t });
          break;
        case 'r': {
          const v = local(root, i.v);
          if (real.realpathSync(p) !== v) return undefined;
          inputs.push({ k: 'r', p, v });
          break;
        }
        default:
          return undefined;
      }
    } catch {
      if (!(i.k === 'x' && i.t === '-')) return undefined;
      inputs.push({ k: 'x', p, t: '-' });
    }
  }
  return inputs;
}
