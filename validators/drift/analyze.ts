/**
 * Drift between an app and its `*.bg.ts` declarations: what `bg-service
 * generate` would change there now, asked of the generator's own planner (in
 * memory; nothing is written), turned into located findings.
 *
 * Cheap to import: the declaration reader (ts-morph, TypeScript), the engine
 * and the templates are imported only when an app has a declaration, so
 * `validate` on any other project never loads them (drift.test.ts proves it).
 *
 * One analysis per generator project root (the folder `generate` would use:
 * the nearest Tauri/Capacitor app, package or repository root above the
 * declaration), reading every declaration under it and pruning services no
 * longer declared — exactly like `bg-service generate` without arguments. In
 * a monorepo the first app that holds one of its declarations reports it.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { DeclarationDiagnostic, ServiceModel } from '../../declaration/model.js';
import type { ContributionChange, FileChange, GenerationResult } from '../../generator/engine.js';
import type { ContributionKind } from '../../generator/contributions.js';
import type { Fix, Report, RuleContext, Severity, TextEdit } from '../rule.js';
import type { AppProject, ProjectFiles } from '../project/types.js';
import { toPosix } from '../project/files.js';
import { locateContribution, locateHeader, positionOf } from './locate.js';
import { cacheEnabled, knownClean, recordIfClean, rememberClean } from './cache.js';
import { recordHolds, writeRecord } from './record.js';

export const DRIFT_RULE = 'bg-declaration-drift';
export const STALE_RULE = 'bg-generated-stale';
export const INVALID_RULE = 'bg-declaration-invalid';
export type DriftRuleId = typeof DRIFT_RULE | typeof STALE_RULE | typeof INVALID_RULE;

export interface DriftReport {
  rule: DriftRuleId;
  report: Report;
}

/** The heavy modules, loaded once on first need. */
interface Heavy {
  readDeclarations: typeof import('../../declaration/reader.js').readDeclarations;
  findDeclarations: typeof import('../../declaration/reader.js').findDeclarations;
  planGeneration: typeof import('../../generator/engine.js').planGeneration;
  detectHost: typeof import('../../generator/host.js').detectHost;
  findProjectRoot: typeof import('../../generator/host.js').findProjectRoot;
  targets: typeof import('../../generator/targets.js').targets;
  contributionKind: (name: string) => ContributionKind;
  StateError: typeof import('../../generator/state.js').StateError;
  STATE_FILE: string;
  changedSpan: typeof import('../../editors/edit.js').changedSpan;
  applyEdits: typeof import('../../editors/edit.js').applyEdits;
  loadSnapshot: typeof import('../../generator/snapshot.js').loadSnapshot;
}

let heavy: Promise<Heavy> | undefined;

function loadHeavy(): Promise<Heavy> {
  return (heavy ??= (async () => {
    const [reader, engine, host, targets, contributions, state, edit, snapshot] = await Promise.all([
      import('../../declaration/reader.js'),
      import('../../generator/engine.js'),
      import('../../generator/host.js'),
      import('../../generator/targets.js'),
      import('../../generator/contributions.js'),
      import('../../generator/state.js'),
      import('../../editors/edit.js'),
      import('../../generator/snapshot.js'),
    ]);
    return {
      readDeclarations: reader.readDeclarations,
      findDeclarations: reader.findDeclarations,
      planGeneration: engine.planGeneration,
      detectHost: host.detectHost,
      findProjectRoot: host.findProjectRoot,
      targets: targets.targets,
      contributionKind: contributions.contributionKind,
      StateError: state.StateError,
      STATE_FILE: state.STATE_FILE,
      changedSpan: edit.changedSpan,
      applyEdits: edit.applyEdits,
      loadSnapshot: snapshot.loadSnapshot,
    };
  })());
}

