/**
 * From flags (and, on a terminal, prompts) to a complete set of answers.
 *
 * 1. Every flag's value on its own: a wrong one stops everything before a
 *    single question is asked.
 * 2. The questions in table order: a flag given for a question that does not
 *    apply is an error (never silently ignored); a given answer is checked
 *    against the earlier ones; a missing one is asked on a terminal, else
 *    takes its default, else is an error.
 * Without a terminal every problem is collected and reported at once; a
 * question whose inputs failed is skipped, so one mistake is said once.
 */
import { Exit, UserFacingError } from '../cli/common.js';
import { questions } from './questions.js';
import type { AnswerValue, Given, Question, QuestionId, TargetInfo } from './types.js';
import { checkAlone, flagOf, parseValue, showValue, validList } from './values.js';

/** Asks one question on the terminal (prompt.ts); resolves to a valid value. */
export interface Asker {
  ask(q: Question, a: Given, t: TargetInfo): Promise<AnswerValue>;
}

/** Everything wrong with the answers, for one exit-2 message. */
export class AnswersError extends UserFacingError {
  constructor(readonly problems: string[]) {
    super(
      `${problems.length === 1 ? 'a problem' : `${problems.length} problems`} with the answers (nothing was written):\n` +
        problems.map((p) => `  ${p.replace(/\n(?!$)/g, '\n  ')}`).join('') +
        'Give the answers as flags (`create-bg-service --help` lists them), or run it on a terminal to be asked.',
      Exit.usage,
    );
  }
}

const problem = (q: Question, message: string): string => `${flagOf(q)}: ${message}\n${validList(q)}`;

/** Set one answer (the table's ids and values are checked where they are declared). */
function put(a: Given, id: QuestionId, value: AnswerValue): void {
  (a as Record<QuestionId, AnswerValue>)[id] = value;
}

/** The whole check of a value against earlier answers: alone, then in context. */
export function checkAnswer(q: Question, value: AnswerValue, a: Given, t: TargetInfo): string | undefined {
  return checkAlone(q, value) ?? q.check?.(value, a, t);
}

export async function resolveAnswers(given: ReadonlyMap<QuestionId, string | boolean>, t: TargetInfo, asker?: Asker): Promise<Given> {
  const problems: string[] = [];
  const parsed = new Map<QuestionId, AnswerValue>();
  for (const q of questions) {
    const raw = given.get(q.id);
    if (raw === undefined) continue;
    const r = parseValue(q, raw);
    if (r.ok) parsed.set(q.id, r.value);
    else problems.push(problem(q, r.message));
  }
  if (problems.length) throw new AnswersError(problems);

  const a: Given = {};
  const failed = new Set<QuestionId>();
  for (const q of questions) {
    if (q.uses?.some((id) => failed.has(id))) {
      failed.add(q.id);
      continue;
    }
    if (q.when && !q.when.test(a, t)) {
      if (parsed.has(q.id)) problems.push(`${flagOf(q)}: applies only when ${q.when.text}; remove it\n`);
      const other = q.otherwise?.value(a, t);
      if (other !== undefined) put(a, q.id, other);
      continue;
    }
    // On a terminal a wrong flag stops the run before the next prompt, not after the last.
    if (asker && problems.length && !parsed.has(q.id)) throw new AnswersError(problems);
    const value = parsed.has(q.id) ? parsed.get(q.id)! : asker ? await asker.ask(q, a, t) : q.default?.value(a, t);
    if (value === undefined) {
      problems.push(`${flagOf(q)}: missing (${q.help}; no default here)\n${validList(q)}`);
      failed.add(q.id);
      continue;
    }
    const wrong = q.check?.(value, a, t);
    if (wrong) {
      const what = parsed.has(q.id) ? wrong : `the default, ${showValue(q, value)}, does not fit: ${wrong}`;
      problems.push(problem(q, what));
      failed.add(q.id);
      continue;
    }
    put(a, q.id, value);
  }
  if (problems.length) throw new AnswersError(problems);
  return a;
}
