/**
 * The `generate` command: read declarations, plan, then write / check / diff / watch.
 */
import { existsSync, statSync, watch as fsWatch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { coloursFor, type Colours } from '../lib/colour.js';
import { findDeclarations, readDeclarations } from '../declaration/reader.js';
import { snapshotText } from '../generator/snapshot.js';
import { formatDiagnostics } from '../declaration/diagnostics.js';
import type { DeclarationDiagnostic } from '../declaration/model.js';
import { applyChanges, planGeneration, type GenerationResult } from '../generator/engine.js';
import { detectHost, findProjectRoot } from '../generator/host.js';
import { targets } from '../generator/targets.js';
import { Exit, UserFacingError } from './common.js';
import { StateError } from '../generator/state.js';
import { EscapeError } from '../escape/index.js';
import { recordCleanChecks } from '../validators/drift/analyze.js';

export interface GenerateCommand {
  cwd: string;
  project?: string;
  declarations: string[];
  mode: 'write' | 'check' | 'dry-run' | 'watch';
  force: boolean;
  quiet: boolean;
}

export async function runGenerate(cmd: GenerateCommand): Promise<number> {
  if (cmd.mode === 'watch') return watchLoop(cmd);
  return generateOnce(cmd);
}

function resolveProject(cmd: GenerateCommand): { root: string; files: string[] | undefined } {
  const explicit = cmd.declarations.map((d) => resolve(cmd.cwd, d));
  for (const f of explicit) {
    if (!existsSync(f) || !statSync(f).isFile()) throw new UserFacingError(`no such declaration file: ${f}`, Exit.usage);
  }
  let root: string;
  if (cmd.project) {
    root = resolve(cmd.cwd, cmd.project);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserFacingError(`no such project folder: ${root}`, Exit.usage);
  } else {
    root = findProjectRoot(explicit[0] ? dirname(explicit[0]) : cmd.cwd);
  }
  return { root, files: explicit.length ? explicit : undefined };
}

export async function generateOnce(cmd: GenerateCommand): Promise<number> {
  const out = process.stdout;
  const err = process.stderr;
  const c = coloursFor(err);
  const { root, files: explicit } = resolveProject(cmd);
  const files = explicit ?? (await findDeclarations(root));
  if (files.length === 0) {
    throw new UserFacingError(
      `no *.bg.ts declaration found under ${root}\n  create one with \`npx create-bg-service\`, or name the file: bg-service generate path/to/name.bg.ts`,
    );
  }

  const read = await readDeclarations(files);
  if (!read.ok) {
    err.write(formatDiagnostics(read.diagnostics, { colour: c, cwd: cmd.cwd }));
    err.write(`\n${c.red('Nothing was written')}: fix the problems above and run generate again.\n`);
    return Exit.problems;
  }

  const host = detectHost(root);
  let plan: GenerationResult;
  try {
    plan = planGeneration({
      host,
      models: read.models,
      targets,
      force: cmd.force,
      pruneMissingServices: explicit === undefined,
      // --check writes nothing, and the snapshot is no output it checks: not built then.
      snapshot: cmd.mode === 'check' ? undefined : snapshotText(root, { declarations: files, inputs: read.inputs, models: read.models }),
    });
  } catch (e) {
    if (e instanceof StateError || e instanceof EscapeError) throw new UserFacingError(e.message);
    throw e;
  }

  if (plan.errors.length) {
    err.write(formatDiagnostics(plan.errors as DeclarationDiagnostic[], { colour: c, cwd: cmd.cwd }));
    err.write(`\n${c.red('Nothing was written')}.\n`);
    return Exit.problems;
  }
  if (plan.conflicts.length) {
    for (const k of plan.conflicts) err.write(`${c.red('conflict')} ${k.path}: ${k.reason}\n`);
    err.write(
      `\n${c.red('Nothing was written')}: move your changes into the implementation files (or the declaration), ` +
        `or run again with --force to overwrite.\n`,
    );
    return Exit.problems;
  }

  const rel = (p: string) => relative(cmd.cwd, resolve(root, p)) || '.';
  if (cmd.mode === 'check') {
    const outdated = plan.changes;
    if (outdated.length === 0) {
      if (!cmd.quiet) out.write(`${c.green('up to date')}: ${read.models.length} service(s), nothing would change\n`);
      return Exit.ok;
    }
    for (const ch of outdated) err.write(`would ${ch.kind} ${rel(ch.path)} (${ch.why})\n`);
    err.write(`\n${outdated.length} file(s) out of date: run \`bg-service generate\` and commit the result.\n`);
    return Exit.problems;
  }
  if (cmd.mode === 'dry-run') {
    for (const ch of plan.changes) {
      out.write(
        createTwoFilesPatch(
          ch.kind === 'create' ? '/dev/null' : `a/${ch.path}`,
          ch.kind === 'delete' ? '/dev/null' : `b/${ch.path}`,
          ch.before ?? '',
          ch.after ?? '',
          undefined,
          undefined,
          { context: 3 },
        ),
      );
    }
    if (!cmd.quiet) err.write(`${plan.changes.length} file(s) would change; nothing was written (--dry-run)\n`);
    return Exit.ok;
  }

  applyChanges(root, plan.changes);
  // What bg-doctor's drift check reads, kept in the project while the check is clean
  // (.bg-service/drift-check.json): a first validate then needs no generator.
  await recordCleanChecks(files);
  if (!cmd.quiet) printSummary(plan, rel, c);
  return Exit.ok;
}

function printSummary(plan: GenerationResult, rel: (p: string) => string, c: Colours): void {
  const out = process.stdout;
  const label = { create: c.green('create'), update: c.yellow('update'), delete: c.red('delete') };
  for (const ch of plan.changes) out.write(`  ${label[ch.kind]}  ${rel(ch.path)}  ${c.dim(ch.why)}\n`);
  const count = (k: string) => plan.changes.filter((ch) => ch.kind === k).length;
  out.write(
    `${plan.changes.length === 0 ? c.green('up to date') : c.green('done')}: ` +
      `${count('create')} created, ${count('update')} updated, ${count('delete')} deleted` +
      (plan.keptUserFiles.length ? `, ${plan.keptUserFiles.length} implementation file(s) left as you wrote them` : '') +
      '\n',
  );
  for (const n of new Set(plan.notes)) out.write(`${c.cyan('note')}: ${n}\n`);
}

/** Regenerate on save; debounced, and never exits on a broken declaration. */
async function watchLoop(cmd: GenerateCommand): Promise<number> {
  const { root } = resolveProject(cmd);
  const once = { ...cmd, mode: 'write' as const };
  const run = async () => {
    try {
      await generateOnce(once);
    } catch (e) {
      process.stderr.write(`bg-service: ${(e as Error).message}\n`);
    }
  };
  await run();
  process.stderr.write(`watching ${root} for changes to *.ts (Ctrl-C to stop)\n`);
  let timer: NodeJS.Timeout | undefined;
  const watcher = fsWatch(root, { recursive: true }, (_event, name) => {
    const file = String(name ?? '');
    if (!file.endsWith('.ts') || /(^|[/\\])(node_modules|dist|target|\.git)([/\\]|$)/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 100);
  });
  await new Promise<void>((done) => {
    const stop = () => {
      watcher.close();
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return Exit.ok;
}