/** Per run: which app reports each generator root (the first to hold one of its declarations). */
const claims = new WeakMap<ProjectFiles, Map<string, string>>();
/** Per run and app: the analysis (all three rules share one). */
const analyses = new WeakMap<ProjectFiles, Map<string, Promise<DriftAnalysis>>>();

function isDeclarationFile(path: string): boolean {
  return path.endsWith('.bg.ts') && !path.endsWith('.d.bg.ts');
}

/** True when the app holds a `*.bg.ts` declaration (the only case the drift rules do any work). */
export function hasDeclarations(project: AppProject): boolean {
  return project.declarations.some(isDeclarationFile);
}

/** One app's drift analysis: its reports, and the groups (generator roots) it took on. */
interface DriftAnalysis {
  reports: DriftReport[];
  groups: string[];
}

/**
 * What one of the drift rules reports for the app (the three share one
 * analysis): the app claims the generator roots it checked (RuleContext.claim;
 * only the first app in order keeps a root's findings), then reports the
 * findings of `rule`. Synchronous, and nothing loaded, without declarations.
 */
export function reportDrift(ctx: RuleContext, rule: DriftRuleId): void | Promise<void> {
  if (!hasDeclarations(ctx.project)) return;
  return driftAnalysis(ctx.project).then((a) => {
    for (const g of a.groups) ctx.claim?.(g);
    for (const r of a.reports) if (r.rule === rule) ctx.report(r.report);
  });
}

/** One app's drift analysis (memoised per run; empty, and nothing loaded, without declarations). */
function driftAnalysis(project: AppProject): Promise<DriftAnalysis> {
  const declarations = project.declarations.filter(isDeclarationFile);
  if (declarations.length === 0) return Promise.resolve({ reports: [], groups: [] });
  let perRun = analyses.get(project.files);
  if (!perRun) analyses.set(project.files, (perRun = new Map()));
  let p = perRun.get(project.root);
  if (!p) perRun.set(project.root, (p = analyse(project, declarations)));
  return p;
}

async function analyse(project: AppProject, declarations: string[]): Promise<DriftAnalysis> {
  const { findProjectRoot } = await import('../../generator/host.js'); // light: no compiler, no templates
  let claimed = claims.get(project.files);
  if (!claimed) claims.set(project.files, (claimed = new Map()));
  const roots: string[] = [];
  for (const d of declarations) {
    const root = findProjectRoot(dirname(d));
    if (!claimed.has(root)) claimed.set(root, project.root);
    if (claimed.get(root) === project.root && !roots.includes(root)) roots.push(root);
  }
  const out: DriftReport[] = [];
  for (const root of roots) {
    // A root found clean before, with nothing it read changed since, is clean now: by
    // this machine's cache (cache.ts), else by the project's own record (record.ts).
    if (knownClean(root, project.files)) {
      debug(root, "clean by this machine's cache");
      continue;
    }
    const held = cacheEnabled() ? recordHolds(root, (p) => project.files.readAlready?.(p)) : undefined;
    if (held) {
      rememberClean(root, held);
      debug(root, "clean by the project's record (.bg-service/drift-check.json)");
      continue;
    }
    const h = await loadHeavy();
    const run: RunDependence = { onProblems: false };
    const reports = await recordIfClean(root, () => analyseRoot(h, project.files, root, run), { cacheable: () => !run.onProblems });
    debug(root, `checked with the generator: ${reports.length} finding(s)`);
    // One report of a root: worker threads may each check it for an app of theirs (run.ts keeps the first app's).
    for (const r of reports) r.report.group = driftGroup(root);
    out.push(...reports);
  }
  return { reports: out, groups: roots.map(driftGroup) };
}

const driftGroup = (root: string): string => `drift:${root}`;

/** BG_DOCTOR_DEBUG=drift: how each drift check was answered, on stderr (why a run was slow). */
function debug(root: string, what: string): void {
  if (process.env.BG_DOCTOR_DEBUG?.split(',').includes('drift')) process.stderr.write(`bg-doctor: drift ${root}: ${what}\n`);
}

