/**
 * The runner: walk the audited folder once, detect the apps, run every
 * enabled rule on each app with crash isolation, then turn parse problems
 * into `parse-error` findings, apply configured severities and inline
 * suppressions, and sort the findings per app and file.
 */
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import type { Finding, Fix, Report, Rule, RuleMeta, RunSettings, Severity } from './rule.js';
import type { AppProject, FileProblem } from './project/types.js';
import { createProjectFiles, toPosix, walk, type ProjectFilesImpl } from './project/files.js';
import { detectApps } from './project/detect.js';
import { RULES } from './rules/index.js';
import { CORE_RULES, INTERNAL_ERROR, INVALID_SUPPRESSION, PARSE_ERROR, UNUSED_SUPPRESSION } from './core-rules.js';
import { findDirectives, type Directive } from './suppress.js';
import { matcher } from './glob.js';
import type { BgDoctorConfig } from './config.js';

export interface RunOptions {
  /** The folder to audit. */
  root: string;
  config?: BgDoctorConfig;
  settings?: RunSettings;
  /** Rules to run (default: the registry). */
  rules?: readonly Rule[];
  /** Threads that audit the apps (1 = this thread only); default: see chooseJobs. */
  jobs?: number;
}

export interface AppResult {
  name: string;
  root: string;
  kinds: string[];
  findings: Finding[];
  /** targetSdk the Android rules used, and where it came from. */
  targetSdk?: { value?: number; source?: string; assumed?: boolean; unresolved?: string };
}

