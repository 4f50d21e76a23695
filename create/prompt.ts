/**
 * The terminal side: each question of the table as an @inquirer/prompts
 * prompt, and the conflict prompt. Imported only for interactive runs, so
 * `--help`, `--version` and runs by flags never load @inquirer.
 */
import { checkAnswer, type Asker } from './answers.js';
import type { AnswerValue, Given, Question, TargetInfo } from './types.js';

type Inquirer = typeof import('@inquirer/prompts');

/** Ctrl-C (or a closed terminal) during a prompt: the run stops and writes nothing. */
export class Cancelled extends Error {}

/** Turn @inquirer's own cancellation into ours, leaving real errors alone. */
async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as Error)?.name === 'ExitPromptError' || (e as Error)?.name === 'AbortPromptError') throw new Cancelled('cancelled');
    throw e;
  }
}

function askOne(inquirer: Inquirer, q: Question, a: Given, t: TargetInfo): Promise<AnswerValue> {
  const preset = q.default?.value(a, t);
  const valid = (v: AnswerValue): true | string => checkAnswer(q, v, a, t) ?? true;
  const choice = (c: { value: string; description: string }) => ({ value: c.value, name: c.value, description: c.description });
  switch (q.type) {
    case 'input':
      return inquirer.input({ message: q.message, required: true, validate: valid, ...(typeof preset === 'string' ? { default: preset } : {}) });
    case 'number':
      return inquirer.number({ message: q.message, required: true, validate: valid, ...(typeof preset === 'number' ? { default: preset } : {}) });
    case 'confirm':
      return inquirer.confirm({ message: q.message, default: preset === true });
    case 'select':
      return inquirer.select({
        message: q.message,
        // A value that cannot fit the earlier answers is shown, disabled, with the reason.
        choices: (q.choices ?? []).map((c) => {
          const why = q.check?.(c.value as AnswerValue, a, t);
          return { ...choice(c), ...(why ? { disabled: `(${why})` } : {}) };
        }),
        ...(typeof preset === 'string' ? { default: preset } : {}),
      });
    case 'checkbox': {
      const checked = Array.isArray(preset) ? (preset as string[]) : [];
      return inquirer.checkbox({
        message: `${q.message} (space to select, enter to confirm)`,
        choices: (q.choices ?? []).map((c) => ({ ...choice(c), checked: checked.includes(c.value) })),
        required: !q.emptyAllowed,
        validate: (items) => valid(items.map((i) => i.value) as AnswerValue),
        pageSize: 14,
      }) as Promise<AnswerValue>;
    }
  }
}

export async function terminalAsker(): Promise<Asker> {
  const inquirer = await import('@inquirer/prompts');
  return { ask: (q, a, t) => guard(askOne(inquirer, q, a, t)) };
}

export type ConflictChoice = 'overwrite' | 'skip' | 'overwrite-all' | 'skip-all' | 'diff' | 'abort';

/** Yeoman's overwrite question: y/n/a/s, d shows the diff, x stops without writing. */
export async function askConflict(path: string, reason: string): Promise<ConflictChoice> {
  const inquirer = await import('@inquirer/prompts');
  return guard(
    inquirer.expand<ConflictChoice>({
      message: `Conflict: ${path} (${reason}). Overwrite it?`,
      choices: [
        { key: 'y', name: 'overwrite', value: 'overwrite' },
        { key: 'n', name: 'skip: keep yours', value: 'skip' },
        { key: 'a', name: 'overwrite this and all the other conflicts', value: 'overwrite-all' },
        { key: 's', name: 'skip this and all the other conflicts', value: 'skip-all' },
        { key: 'd', name: 'show the differences', value: 'diff' },
        { key: 'x', name: 'stop: write nothing', value: 'abort' },
      ],
    }),
  );
}