/**
 * After generate wrote the declarations' outputs: the drift check of each
 * generator root they belong to (as bg-doctor finds them), recorded where clean.
 */
export async function recordCleanChecks(declarations: string[]): Promise<void> {
  const { findProjectRoot } = await import('../../generator/host.js');
  for (const root of new Set(declarations.filter(isDeclarationFile).map((d) => findProjectRoot(dirname(d))))) await recordCleanCheck(root);
}

/**
 * Run the drift check bg-doctor runs on `root` and, when it is clean, keep
 * its inputs in the project (record.ts) and in this machine's cache. True
 * when the check was clean. A record that still holds is left as it is.
 */
export async function recordCleanCheck(root: string): Promise<boolean> {
  if (recordHolds(root)) return true;
  const h = await loadHeavy();
  const files: CheckFiles = {
    problems: [],
    read: (f) => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  const run: RunDependence = { onProblems: false };
  const reports = await recordIfClean(root, () => analyseRoot(h, files, root, run), {
    onClean: (inputs) => void writeRecord(root, inputs),
    cacheable: () => !run.onProblems,
  });
  return reports.length === 0;
}

/** What the check needs of the audited project's files: parse problems already found, and reads to locate findings. */
type CheckFiles = Pick<ProjectFiles, 'problems' | 'read'>;

/**
 * Set when the answer rested on the run's parse problems (a file the
 * generator would edit is malformed, and its parse error is reported
 * instead): not a function of the files alone, so never remembered as clean.
 */
interface RunDependence {
  onProblems: boolean;
}

/** A problem that stops the check, located where it can be. */
interface LocatedError extends Error {
  line?: number;
  column?: number;
}

async function analyseRoot(h: Heavy, files: CheckFiles, root: string, run: RunDependence): Promise<DriftReport[]> {
  const out: DriftReport[] = [];
  const push = (rule: DriftRuleId, report: Report) => out.push({ rule, report });
  const rel = (p: string) => toPosix(relative(root, p)) || '.';

  const declarations = await h.findDeclarations(root);
  // The declarations as generate last read them, while none of them changed
  // (generator/snapshot.ts): no TypeScript compiler needed. Else read them.
  let models = h.loadSnapshot(root, declarations);
  if (!models) {
    const read = await h.readDeclarations(declarations);
    if (!read.ok) {
      for (const d of read.diagnostics) push(INVALID_RULE, invalidReport(d));
      return out;
    }
    models = read.models;
  }

  let plan: GenerationResult;
  try {
    plan = h.planGeneration({ host: h.detectHost(root), models, targets: h.targets, pruneMissingServices: true });
  } catch (e) {
    const err = e as LocatedError;
    if (err instanceof h.StateError) {
      push(STALE_RULE, { message: `${err.message} — bg-doctor cannot compare the project with its declarations`, file: join(root, h.STATE_FILE), line: 0 });
      return out;
    }
    // A malformed file the generator would edit (a parse error), or a value it cannot write.
    // Editors name the file as the planner passed it (project-relative).
    const at = /^(.+?):(\d+):(\d+): /.exec(err.message);
    const located = at ? resolve(root, at[1]!) : undefined;
    if (located && files.problems.some((p) => p.file === located)) {
      run.onProblems = true;
      return out; // already a parse-error finding
    }
    const file = located ?? models[0]!.sourceFile;
    push(DRIFT_RULE, {
      message: `bg-service generate would stop here, so the project cannot be compared with its declarations: ${at ? err.message.slice(at[0].length) : err.message}`,
      file,
      line: at ? Number(at[2]) : 0,
      ...(at ? { column: Number(at[3]) } : {}),
      severity: 'warning',
    });
    return out;
  }

  const byService = new Map(models.map((m) => [m.names.kebab, m]));
  const declared = (service: string) => byService.get(service);
  const anchor = (service?: string): Pick<Report, 'file' | 'line' | 'column'> => {
    const m = service ? declared(service) : models[0];
    return m ? { file: m.loc.file, line: m.loc.line, column: m.loc.column } : { file: join(root, h.STATE_FILE), line: 0 };
  };

  for (const e of plan.errors) {
    push(INVALID_RULE, { message: `${e.message}${e.hint ? ` (${e.hint})` : ''}`, file: e.loc.file, line: e.loc.line, column: e.loc.column || undefined });
  }

  for (const c of plan.conflicts) {
    const file = join(root, c.path);
    if (/^generated by both/.test(c.reason)) {
      push(STALE_RULE, { message: `${c.path} is ${c.reason}: give the services different names or folders`, ...anchor() });
      continue;
    }
    const edited = /edited by hand/.test(c.reason);
    push(STALE_RULE, {
      message: edited
        ? `${c.path} was ${c.reason}: \`bg-service generate\` refuses to overwrite it — move the change into your implementation file or the declaration, then run \`bg-service generate --force\``
        : `${c.path} ${c.reason}, where bg-service generates a file: \`bg-service generate\` refuses to overwrite it — move it away, or run \`bg-service generate --force\``,
      file,
      ...locateHeader(files.read(file)),
      severity: 'warning',
    });
  }

  const missingGlue = new Map<string, string[]>();
  for (const ch of plan.changes) {
    const file = join(root, ch.path);
    switch (ch.role) {
      case 'glue': {
        if (ch.kind === 'create') {
          const owner = serviceOfPath(ch.path, models, root) ?? '';
          let l = missingGlue.get(owner);
          if (!l) missingGlue.set(owner, (l = []));
          l.push(ch.path);
        } else if (ch.kind === 'update') {
          push(STALE_RULE, {
            message: `${ch.path} is out of date with its declaration (it is not what \`bg-service generate\` writes now): run \`bg-service generate\``,
            file,
            ...locateHeader(ch.before),
          });
        } else {
          push(STALE_RULE, {
            message: `${ch.path} is no longer generated (its service or option was removed from the declarations): \`bg-service generate\` deletes it`,
            file,
            ...locateHeader(ch.before),
            severity: 'warning',
          });
        }
        break;
      }
      case 'implementation':
        push(STALE_RULE, {
          message: `your implementation file ${ch.path} is missing: \`bg-service generate\` creates a fresh one (it is created once and never overwritten)`,
          ...anchor(serviceOfPath(ch.path, models, root)),
          severity: 'warning',
        });
        break;
      case 'state':
        // Only worth a finding when nothing else changes: then the state file alone is behind.
        if (plan.changes.length === 1) {
          push(STALE_RULE, {
            message:
              ch.kind === 'create'
                ? `${ch.path} is missing: bg-service records there which files and entries it owns; run \`bg-service generate\` and commit it`
                : `${ch.path} does not match the declarations: run \`bg-service generate\` and commit it`,
            ...(ch.kind === 'create' ? anchor() : { file, line: 0 }),
            severity: 'warning',
          });
        }
        break;
      case 'user-owned':
        for (const r of userFileReports(h, ch, file, rel(file), declared)) push(DRIFT_RULE, r);
        break;
    }
  }
  for (const [service, paths] of missingGlue) {
    const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? `, … (${paths.length} files)` : '');
    push(STALE_RULE, {
      message: `${paths.length === 1 ? 'a generated file is' : `${paths.length} generated files are`} missing${service ? ` for service "${service}"` : ''} (${shown}): run \`bg-service generate\``,
      ...anchor(service || undefined),
    });
  }
  return out;
}

