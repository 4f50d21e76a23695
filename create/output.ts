/**
 * What create-bg-service prints: progress on the slow steps (stderr), the
 * list of files with what happened to each (Yeoman's words), and the next
 * steps, including every note the generation left for doing by hand.
 */
import { relative } from 'node:path';
import type { Colours } from '../lib/colour.js';
import type { DeclarationDiagnostic } from '../declaration/model.js';
import { formatDiagnostics } from '../declaration/diagnostics.js';

export type Action = 'create' | 'update' | 'delete' | 'identical' | 'force' | 'skip' | 'keep' | 'conflict';

export interface Row {
  action: Action;
  /** Project-relative. */
  path: string;
  note: string;
}

/** A slow step has started; said on stderr so stdout stays the summary. */
export function progress(c: Colours, text: string): void {
  process.stderr.write(`${c.cyan('›')} ${text}\n`);
}

export function printDiagnostics(diagnostics: DeclarationDiagnostic[], c: Colours, cwd: string): void {
  process.stderr.write(formatDiagnostics(diagnostics, { colour: c, cwd }));
}

function paint(c: Colours, action: Action): string {
  const word = action.padEnd(9);
  switch (action) {
    case 'create':
      return c.green(word);
    case 'update':
    case 'force':
      return c.yellow(word);
    case 'delete':
    case 'conflict':
      return c.red(word);
    default:
      return c.dim(word);
  }
}

/**
 * One line per file that changes or needs a word; identical generated files
 * are counted, not listed (a second run would otherwise print them all).
 */
export function printSummary(c: Colours, rows: Row[], identicalGenerated: number, show: (p: string) => string): void {
  const out = process.stdout;
  out.write('\n');
  const width = Math.min(60, Math.max(0, ...rows.map((r) => show(r.path).length)));
  for (const r of rows) out.write(`  ${paint(c, r.action)}  ${show(r.path).padEnd(width)}  ${c.dim(r.note)}\n`);
  if (identicalGenerated) out.write(`  ${paint(c, 'identical')}  ${identicalGenerated} generated file(s)\n`);
  const count = (...actions: Action[]) => rows.filter((r) => actions.includes(r.action)).length;
  const identical = count('identical') + identicalGenerated;
  const changed = count('create', 'update', 'delete', 'force');
  out.write(
    `\n${changed === 0 ? c.green('Nothing to change') : c.green('Done')}: ${count('create')} created, ${count('update', 'force')} changed, ` +
      `${count('delete')} deleted, ${identical} identical` +
      (count('skip') ? `, ${count('skip')} skipped` : '') +
      (count('keep') ? `, ${count('keep')} of yours kept` : '') +
      '\n',
  );
}

export interface NextSteps {
  cwd: string;
  dir: string;
  /** The folder did not exist or was empty. */
  created: boolean;
  standalone: boolean;
  declaration: string;
  /** Implementation files (yours), project-relative. */
  implementation: string[];
  notes: string[];
}

export function printNextSteps(c: Colours, s: NextSteps): void {
  const out = process.stdout;
  const rel = (p: string) => relative(s.cwd, p) || '.';
  const steps: string[] = [];
  if (s.created && rel(s.dir) !== '.') steps.push(`cd ${rel(s.dir)}`);
  steps.push(s.standalone ? 'npm install' : 'npm install --save-dev create-bg-service   (types for the declaration, and the commands below)');
  if (s.implementation.length) steps.push(`write the service's work in:\n${s.implementation.map((p) => `       ${p}`).join('\n')}`);
  steps.push(`after changing ${s.declaration}: npx bg-service generate   (in CI: npx bg-service generate --check)`);
  steps.push('audit the app: npx bg-doctor validate');
  out.write(`\n${c.bold('Next steps')}:\n${steps.map((t, i) => `  ${i + 1}. ${t}\n`).join('')}`);
  const notes = [...new Set(s.notes)];
  if (notes.length) {
    // Verbatim: a note may carry a line to paste (e.g. into the AppDelegate).
    out.write(`\n${c.bold('To do by hand')} (the generation could not do these safely):\n`);
    for (const n of notes) out.write(`  ${c.cyan('•')} ${n.replace(/\n/g, '\n    ')}\n`);
  }
}