export interface RunResult {
  root: string;
  apps: AppResult[];
  /** Every finding, grouped by app then file, in reporting order. */
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Crashed rules (exit code 2). */
  internalErrors: number;
  fixableCount: number;
  filesRead: number;
  durationMs: number;
  /** Metadata of every rule that can appear in the findings (for formatters). */
  rulesMeta: Map<string, RuleMeta>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function allRuleMeta(rules: readonly Rule[] = RULES): Map<string, RuleMeta> {
  const m = new Map<string, RuleMeta>();
  for (const r of rules) m.set(r.meta.id, r.meta);
  for (const c of CORE_RULES) m.set(c.id, c);
  return m;
}

function isReportableFile(file: string): boolean {
  return !file.startsWith('known:');
}

export async function runValidation(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const root = resolve(options.root);
  const config = options.config ?? { rules: {}, ignore: [] };
  const rules = options.rules ?? RULES;
  const settings: RunSettings = { ...options.settings };
  if (settings.assumeTargetSdk === undefined && config.targetSdk !== undefined) settings.assumeTargetSdk = config.targetSdk;
  const ignored = config.ignore.length ? matcher(config.ignore) : undefined;

  const paths = walk(root, { ignore: ignored ? (rel) => ignored(rel) : undefined });
  const rulesMeta = allRuleMeta(rules);
  // Worker threads only run the registry's rules (a custom rule list cannot cross threads).
  const jobs = options.rules ? 1 : chooseJobs(options.jobs, paths.length);
  const collected =
    jobs > 1
      ? await (await import('./parallel.js')).collectInWorkers({ root, paths, config, settings }, jobs)
      : await collectFindings({ root, paths, config, settings, rules });
  return finish(root, config, ignored, rulesMeta, collected, started);
}

/**
 * Below this many files worker threads cost more than they save: each worker
 * detects every app again (the price of reports identical to one thread's),
 * so on 2 cores a 100-app tree (4,000 files) ran slower on two threads (0.95
 * → 1.44 s) and a 1,000-app tree (40,000 files) only a little faster
 * (6.28 → 5.71 s; BENCHMARKS.md).
 */
export const PARALLEL_MIN_FILES = 20_000;

/**
 * How many threads audit the apps: `jobs` when given (1 = this thread only),
 * else, for trees of PARALLEL_MIN_FILES files or more, one per core (at most 4).
 */
export function chooseJobs(jobs: number | undefined, fileCount: number): number {
  if (jobs !== undefined) return Math.max(1, Math.floor(jobs));
  // On 2 cores, two workers for the 1,000-app tree: a first run (the generator
  // planning 500 roots) 16.4 → 10.3 s; a cached run about even (6.3 s either
  // way, at 40% more CPU and 50% more memory).
  return fileCount >= PARALLEL_MIN_FILES ? Math.min(availableParallelism(), 4) : 1;
}

/** What the apps' rules found, before severities, suppressions and sorting (plain data: it crosses threads). */
export interface Collected {
  apps: AppSummary[];
  findings: Finding[];
  problems: FileProblem[];
  directives: Directive[];
  internalErrors: number;
  /** Every file read. */
  read: string[];
  /** Groups of checks the apps took on (RuleContext.claim), in app order. */
  claims: Array<{ group: string; app: string }>;
}

/** An app as reported: everything but its findings. */
export type AppSummary = Omit<AppResult, 'findings'>;

export interface CollectRequest {
  root: string;
  paths: string[];
  config: BgDoctorConfig;
  settings: RunSettings;
  rules?: readonly Rule[];
  /**
   * Load and audit only the apps of share `index` of `count` (a worker's part
   * of a monorepo): the units of detection (an app root, a native Android or
   * iOS group) whose folder's shareOf is `index`. Each app is the same
   * AppProject as on one thread (detect.ts), and the shares' apps together
   * are all the apps.
   */
  share?: { index: number; count: number };
}

/** Detect the apps under `root` (from the walk's `paths`) and run every enabled rule on them, each crash isolated. */
export async function collectFindings(req: CollectRequest): Promise<Collected> {
  const { root, config, settings, share } = req;
  const rules = req.rules ?? RULES;
  const files: ProjectFilesImpl = createProjectFiles(root, req.paths);
  const lead = !share || share.index === 0;

  let apps: AppProject[] = [];
  const findings: Finding[] = [];
  let internalErrors = 0;
  try {
    // A worker loads and audits only the apps of its share of the units (detect.ts).
    apps = detectApps(files, settings, share && { owns: (unitDir) => shareOf(toPosix(relative(root, unitDir)) || '.', share.count) === share.index });
  } catch (e) {
    // Every share detects: one reports the crash.
    if (lead) {
      internalErrors++;
      findings.push(internalFinding('project detection', e, root, '.'));
    }
  }

  const enabled = rules.filter((r) => config.rules[r.meta.id] !== 'off');
  const claims: Collected['claims'] = [];
  for (const app of apps) {
    for (const rule of enabled) {
      const reports: Report[] = [];
      const ctx = { project: app, settings, report: (r: Report) => void reports.push(r), claim: (group: string) => void claims.push({ group, app: app.name }) };
      try {
        // Most rules are synchronous: awaiting only real promises saves a
        // microtask turn per rule and app (60 rules × 1,000 apps in a monorepo).
        const pending = rule.check(ctx) as unknown;
        if (pending instanceof Promise) await pending;
      } catch (e) {
        internalErrors++;
        findings.push(internalFinding(`rule ${rule.meta.id}`, e, app.root, app.name));
        continue;
      }
      for (const r of reports) {
        if (!isReportableFile(r.file)) continue;
        findings.push(withFix({
          ruleId: rule.meta.id,
          severity: capSeverity(r.severity ?? rule.meta.severity, rule.meta.severity),
          message: r.message,
          file: r.file,
          line: r.line,
          column: r.column ?? (r.line > 0 ? 1 : 0),
          endLine: r.endLine,
          endColumn: r.endColumn,
          app: app.name,
          ...(r.group !== undefined ? { group: r.group } : {}),
        }, r.fix));
      }
    }
  }

  // Inline suppressions, in every file that was read (applied once all shares are in).
  const directives: Directive[] = [];
  const read: string[] = [];
  for (const [file, text] of files.texts()) {
    if (text === undefined) continue;
    read.push(file);
    if (text.includes('bg-doctor-disable-next-line')) directives.push(...findDirectives(file, text));
  }

  return {
    apps: apps.map((a) => summarise(a, root)),
    findings,
    problems: [...files.problems],
    directives,
    internalErrors,
    read,
    claims,
  };
}

/**
 * Which share loads and audits a unit of detection: a hash of its folder's
 * name, so apps of one kind that recur in a pattern (a Tauri app, a Capacitor
 * app, a native one, …) still spread evenly, and an app stays with its share
 * as others come and go.
 */
export function shareOf(name: string, count: number): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  // FNV's low bits only mix the characters' low bits (mod 2 it is their parity):
  // a finaliser (MurmurHash3's) spreads every bit, so `% count` is even.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % count;
}