/** The service whose module folder holds `path` (the longest module folder that contains it). */
function serviceOfPath(path: string, models: ServiceModel[], root: string): string | undefined {
  let best: { name: string; len: number } | undefined;
  for (const m of models) {
    const dir = toPosix(relative(root, dirname(m.sourceFile)));
    if (dir === '' || path.startsWith(`${dir}/`)) {
      if (!best || dir.length > best.len) best = { name: m.names.kebab, len: dir.length };
    }
  }
  return best?.name;
}

function invalidReport(d: DeclarationDiagnostic): Report {
  return {
    message: `${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`,
    file: d.loc.file,
    line: d.loc.line,
    column: d.loc.column,
    ...(d.length ? { endLine: d.loc.line, endColumn: d.loc.column + d.length } : {}),
  };
}

/**
 * One finding per contribution the planner adds to or removes from a file
 * the user owns, located at the element or key it concerns, with a fix that
 * applies that contribution's edit. When the contributions' edits, each
 * computed alone on the file as it is, do not add up to the planner's
 * result (two of them open the same missing key, say), every finding of the
 * file carries the planner's whole edit instead (identical edits are applied
 * once), so `--fix` always writes exactly what `generate` would.
 */
function userFileReports(h: Heavy, ch: FileChange, file: string, relPath: string, declared: (s: string) => ServiceModel | undefined): Report[] {
  const before = ch.before;
  const after = ch.after;
  if (before === undefined || after === undefined) return [];
  const ops = ch.contributions ?? [];
  let fixes: Array<Fix | undefined> | undefined;
  const fixFor = (i: number): Fix | undefined => {
    fixes ??= computeFixes(h, ops, before, after, file);
    return fixes[i];
  };
  if (ops.length === 0) {
    return [{ message: `${relPath} differs from what \`bg-service generate\` writes: run it`, file, line: 0, fix: () => fixFor(0) }];
  }
  return ops.map((op, i) => {
    const loc = locateContribution(op, before) ?? editStart(h, op, before, file);
    const decl = declared(op.service);
    const declName = decl ? basename(decl.sourceFile) : `service "${op.service}"`;
    const message =
      op.action === 'add'
        ? `${declName} needs ${op.description} in ${relPath}, which the file lacks (removed by hand, or \`bg-service generate\` not run since the declaration changed)`
        : `${relPath} still has ${op.description}, which bg-service added for "${op.service}" but ${decl ? `${declName} no longer needs` : 'no declaration needs any more'}: \`bg-service generate\` removes it`;
    const severity: Severity = op.action === 'add' ? 'error' : 'warning';
    return { message, file, ...loc, severity, fix: () => fixFor(i) };
  });
}

