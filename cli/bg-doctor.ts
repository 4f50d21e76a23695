#!/usr/bin/env node
/**
 * `bg-doctor`: audit app projects for background-execution mistakes.
 * Only node:util/node:fs load at start-up; the validator loads on demand, so
 * `--help` and `--version` start about as fast as Node itself.
 */
import { Exit, packageVersion, parse, runMain, UsageError, UserFacingError } from './common.js';
import type { Formatter } from '../validators/formatters/types.js';

/** Only the chosen formatter is loaded (each is its own module). */
const FORMATTER_LOADERS: Record<string, () => Promise<Formatter>> = {
  stylish: () => import('../validators/formatters/stylish.js').then((m) => m.stylish),
  json: () => import('../validators/formatters/json.js').then((m) => m.json),
  sarif: () => import('../validators/formatters/sarif.js').then((m) => m.sarif),
  junit: () => import('../validators/formatters/junit.js').then((m) => m.junit),
  github: () => import('../validators/formatters/github.js').then((m) => m.github),
};
const FORMATS = Object.keys(FORMATTER_LOADERS);

const USAGE = `Usage: bg-doctor <command> [options]

Commands:
  validate [dir]     Audit the apps under dir (default: the current folder)
  rules              List every rule: id, severity, platform, since, fixable
  explain <rule-id>  Print a rule's documentation

Run \`bg-doctor <command> --help\` for a command's options.

Global options:
  -h, --help         Show this help
  -v, --version      Show the version

Exit codes: 0 clean or warnings only · 1 an error-level finding (or more warnings
than --max-warnings) · 2 bad usage, bad configuration or an internal error.
`;

const VALIDATE_USAGE = `Usage: bg-doctor validate [dir] [options]

Audits every app under dir (Tauri, Capacitor, React Native/Expo, Flutter, native
Android/iOS, desktop units; a monorepo's apps are reported one by one).

Options:
  -f, --format <name>     Output format: ${FORMATS.join(', ')} (default: stylish)
      --fix               Apply the fixes (byte-preserving edits), then report what is left
      --fix-dry-run       Print the fixes as a unified diff; write nothing
      --max-warnings <n>  Exit 1 when there are more than n warnings
  -c, --config <file>     Configuration file (default: dir/bg-doctor.config.json,
                          or the "bgDoctor" key of dir/package.json)
      --target-sdk <n>    targetSdk to assume where the build files do not say
  -j, --jobs <n|auto>     Threads that audit the apps (default: auto = one per core,
                          up to 4, for trees of 20,000 files or more; else 1).
                          Also BG_DOCTOR_JOBS. The report is the same either way.
  -q, --quiet             Report errors only
  -h, --help              Show this help

Configuration: { "rules": { "<rule-id>": "off" | "info" | "warn" | "error" },
                 "ignore": ["<glob>", …], "targetSdk": <n> }
Inline: <!-- bg-doctor-disable-next-line <rule-id> — <reason> -->

Environment: BG_SERVICE_CACHE (the cache folder, default ~/.cache/bg-service) ·
BG_DOCTOR_NO_CACHE=1 (check drift with the generator every time) ·
BG_DOCTOR_DEBUG=drift (print how each drift check was answered) · NO_COLOR
`;

const RULES_USAGE = `Usage: bg-doctor rules [--format stylish|json] [--platform <name>]

Lists every rule with its id, default severity, platform, the targetSdk or OS
version it applies from, and whether --fix can fix it.
`;

const EXPLAIN_USAGE = `Usage: bg-doctor explain <rule-id>

Prints what the rule checks, why it matters, how to fix it and the exact
runtime error text users see.
`;

const args = process.argv.slice(2);

function positiveInt(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UsageError(`${name} expects a non-negative integer, got "${String(v)}"`);
  return Number(v);
}