function summarise(a: AppProject, root: string): AppSummary {
  return {
    name: a.name,
    root: a.root,
    kinds: [...a.kinds],
    targetSdk: a.android
      ? {
          value: a.android.sdk.targetSdk.value,
          source: a.android.sdk.targetSdk.loc ? `${toPosix(relative(root, a.android.sdk.targetSdk.loc.file))}:${a.android.sdk.targetSdk.loc.line}` : undefined,
          assumed: a.android.sdk.targetSdk.assumed,
          unresolved: a.android.sdk.targetSdk.unresolved,
        }
      : undefined,
  };
}

/** Parse problems, configured severities, ignored paths, suppressions, deduplication and order. */
function finish(
  root: string,
  config: BgDoctorConfig,
  ignored: ((rel: string) => boolean) | undefined,
  rulesMeta: Map<string, RuleMeta>,
  collected: Collected,
  started: number,
): RunResult {
  const { apps } = collected;
  const internalErrors = collected.internalErrors;

  // A group's findings (Report.group) stay with the first app, in app order, that claimed it.
  const appOrder = new Map(apps.map((a, i) => [a.name, i]));
  const groupApp = new Map<string, string>();
  for (const c of collected.claims) {
    const held = groupApp.get(c.group);
    if (held === undefined || (appOrder.get(c.app) ?? -1) < (appOrder.get(held) ?? -1)) groupApp.set(c.group, c.app);
  }
  const findings = collected.findings.filter((f) => {
    if (f.group === undefined) return true;
    const keep = f.app === (groupApp.get(f.group) ?? f.app);
    delete f.group;
    return keep;
  });

  // Malformed files, once each, attributed to the deepest app containing them.
  if (config.rules[PARSE_ERROR.id] !== 'off') {
    for (const p of collected.problems) {
      findings.push({
        ruleId: PARSE_ERROR.id,
        severity: 'error',
        message: `cannot parse ${toPosix(relative(root, p.file)) || p.file}: ${p.message}`,
        file: p.file,
        line: p.line,
        column: p.column,
        app: owningApp(apps, p.file)?.name ?? '.',
      });
    }
  }

  // Configured severities.
  for (const f of findings) {
    const c = config.rules[f.ruleId];
    if (c && c !== 'off') f.severity = c;
  }

  // Ignored paths (findings in files outside the walk, e.g. plugin manifests in node_modules).
  let kept = ignored ? findings.filter((f) => !ignored(toPosix(relative(root, f.file)))) : findings;

  // Inline suppressions, in every file that was read.
  const directives = collected.directives;
  if (directives.length) {
    const knownIds = new Set(rulesMeta.keys());
    const byKey = new Map<string, Directive[]>();
    for (const d of directives) {
      const k = `${d.file}\0${d.targetLine}`;
      let l = byKey.get(k);
      if (!l) byKey.set(k, (l = []));
      l.push(d);
    }
    kept = kept.filter((f) => {
      const ds = byKey.get(`${f.file}\0${f.line}`);
      const d = ds?.find((x) => x.ruleIds.includes(f.ruleId));
      if (!d) return true;
      d.used = true;
      return false;
    });
    for (const d of directives) {
      const app = owningApp(apps, d.file)?.name ?? '.';
      const unknown = d.ruleIds.filter((id) => !knownIds.has(id));
      const problems: string[] = [];
      if (d.ruleIds.length === 0) problems.push('names no rule id');
      if (unknown.length) problems.push(`names unknown rule ${unknown.map((u) => `"${u}"`).join(', ')}`);
      if (!d.reason) problems.push('gives no reason (write one after "—" or ":")');
      if (problems.length && config.rules[INVALID_SUPPRESSION.id] !== 'off') {
        kept.push({
          ruleId: INVALID_SUPPRESSION.id,
          severity: (config.rules[INVALID_SUPPRESSION.id] as Severity | undefined) ?? INVALID_SUPPRESSION.severity,
          message: `bg-doctor-disable-next-line ${problems.join('; ')}`,
          file: d.file,
          line: d.line,
          column: d.column,
          app,
        });
      } else if (!d.used && config.rules[UNUSED_SUPPRESSION.id] !== 'off') {
        kept.push({
          ruleId: UNUSED_SUPPRESSION.id,
          severity: (config.rules[UNUSED_SUPPRESSION.id] as Severity | undefined) ?? UNUSED_SUPPRESSION.severity,
          message: `bg-doctor-disable-next-line ${d.ruleIds.join(', ')} suppresses nothing on line ${d.targetLine}`,
          file: d.file,
          line: d.line,
          column: d.column,
          app,
        });
      }
    }
  }

  // Deduplicate (the same library element reached from two apps is reported once per app).
  const seen = new Set<string>();
  kept = kept.filter((f) => {
    const k = `${f.app}\0${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  kept.sort(
    (a, b) =>
      (appOrder.get(a.app ?? '.') ?? -1) - (appOrder.get(b.app ?? '.') ?? -1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );

  const appResults: AppResult[] = apps.map((a) => ({ ...a, findings: kept.filter((f) => f.app === a.name) }));
  const orphans = kept.filter((f) => !apps.some((a) => a.name === f.app));
  if (orphans.length) appResults.unshift({ name: '.', root, kinds: [], findings: orphans });

  return {
    root,
    apps: appResults,
    findings: kept,
    errorCount: kept.filter((f) => f.severity === 'error').length,
    warningCount: kept.filter((f) => f.severity === 'warning').length,
    infoCount: kept.filter((f) => f.severity === 'info').length,
    internalErrors,
    get fixableCount() {
      return kept.filter((f) => f.fix).length;
    },
    filesRead: collected.read.length,
    durationMs: performance.now() - started,
    rulesMeta,
  };
}

/** Attach a fix to a finding; a lazy fix is computed on first read (an editor that throws means no fix). */
function withFix(f: Finding, fix: Report['fix']): Finding {
  if (typeof fix !== 'function') {
    if (fix) f.fix = fix;
    return f;
  }
  let done = false;
  let value: Fix | undefined;
  Object.defineProperty(f, 'fix', {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        done = true;
        try {
          value = fix();
        } catch {
          value = undefined;
        }
      }
      return value;
    },
  });
  return f;
}

/** A report may lower a rule's severity, never raise it. */
function capSeverity(s: Severity, max: Severity): Severity {
  return SEVERITY_ORDER[s] < SEVERITY_ORDER[max] ? max : s;
}

function owningApp(apps: readonly AppSummary[], file: string): AppSummary | undefined {
  return apps
    .filter((a) => file === a.root || file.startsWith(a.root.endsWith(sep) ? a.root : a.root + sep))
    .sort((a, b) => b.root.length - a.root.length)[0];
}

function internalFinding(what: string, e: unknown, file: string, app: string): Finding {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = (err.stack ?? '').split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return {
    ruleId: INTERNAL_ERROR.id,
    severity: 'error',
    message: `${what} crashed: ${err.message}${frame ? ` (${frame})` : ''}`,
    file,
    line: 0,
    column: 0,
    app,
  };
}

/** Exit code for a result: 2 internal error, 1 errors or too many warnings, else 0. */
export function exitCodeFor(result: RunResult, maxWarnings?: number): 0 | 1 | 2 {
  if (result.internalErrors > 0) return 2;
  if (result.errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && result.warningCount > maxWarnings) return 1;
  return 0;
}
