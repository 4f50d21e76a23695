/**
 * Conflicts, as Yeoman has them, minus the crash without a terminal: a file
 * that exists with other content (the declaration, or one the generator
 * would overwrite although it did not write it or it was edited by hand).
 *
 *   --force           overwrite every conflict
 *   --skip-existing   keep every existing file as it is
 *   on a terminal     ask per file: overwrite, skip, all, diff, stop
 *   otherwise         undecided: the caller lists them and writes nothing (exit 1)
 */
import { createTwoFilesPatch } from 'diff';
import type { Colours } from '../lib/colour.js';
import { askConflict, Cancelled } from './prompt.js';

export interface ConflictItem {
  /** Project-relative. */
  path: string;
  reason: string;
  /** On disk now. */
  before?: string;
  /** What would be written. */
  after?: string;
}

export type Decision = 'overwrite' | 'skip';

export interface ConflictPolicy {
  force: boolean;
  skipExisting: boolean;
  interactive: boolean;
}

/** A unified diff of one conflict, coloured when the terminal is. */
export function conflictDiff(item: ConflictItem, c: Colours): string {
  const patch = createTwoFilesPatch(`a/${item.path}`, `b/${item.path}`, item.before ?? '', item.after ?? '', 'yours', 'create-bg-service', { context: 3 });
  return patch
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? c.green(line) : line.startsWith('-') && !line.startsWith('---') ? c.red(line) : line))
    .join('\n');
}

export class ConflictResolver {
  /** "all" answered once applies to every later conflict of the run. */
  private all: Decision | undefined;

  constructor(
    private readonly policy: ConflictPolicy,
    private readonly colours: Colours,
  ) {
    if (policy.force) this.all = 'overwrite';
    else if (policy.skipExisting) this.all = 'skip';
  }

  /** Decisions for every item, or undefined when they cannot be made here (no terminal, no flag). */
  async decide(items: readonly ConflictItem[]): Promise<Map<string, Decision> | undefined> {
    const decisions = new Map<string, Decision>();
    for (const item of items) {
      if (this.all) {
        decisions.set(item.path, this.all);
        continue;
      }
      if (!this.policy.interactive) return undefined;
      decisions.set(item.path, await this.ask(item));
    }
    return decisions;
  }

  private async ask(item: ConflictItem): Promise<Decision> {
    for (;;) {
      const choice = await askConflict(item.path, item.reason);
      switch (choice) {
        case 'diff':
          process.stdout.write(`${conflictDiff(item, this.colours)}\n`);
          continue;
        case 'abort':
          throw new Cancelled('stopped at a conflict');
        case 'overwrite-all':
          this.all = 'overwrite';
          return 'overwrite';
        case 'skip-all':
          this.all = 'skip';
          return 'skip';
        default:
          return choice;
      }
    }
  }
}