/** --jobs, else BG_DOCTOR_JOBS: a count ≥ 1, or `auto` (undefined: runValidation decides). */
function jobsOption(flag: string | undefined): number | undefined {
  const [source, v] = flag !== undefined ? ['--jobs', flag] : ['BG_DOCTOR_JOBS', process.env.BG_DOCTOR_JOBS];
  if (v === undefined || v === '' || v === 'auto') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${source} expects a number of threads (1 or more) or "auto", got "${v}"`);
  return Number(v);
}

async function validate(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, {
    format: { type: 'string', short: 'f' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    'max-warnings': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'target-sdk': { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(VALIDATE_USAGE);
    return Exit.ok;
  }
  if (positionals.length > 1) throw new UsageError(`validate takes one folder, got ${positionals.length}`);
  const format = (values.format as string | undefined) ?? 'stylish';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"; use one of ${FORMATS.join(', ')}`);
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  const targetSdk = positiveInt('--target-sdk', values['target-sdk']);
  const jobs = jobsOption(values.jobs as string | undefined);

  const { resolve } = await import('node:path');
  const { statSync } = await import('node:fs');
  const dir = resolve(positionals[0] ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UserFacingError(`${positionals[0] ?? '.'} is not a folder`, Exit.usage);

  const [{ runValidation, exitCodeFor }, { loadConfig, ConfigError }, { RULES }, { CORE_RULES }, formatter, { coloursFor }] = await Promise.all([
    import('../validators/run.js'),
    import('../validators/config.js'),
    import('../validators/rules/index.js'),
    import('../validators/core-rules.js'),
    FORMATTER_LOADERS[format]!(),
    import('../lib/colour.js'),
  ]);
  const ids = [...RULES.map((r) => r.meta.id), ...CORE_RULES.map((m) => m.id)];
  let config;
  try {
    config = loadConfig(dir, values.config as string | undefined, ids);
  } catch (e) {
    if (e instanceof ConfigError) throw new UserFacingError(`configuration error: ${e.message}`, Exit.usage);
    throw e;
  }
  const settings = targetSdk !== undefined ? { assumeTargetSdk: targetSdk } : {};
  let result = await runValidation({ root: dir, config, settings, jobs });

  if (values.fix || values['fix-dry-run']) {
    const { planFixes, unifiedDiff, writePlans } = await import('../validators/fix.js');
    if (values['fix-dry-run']) {
      const plans = planFixes(result.findings);
      process.stdout.write(plans.length ? unifiedDiff(plans, process.cwd()) : 'bg-doctor: nothing to fix\n');
      return exitCodeFor(result, maxWarnings);
    }
    // Apply, re-validate, repeat while fixes apply (overlapping edits wait for the next pass).
    let fixed = 0;
    for (let pass = 0; pass < 5; pass++) {
      const plans = planFixes(result.findings);
      if (!plans.length) break;
      writePlans(plans);
      fixed += plans.reduce((n, p) => n + p.fixed.length, 0);
      result = await runValidation({ root: dir, config, settings, jobs });
    }
    if (fixed) process.stderr.write(`bg-doctor: fixed ${fixed} problem${fixed === 1 ? '' : 's'}\n`);
  }

  const shown = values.quiet
    ? {
        ...result,
        findings: result.findings.filter((f) => f.severity === 'error'),
        apps: result.apps.map((a) => ({ ...a, findings: a.findings.filter((f) => f.severity === 'error') })),
        warningCount: 0,
        infoCount: 0,
      }
    : result;
  const out = formatter(shown, { cwd: process.cwd(), version: packageVersion(), colour: format === 'stylish' ? coloursFor(process.stdout) : undefined });
  process.stdout.write(out);
  if (result.internalErrors) process.stderr.write(`bg-doctor: ${result.internalErrors} rule(s) crashed; the audit is incomplete (exit 2)\n`);
  return exitCodeFor(result, maxWarnings);
}

async function rules(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, { format: { type: 'string', short: 'f' }, platform: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    process.stdout.write(RULES_USAGE);
    return Exit.ok;
  }
  if (positionals.length) throw new UsageError('rules takes no arguments');
  const format = (values.format as string | undefined) ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`rules supports --format stylish or json, not "${format}"`);
  const [{ RULES }, { CORE_RULES }] = await Promise.all([import('../validators/rules/index.js'), import('../validators/core-rules.js')]);
  let metas = [...RULES.map((r) => r.meta), ...CORE_RULES];
  if (values.platform) metas = metas.filter((m) => m.platform === values.platform);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(metas.map((m) => ({ id: m.id, severity: m.severity, platform: m.platform, since: m.docs.since ?? null, fixable: !!m.fixable, title: m.docs.title })), null, 2) + '\n');
    return Exit.ok;
  }
  const w = Math.max(...metas.map((m) => m.id.length));
  const rows = metas.map((m) => `${m.id.padEnd(w)}  ${m.severity.padEnd(7)}  ${m.platform.padEnd(9)}  ${(m.docs.since ?? '—').slice(0, 34).padEnd(34)}  ${m.fixable ? 'fixable' : ''}`.trimEnd());
  process.stdout.write(`${'id'.padEnd(w)}  severity  platform   since                               fixable\n${rows.join('\n')}\n${metas.length} rules\n`);
  return Exit.ok;
}

async function explain(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(EXPLAIN_USAGE);
    return Exit.ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one rule id');
  const [{ RULES }, { CORE_RULES }, { explainText }, { didYouMean }] = await Promise.all([
    import('../validators/rules/index.js'),
    import('../validators/core-rules.js'),
    import('../validators/docs.js'),
    import('../validators/config.js'),
  ]);
  const metas = [...RULES.map((r) => r.meta), ...CORE_RULES];
  const id = positionals[0]!;
  const m = metas.find((x) => x.id === id);
  if (!m) {
    const hint = didYouMean(id, metas.map((x) => x.id));
    throw new UserFacingError(`unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; \`bg-doctor rules\` lists them`, Exit.usage);
  }
  process.stdout.write(explainText(m));
  return Exit.ok;
}

const SUB_USAGE: Record<string, string> = { validate: VALIDATE_USAGE, rules: RULES_USAGE, explain: EXPLAIN_USAGE };

await runMain('bg-doctor', SUB_USAGE[args[0] ?? ''] ?? USAGE, async () => {
  if (args.length === 0) throw new UsageError('missing command');
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return Exit.ok;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return Exit.ok;
  }
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'rules':
      return rules(rest);
    case 'explain':
      return explain(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
});
