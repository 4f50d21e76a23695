/**
 * create-bg-service, start to end:
 *   folder → answers → declaration text → read by the real reader (from
 *   memory) → generation planned → conflicts decided → everything written →
 *   summary and next steps.
 * Nothing touches the disk before the last step, so every refusal, error or
 * cancellation leaves the folder exactly as it was.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Exit, UserFacingError } from '../cli/common.js';
import type { DeclarationDiagnostic } from '../declaration/model.js';
import { applyChanges, type Conflict, type FileChange, type GenerationResult } from '../generator/engine.js';
import { recordCleanChecks } from '../validators/drift/analyze.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { coloursFor, type Colours } from '../lib/colour.js';
import { resolveAnswers } from './answers.js';
import { ConflictResolver, type ConflictItem, type Decision } from './conflicts.js';
import { renderDeclaration } from './declaration.js';
import type { Invocation } from './flags.js';
import { printDiagnostics, printNextSteps, printSummary, progress, type Row } from './output.js';
import { generatedGlue, implementationContents, modulePackageJson, ownFile, planFor, readDisk, readProject, type OwnFile } from './plan.js';
import { Cancelled, terminalAsker } from './prompt.js';
import { declarationPath, detectTarget, type Target } from './target.js';

/** Exit code of a run stopped on purpose (Ctrl-C, or "stop" at a conflict), as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

function describe(t: Target, show: (p: string) => string): string {
  const at = show(t.dir);
  switch (t.state) {
    case 'app':
      return `${t.host.kind === 'tauri' ? 'Tauri v2' : 'Capacitor'} app at ${at}${t.info.appId ? ` (${t.info.appId})` : ''}`;
    case 'module':
      return `standalone module at ${at}`;
    case 'new':
      return `new folder ${at}: a standalone module`;
    case 'empty':
      return `empty folder ${at}: a standalone module`;
    case 'other':
      return `folder ${at} (not empty; --force): a standalone module`;
  }
}

export async function runCreate(inv: Invocation, cwd: string): Promise<number> {
  const c = coloursFor(process.stdout);
  try {
    return await create(inv, cwd, c);
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    process.stderr.write(`\n${c.yellow(e.message)}: nothing was written\n`);
    return EXIT_CANCELLED;
  }
}

async function create(inv: Invocation, cwd: string, c: Colours): Promise<number> {
  const show = (p: string) => relative(cwd, resolve(cwd, p)) || '.';
  const interactive = !inv.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const target = detectTarget(resolve(cwd, inv.dir ?? '.'), inv.force, cwd);
  progress(c, describe(target, show));

  const answers = await resolveAnswers(inv.given, target.info, interactive ? await terminalAsker() : undefined);
  const name = answers.name!;
  const resolver = new ConflictResolver({ force: inv.force, skipExisting: inv.skipExisting, interactive }, c);
  const pending: ConflictItem[] = [];
  const decisions = new Map<string, Decision>();
  const decide = async (items: ConflictItem[]) => {
    const d = await resolver.decide(items);
    if (d) for (const [k, v] of d) decisions.set(k, v);
    else pending.push(...items);
  };

  // The declaration first: keeping the one on disk means generating from it.
  const decl = ownFile(target, declarationPath(target, name), renderDeclaration(answers), 'the declaration');
  if (decl.disk !== undefined && decl.disk !== decl.text) {
    await decide([{ path: decl.path, reason: 'exists with other content', before: decl.disk, after: decl.text }]);
  }
  const keepTheirs = decisions.get(decl.path) === 'skip';

  progress(c, 'checking the declaration (TypeScript compiler) and planning the generation…');
  const started = Date.now();
  const read = await readProject(target, decl.path, keepTheirs ? undefined : decl.text);
  if (!read.ok) {
    printDiagnostics(read.diagnostics, c, cwd);
    if (read.ours) {
      throw new UserFacingError(
        `internal error: the reader rejected the declaration create-bg-service made from valid answers (above). This is a bug; please report it. Nothing was written.`,
        Exit.usage,
      );
    }
    throw new UserFacingError('a declaration of the project has problems (above): fix them, then run again. Nothing was written.', Exit.problems);
  }
  let plan = planFor(target, read.models, false, read.snapshot);
  // The conflicts as first found: a forced plan has none, but the summary says what it overwrote.
  const conflicts = plan.conflicts;
  if (plan.errors.length) {
    printDiagnostics(plan.errors as DeclarationDiagnostic[], c, cwd);
    throw new UserFacingError('the generation cannot run (above). Nothing was written.', Exit.problems);
  }
  if (plan.conflicts.length) {
    // What --force would write: the other side of each conflict, for the diff.
    const forced = planFor(target, read.models, true, read.snapshot);
    if (forced.conflicts.length) {
      for (const k of forced.conflicts) process.stderr.write(`${c.red('conflict')}  ${show(join(target.dir, k.path))}  ${k.reason}\n`);
      throw new UserFacingError('two services would write the same files (above): rename one. Nothing was written.', Exit.problems);
    }
    await decide(plan.conflicts.map((k) => conflictItem(k.path, k.reason, forced.changes)));
    if (plan.conflicts.some((k) => decisions.get(k.path) === 'overwrite')) plan = forced;
  }
  progress(c, `planned in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (pending.length) {
    for (const p of pending) process.stderr.write(`  ${c.red('conflict')}  ${show(join(target.dir, p.path))}  ${p.reason}\n`);
    process.stderr.write(
      `\n${c.red('Nothing was written')}: ${pending.length} file(s) exist with other content. Run again with --force to overwrite them, ` +
        'or --skip-existing to keep yours (on a terminal, without --yes, you choose per file and can see the diff).\n',
    );
    return Exit.problems;
  }

  const pkg = target.host.kind === 'standalone' ? ownFile(target, 'package.json', modulePackageJson(name), 'the module\'s package') : undefined;
  const changes = plan.changes.filter((ch) => decisions.get(ch.path) !== 'skip');
  const writes = [decl.disk !== decl.text && !keepTheirs ? decl : undefined, pkg?.disk === undefined ? pkg : undefined].filter((f): f is OwnFile => !!f);
  if (writes.length + changes.length) progress(c, `writing ${writes.length + changes.length} file(s)…`);
  mkdirSync(target.dir, { recursive: true });
  for (const f of writes) writeFileAtomic(join(target.dir, f.path), f.text);
  applyChanges(target.dir, changes);
  await recordCleanChecks([join(target.dir, decl.path)]);

  const implementation = implementationContents(target, read.models);
  const rows = summaryRows(decl, pkg, { plan, conflicts, changes, decisions }, implementation, target);
  printSummary(c, rows.rows, rows.identicalGenerated, (p) => show(join(target.dir, p)));
  printNextSteps(c, {
    cwd,
    dir: target.dir,
    created: target.state === 'new' || target.state === 'empty',
    standalone: target.host.kind === 'standalone',
    declaration: show(join(target.dir, decl.path)),
    implementation: [...implementation.keys()].map((p) => show(join(target.dir, p))),
    notes: plan.notes,
  });
  return Exit.ok;
}

function conflictItem(path: string, reason: string, forcedChanges: FileChange[]): ConflictItem {
  const change = forcedChanges.find((ch) => ch.path === path);
  return {
    path,
    reason,
    ...(change?.before !== undefined ? { before: change.before } : {}),
    ...(change?.after !== undefined ? { after: change.after } : {}),
  };
}

function ownRow(f: OwnFile, decision: Decision | undefined, skipNote: string): Row {
  if (f.disk === undefined) return { action: 'create', path: f.path, note: f.what };
  if (f.disk === f.text) return { action: 'identical', path: f.path, note: f.what };
  if (decision === 'overwrite') return { action: 'force', path: f.path, note: `${f.what}: overwritten` };
  return { action: decision === 'skip' ? 'skip' : 'keep', path: f.path, note: skipNote };
}

interface Outcome {
  plan: GenerationResult;
  conflicts: Conflict[];
  changes: FileChange[];
  decisions: Map<string, Decision>;
}

function summaryRows(
  decl: OwnFile,
  pkg: OwnFile | undefined,
  { plan, conflicts, changes, decisions }: Outcome,
  implementation: Map<string, string>,
  target: Target,
): { rows: Row[]; identicalGenerated: number } {
  const rows: Row[] = [ownRow(decl, decisions.get(decl.path), 'the declaration: kept yours, and generated from it')];
  if (pkg) rows.push(ownRow(pkg, undefined, 'yours: left as it is'));
  const conflictReason = new Map(conflicts.map((k) => [k.path, k.reason]));
  for (const ch of changes) {
    const overwritten = decisions.get(ch.path) === 'overwrite' && conflictReason.has(ch.path);
    rows.push(overwritten ? { action: 'force', path: ch.path, note: `overwritten (${conflictReason.get(ch.path)})` } : { action: ch.kind, path: ch.path, note: ch.why });
  }
  const changed = new Set(changes.map((ch) => ch.path));
  for (const [path, reason] of conflictReason) {
    if (decisions.get(path) === 'skip') rows.push({ action: 'skip', path, note: `kept yours (${reason}); \`bg-service generate\` reports it until you resolve it` });
  }
  for (const [path, content] of implementation) {
    if (changed.has(path)) continue;
    const same = readDisk(target.dir, path) === content;
    rows.push({ action: same ? 'identical' : 'keep', path, note: same ? 'your implementation (as created)' : 'your implementation: never overwritten' });
  }
  const identicalGenerated = generatedGlue(target, plan).filter((p) => !changed.has(p) && !conflictReason.has(p)).length;
  return { rows: rows.sort((a, b) => order(a) - order(b)), identicalGenerated };
}

const ORDER = ['conflict', 'force', 'skip', 'create', 'update', 'delete', 'keep', 'identical'];
const order = (r: Row): number => ORDER.indexOf(r.action);