/** Where the contribution's own edit starts (kinds without a known element: source lines, …). */
function editStart(h: Heavy, op: ContributionChange, before: string, file: string): { line: number; column: number } {
  try {
    const kind = h.contributionKind(op.kind);
    const one = op.action === 'add' ? kind.ensure(before, op.data, file) : kind.remove(before, op.data, file);
    const span = h.changedSpan(before, one)[0];
    if (span) return positionOf(before, span.start);
  } catch {
    // fall through
  }
  return { line: 1, column: 1 };
}

function computeFixes(h: Heavy, ops: ContributionChange[], before: string, after: string, file: string): Array<Fix | undefined> {
  const whole = (): Fix => ({ file, edits: h.changedSpan(before, after), description: 'apply what `bg-service generate` would change in this file' });
  if (ops.length === 0) return [whole()];
  const each: TextEdit[][] = [];
  try {
    for (const op of ops) {
      const kind = h.contributionKind(op.kind);
      const one = op.action === 'add' ? kind.ensure(before, op.data, file) : kind.remove(before, op.data, file);
      each.push(h.changedSpan(before, one));
    }
    if (each.every((e) => e.length === 1) && h.applyEdits(before, each.flat()) === after) {
      return ops.map((op, i) => ({ file, edits: each[i]!, description: `${op.action === 'add' ? 'add' : 'remove'} ${op.description}` }));
    }
  } catch {
    // Overlapping edits, or an editor refusing the file alone: fall back to the planner's whole edit.
  }
  const w = whole();
  return ops.map(() => w);
}
