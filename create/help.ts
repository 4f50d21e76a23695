/**
 * `--help` and the README's question table, both written from the question
 * table, so neither can drift from what the command accepts. Light on
 * purpose: the help path loads no prompt library and no compiler.
 */
import { questions } from './questions.js';
import type { Question } from './types.js';
import { flagOf, NONE, validText } from './values.js';

const placeholder = (q: Question): string =>
  q.type === 'confirm' ? '' : q.type === 'select' ? ' <value>' : q.type === 'checkbox' ? ' <list>' : q.type === 'number' ? ' <n>' : ' <text>';

/** The condition, and what the answer is when it does not hold. */
const whenText = (q: Question): string => (q.when ? `${q.when.text}${q.otherwise ? ` (otherwise ${q.otherwise.text})` : ''}` : '');

const flagWithNo = (q: Question): string => (q.type === 'confirm' ? `${flagOf(q)}, --no-${q.flag}` : `${flagOf(q)}${placeholder(q)}`);

const INDENT = 32;
const WIDTH = 80;

/** Words wrapped to WIDTH, every line indented to the description column. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && INDENT + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `${' '.repeat(INDENT)}${l}\n`).join('');
}

function answerLines(q: Question): string {
  const head = `  ${flagWithNo(q)}`;
  const facts = [
    `${q.help.charAt(0).toUpperCase()}${q.help.slice(1)}.`,
    `Valid: ${validText(q)}.`,
    q.default ? `Default: ${q.default.text}.` : 'Required.',
    q.when ? `Only when ${whenText(q)}.` : '',
  ].join(' ').trim();
  const body = wrap(facts);
  return head.length < INDENT - 1 ? `${head.padEnd(INDENT)}${body.slice(INDENT)}` : `${head}\n${body}`;
}

export function usage(): string {
  return `Usage: create-bg-service [dir] [options]

Scaffolds a background service into dir (default: the current folder), checks
its declaration and runs the first generation:
  in a Tauri v2 or Capacitor app  bg-services/<name>/<name>.bg.ts
  in a new or empty folder        a module: <name>.bg.ts and package.json
A folder that is neither is refused unless --force.

On a terminal it asks what the flags leave open. With --yes, or without a
terminal, it never asks: defaults fill the rest, and a missing required answer
or an invalid value is an error that lists the valid values (exit 2).

Answers (one flag per question):
${questions.map(answerLines).join('')}
Options:
  -y, --yes                     Ask nothing: defaults for every answer not given
      --force                   Overwrite conflicting files; accept a non-empty
                                folder
      --skip-existing           Keep conflicting files as they are (and generate
                                from an existing declaration)
  -h, --help                    Show this help
  -v, --version                 Show the version

Conflicts (a file exists with other content): overwritten with --force, kept
with --skip-existing, asked per file on a terminal (with a diff); otherwise the
run stops, lists them and writes nothing (exit 1).

Exit codes: 0 done (or nothing to change) · 1 unresolved conflicts, or a problem
in a declaration of the project · 2 bad usage, an invalid or missing answer, a
refused folder, or an internal error · 130 cancelled.
A run that fails writes nothing.
`;
}

/** The README's question table (Markdown), checked against the README by a test. */
export function questionTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = questions.map((q) => {
    const valid = q.choices ? q.choices.map((c) => `\`${c.value}\``).join(', ') + (q.emptyAllowed ? `, \`${NONE}\`` : '') : validText(q);
    return `| ${cell(q.message)} | \`${flagWithNo(q)}\` | ${q.type} | ${cell(valid)} | ${cell(q.default?.text ?? 'required')} | ${cell(q.when ? whenText(q) : 'always')} |`;
  });
  return ['| question | flag | type | valid values | default | asked when |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
