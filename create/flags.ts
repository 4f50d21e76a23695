/**
 * The command line: the target folder, the global options, and one flag per
 * question (from the table). Anything parseArgs does not know is a usage
 * error with the nearest flag, never ignored.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/common.js';
import { closest } from '../declaration/suggest.js';
import { questions } from './questions.js';
import type { QuestionId } from './types.js';
import { validText } from './values.js';

export interface Invocation {
  /** The folder argument, as given. */
  dir?: string;
  yes: boolean;
  force: boolean;
  skipExisting: boolean;
  /** Raw flag values by question: the text, or true/false for `--x` / `--no-x`. */
  given: Map<QuestionId, string | boolean>;
}

type OptionConfig = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

export const GLOBAL_OPTIONS: Record<string, OptionConfig> = {
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  'skip-existing': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/** Every option parseArgs accepts: the globals and each question's flag (`--no-x` too for yes/no questions). */
function options(): Record<string, OptionConfig> {
  const all: Record<string, OptionConfig> = { ...GLOBAL_OPTIONS };
  for (const q of questions) {
    if (q.type === 'confirm') {
      all[q.flag] = { type: 'boolean' };
      all[`no-${q.flag}`] = { type: 'boolean' };
    } else {
      // `multiple` so that a flag given twice is seen (and refused, or joined for lists) instead of the last silently winning.
      all[q.flag] = { type: 'string', multiple: true };
    }
  }
  return all;
}

/** parseArgs' errors in our words: the nearest flag for an unknown one, the valid values for a misused one. */
function parseError(e: Error, known: string[]): UsageError {
  const message = e.message.replace(/^TypeError \[[A-Z_]+\]: /, '');
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (unknown) {
    const word = unknown.replace(/^-+/, '').split('=')[0] ?? '';
    const near = closest(word, known);
    return new UsageError(`unknown option ${unknown}${near ? `; did you mean --${near}?` : ''}`);
  }
  const flag = /^Option '--([a-z-]+)/.exec(message)?.[1];
  const q = questions.find((x) => x.flag === flag || `no-${x.flag}` === flag);
  if (q && /does not take an argument/.test(message)) return new UsageError(`--${flag} takes no value; valid: ${validText(q)}`);
  if (q && /argument missing/.test(message)) return new UsageError(`--${flag} needs a value; valid: ${validText(q)}`);
  return new UsageError(message);
}

export function parseInvocation(args: string[]): Invocation {
  const config = options();
  let parsed: ReturnType<typeof parseArgs<{ options: typeof config; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    throw parseError(e as Error, Object.keys(config));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one folder at most, not ${positionals.length}: ${positionals.join(' ')}`);
  if (values.force && values['skip-existing']) throw new UsageError('--force and --skip-existing cannot be combined: choose whether to overwrite or to keep existing files');

  const given = new Map<QuestionId, string | boolean>();
  for (const q of questions) {
    if (q.type === 'confirm') {
      const yes = values[q.flag] === true;
      const no = values[`no-${q.flag}`] === true;
      if (yes && no) throw new UsageError(`--${q.flag} and --no-${q.flag} contradict each other`);
      if (yes || no) given.set(q.id, yes);
      continue;
    }
    const list = values[q.flag] as string[] | undefined;
    if (!list) continue;
    if (list.length > 1 && q.type !== 'checkbox') throw new UsageError(`--${q.flag} is given ${list.length} times; give it once`);
    given.set(q.id, list.join(','));
  }
  return {
    ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}),
    yes: values.yes === true,
    force: values.force === true,
    skipExisting: values['skip-existing'] === true,
    given,
  };
}
