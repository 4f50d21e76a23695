/**
 * One answer's value on its own: from a flag's text to a typed value, and the
 * words for what is valid. Wrong values are never mended: a typo is an error
 * that names the closest valid value and lists them all.
 */
import { closest } from '../declaration/suggest.js';
import type { AnswerValue, Question } from './types.js';

/** The text a checkbox flag takes for "nothing" (an empty list). */
export const NONE = 'none';

export type Parsed = { ok: true; value: AnswerValue } | { ok: false; message: string };

/** `--kind` */
export const flagOf = (q: Question): string => `--${q.flag}`;

/** What a valid answer looks like, one line (for errors and `--help`). */
export function validText(q: Question): string {
  switch (q.type) {
    case 'select':
      return `one of ${names(q)}`;
    case 'checkbox':
      return `a comma-separated list of ${names(q)}${q.emptyAllowed ? `, or ${NONE}` : ' (at least one)'}`;
    case 'confirm':
      return `${flagOf(q)} or --no-${q.flag}`;
    default:
      return q.format ?? 'any text';
  }
}

const names = (q: Question): string => (q.choices ?? []).map((c) => c.value).join(', ');

/** The valid values with their descriptions, indented, for an error about `q`. */
export function validList(q: Question): string {
  if (!q.choices) return `  valid: ${validText(q)}\n`;
  const width = Math.max(...q.choices.map((c) => c.value.length));
  const extra = q.type === 'checkbox' ? ` (comma-separated${q.emptyAllowed ? `; '${NONE}' for an empty list` : '; at least one'})` : '';
  return `  valid values${extra}:\n${q.choices.map((c) => `    ${c.value.padEnd(width)}  ${c.description}\n`).join('')}`;
}

/** A value as it is written on the command line (and shown as a default). */
export function showValue(q: Question, v: AnswerValue): string {
  if (Array.isArray(v)) return v.length ? v.join(',') : NONE;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function notValid(q: Question, word: string): string {
  const near = closest(word, (q.choices ?? []).map((c) => c.value));
  return `'${word}' is not a valid value${near ? `; did you mean '${near}'?` : ''}`;
}

/**
 * A flag's text as the question's value, checked on its own (`validate`, the
 * number's minimum); checks against other answers come later.
 */
export function parseValue(q: Question, raw: string | boolean): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, message });
  if (q.type === 'confirm') {
    if (typeof raw !== 'boolean') throw new Error(`create-bg-service: ${flagOf(q)} takes no value`);
    return { ok: true, value: raw };
  }
  if (typeof raw !== 'string') throw new Error(`create-bg-service: ${flagOf(q)} needs a value`);
  let value: AnswerValue;
  switch (q.type) {
    case 'select': {
      if (!q.choices?.some((c) => c.value === raw)) return fail(notValid(q, raw));
      value = raw as AnswerValue;
      break;
    }
    case 'checkbox': {
      const words = raw.split(',').map((w) => w.trim()).filter((w) => w !== '');
      if (words.length === 1 && words[0] === NONE) {
        if (!q.emptyAllowed) return fail(`'${NONE}' is not allowed: give at least one value`);
        words.length = 0;
      }
      if (words.length === 0 && !q.emptyAllowed) return fail('give at least one value');
      const bad = words.filter((w) => !q.choices?.some((c) => c.value === w));
      if (bad.length) return fail(bad.map((w) => notValid(q, w)).join('; '));
      // The table's order, not the typed one: the same answers always give the same declaration.
      value = (q.choices ?? []).map((c) => c.value).filter((c) => words.includes(c)) as AnswerValue;
      break;
    }
    case 'number': {
      if (!/^\d+$/.test(raw.trim())) return fail(`'${raw}' is not a whole number`);
      value = Number(raw.trim());
      break;
    }
    default:
      value = raw;
  }
  const problem = checkAlone(q, value);
  return problem ? fail(problem) : { ok: true, value };
}

/** The checks of a value that need no other answer: the minimum, and the question's own validation. */
export function checkAlone(q: Question, value: AnswerValue): string | undefined {
  if (q.min && typeof value === 'number' && value < q.min.value) {
    return `must be at least ${q.min.value}, not ${value}${q.min.reason ? `: ${q.min.reason}` : ''}`;
  }
  return q.validate?.(value);
}
