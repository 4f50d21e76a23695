#!/usr/bin/env node
// `npm run bench`: time the three executables as whole processes, side by side
// with what they are measured against, in one run, and write the results into
// BENCHMARKS.md (between the bench:results markers; the rest of the file, the
// history of fixes, is kept).
//
//   1. `bg-service generate` cold (a fresh standalone module per run) against
//      nitrogen 0.37 on a Nitro spec of the same size;
//   2. a no-op regeneration, with proof that it wrote nothing (inode, size,
//      mtime and ctime of every file and folder before and after each run);
//   3. `bg-doctor validate` on a typical Tauri app and a typical Capacitor app
//      (made by the real create-bg-service; one also with its declaration
//      edited since) and on monorepos of 10, 100 and 1,000 apps (with the
//      default number of threads, and also on one thread), against the floor of only parsing the XML and plists the
//      same run parses, plus the shared corpus when it is there;
//   4. `--version` and `--help` of each executable against `node -e 0`.
//
// Options: --quick (fewer runs, no 1,000-app monorepo, BENCHMARKS.md left
// alone unless --out is given) · --runs <k> (multiply the run counts) ·
// --no-build (measure dist/ as it is) · --out <file> · --keep (keep the temp
// folder) · --only generate,validate,startup.
//
// The build is measured from a private copy (dist/, templates/, examples/,
// package.json; node_modules linked) taken at the start, so a rebuild or a
// template edited while the bench runs cannot change what it measures.
//
// nitrogen is installed into <cache>/bench/nitrogen (~/.cache/bg-service, or
// $BG_SERVICE_CACHE), not into this package: it needs --legacy-peer-deps
// (react-native-nitro-modules peers on react-native), and a lock file written
// that way makes a plain `npm ci` of the package fail (BENCHMARKS.md says more).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, release, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureGnuTime, measure, median, runOnce, useGnuTime } from '../bench/measure.mjs';
import { monorepo, nitroProject, readTree, standaloneProject, typicalHostApp } from '../bench/fixtures.mjs';
import { compare, snapshot } from '../bench/snapshot.mjs';
import { touchedFiles } from '../bench/touched.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean' },
    out: { type: 'string' },
    keep: { type: 'boolean' },
    only: { type: 'string' },
  },
});
const scale = Number(opt.runs ?? 1);
const runs = (n) => Math.max(1, Math.round((opt.quick ? Math.ceil(n / 2) : n) * scale));
const only = opt.only ? new Set(opt.only.split(',')) : undefined;
const wants = (s) => !only || only.has(s);
const log = (...a) => console.error(...a);

const NITROGEN_VERSION = '0.37.1';
const node = process.execPath;

// ------------------------------------------------------------------ set-up

if (!opt['no-build']) {
  // The whole build, as `npm run build` does it (scripts/build.mjs).
  log('bench: building (tsc, reader files, bundle)…');
  if (spawnSync(node, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) {
    log('bench: the build failed (see above); --no-build measures dist/ as it is.');
    process.exit(1);
  }
}
const memory = ensureGnuTime(log);
useGnuTime(memory);

const cacheBase =
  process.env.BG_SERVICE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'), 'bg-service');

/** nitrogen 0.37 in <cache>/bench/nitrogen (installed once; `--legacy-peer-deps` only there). */
function ensureNitrogen() {
  const dir = join(cacheBase, 'bench', 'nitrogen');
  const pkg = join(dir, 'node_modules', 'nitrogen', 'package.json');
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === NITROGEN_VERSION) return dir;
  log(`bench: installing nitrogen ${NITROGEN_VERSION} into ${dir} (once)…`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'bg-service-bench-nitrogen', private: true }, null, 2) + '\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', `nitrogen@${NITROGEN_VERSION}`], { cwd: tmp, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench: npm install nitrogen@${NITROGEN_VERSION} failed`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  renameSync(tmp, dir);
  return dir;
}

function git(...args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpu: cpus()[0]?.model?.trim() ?? 'unknown',
  cores: cpus().length,
  memGiB: (totalmem() / 2 ** 30).toFixed(0),
  os: `${platform()} ${release()}`,
  node: process.version,
  loadStart: loadavg().map((x) => x.toFixed(2)).join(' '),
  commit: `${git('rev-parse', '--short', 'HEAD') ?? '?'}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`,
  memory,
};

const work = mkdtempSync(join(tmpdir(), 'bg-bench-'));
if (!opt.keep) process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The package as built now, copied so that concurrent rebuilds or template edits do not leak into the run.
const pkg = join(work, 'package');
for (const part of ['dist', 'templates', 'examples', 'package.json']) cpSync(join(root, part), join(pkg, part), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
const cli = (name) => join(pkg, 'dist', 'bin', `${name}.js`); // the bundled executables users run
const results = { machine, sections: {}, problems: [] };
const progress = (label, total) => (round) => log(`  ${label}: ${round < 0 ? 'warm-up' : `run ${round + 1}/${total}`} done`);

function problemsOf(m) {
  for (const [id, e] of m) for (const p of e.problems) results.problems.push(`${id}: ${p}`);
}

// ------------------------------------------------------- 1 + 2: generate

if (wants('generate')) {
  const nitrogenDir = ensureNitrogen();
  const nitrogenBin = join(nitrogenDir, 'node_modules', 'nitrogen', 'lib', 'index.js');
  const nodeModules = join(nitrogenDir, 'node_modules');
  let seq = 0;
  const fresh = (label) => join(work, `${label}-${seq++}`);
  const countFiles = (dir) => [...snapshot(dir).keys()].filter((k) => !k.endsWith('/')).length;
  const generated = {};

  log('bench: 1. generate (cold) vs nitrogen');
  const n1 = runs(5);
  const cold = measure(
    [
      {
        id: 'bg-service generate (cold)',
        cmd: [node, cli('bg-service'), 'generate', '--quiet'],
        setup: () => ({ cwd: standaloneProject(fresh('gen'), pkg) }),
        check: (r, i, p) => {
          generated.bg = countFiles(p.cwd) - 2; // minus the declaration and package.json
          return generated.bg > 0 ? undefined : 'wrote no file';
        },
      },
      {
        id: `nitrogen ${NITROGEN_VERSION} (cold)`,
        cmd: [node, nitrogenBin],
        setup: () => ({ cwd: nitroProject(fresh('nitro'), nodeModules) }),
        check: (r, i, p) => {
          generated.nitro = countFiles(join(p.cwd, 'nitrogen'));
          return generated.nitro > 0 ? undefined : 'wrote no file';
        },
      },
    ],
    { runs: n1, log: progress('generate', n1) },
  );
  problemsOf(cold);

  log('bench: 2. no-op regeneration (proof: stat of every file before/after)');
  const genDir = standaloneProject(fresh('noop'), pkg);
  const first = runOnce([node, cli('bg-service'), 'generate', '--quiet'], { cwd: genDir });
  if (first.status !== 0) results.problems.push(`first generate for the no-op test: exit ${first.status}: ${first.stderr}`);
  const nitroDir = nitroProject(fresh('nitro-noop'), nodeModules);
  runOnce([node, nitrogenBin], { cwd: nitroDir });
  const proof = { bg: { runs: 0, files: 0, changed: [], added: [], removed: [] }, nitro: { runs: 0, files: 0, changed: new Set(), added: new Set(), removed: new Set() } };
  const n2 = runs(5);
  const noop = measure(
    [
      {
        id: 'bg-service generate (no-op)',
        cmd: [node, cli('bg-service'), 'generate', '--quiet'],
        cwd: genDir,
        setup: () => ({ before: snapshot(genDir) }),
        check: (r, i, p) => {
          const d = compare(p.before, snapshot(genDir));
          proof.bg.runs++;
          proof.bg.files = d.files;
          proof.bg.changed.push(...d.changed);
          proof.bg.added.push(...d.added);
          proof.bg.removed.push(...d.removed);
          const n = d.changed.length + d.added.length + d.removed.length;
          return n ? `the no-op run touched ${n} path(s): ${[...d.changed, ...d.added, ...d.removed].slice(0, 5).join(', ')}` : undefined;
        },
      },
      {
        id: `nitrogen ${NITROGEN_VERSION} (second run)`,
        cmd: [node, nitrogenBin],
        cwd: nitroDir,
        setup: () => ({ before: snapshot(join(nitroDir, 'nitrogen')) }),
        check: (r, i, p) => {
          const d = compare(p.before, snapshot(join(nitroDir, 'nitrogen')));
          proof.nitro.runs++;
          proof.nitro.files = d.files;
          for (const k of d.changed) if (!k.endsWith('/')) proof.nitro.changed.add(k);
          for (const k of d.added) proof.nitro.added.add(k);
          for (const k of d.removed) proof.nitro.removed.add(k);
          return undefined;
        },
      },
    ],
    { runs: n2, log: progress('no-op', n2) },
  );
  problemsOf(noop);
  results.sections.generate = { cold, noop, generated, proof };
}

// ------------------------------------------------------------- 3: validate

if (wants('validate')) {
  log('bench: 3. bg-doctor validate — making the apps with create-bg-service…');
  const tauriApp = typicalHostApp('tauri', join(work, 'tauri-app'), pkg);
  const capApp = typicalHostApp('capacitor', join(work, 'capacitor-app'), pkg);
  const plainApp = typicalHostApp('capacitor', join(work, 'plain-capacitor-app'), pkg, { service: false });
  // bg-doctor keeps clean drift checks in <cache>/doctor/drift: the "cached" cases share one cache (the
  // warm-up run fills it), the "first run" cases get an empty one each run (a CI job without a cache).
  const warmCache = join(work, 'doctor-cache');
  let coldSeq = 0;
  const findingsOf = (out) => /✔ no problems/.test(out) ? '0' : (/✖ (\d+) problems?/.exec(out)?.[1] ?? '?');
  const validateCase = (id, dir, { cold = false, args = [] } = {}) => ({
    id,
    cmd: [node, cli('bg-doctor'), 'validate', dir, ...args],
    ok: [0, 1],
    env: { BG_SERVICE_CACHE: warmCache },
    ...(cold ? { setup: () => ({ env: { BG_SERVICE_CACHE: join(work, `empty-cache-${coldSeq++}`) } }) } : {}),
    check: (r) => {
      validateFindings.set(id, findingsOf(r.stdout));
      return undefined;
    },
  });
  const validateFindings = new Map();
  const floorCase = async (id, dir) => {
    const t = await touchedFiles(pkg, dir);
    const list = join(work, `floor-${id.replace(/\W+/g, '-')}.json`);
    writeFileSync(list, JSON.stringify(t));
    return { id, cmd: [node, join(root, 'bench', 'floor.mjs'), list, pkg], touched: t };
  };

  const rows = [];
  const n3 = runs(10);
  const typical = [
    { label: 'typical Tauri app (with a bg-service)', dir: tauriApp, drift: true },
    { label: 'typical Capacitor app (with a bg-service)', dir: capApp, drift: true },
    { label: 'plain Capacitor app (no bg-service)', dir: plainApp, drift: false },
  ];
  // The same Tauri app with its declaration edited since generate: its snapshot
  // (.bg-service/models.json) no longer holds, so a first run reads the
  // declaration with TypeScript. Shown for what that costs; not a target.
  const editedApp = join(work, 'tauri-app-edited');
  cpSync(tauriApp, editedApp, { recursive: true });
  appendFileSync(join(editedApp, 'bg-services', 'notes-sync', 'notes-sync.bg.ts'), '// edited since generate\n');
  const edited = 'typical Tauri app, declaration edited since generate, first run (empty cache: read with TypeScript)';
  const cases = [validateCase(edited, editedApp, { cold: true })];
  for (const t of typical) {
    cases.push(validateCase(t.label, t.dir), await floorCase(`${t.label} (floor)`, t.dir));
    if (t.drift) cases.push(validateCase(`${t.label}, first run`, t.dir, { cold: true }));
  }
  const m = measure(cases, { runs: n3, log: progress('typical apps', n3) });
  problemsOf(m);
  for (const t of typical) {
    rows.push({ label: t.drift ? `${t.label}, drift check cached` : t.label, key: t.label, apps: 1, v: m.get(t.label), f: m.get(`${t.label} (floor)`) });
    if (t.drift) rows.push({ label: `${t.label}, first run (empty cache)`, key: `${t.label}, first run`, apps: 1, v: m.get(`${t.label}, first run`), f: m.get(`${t.label} (floor)`), cold: true });
  }
  rows.push({ label: edited, key: edited, apps: 1, v: m.get(edited), f: m.get(`${typical[0].label} (floor)`), cold: true, notTarget: true });

  const tauriFiles = readTree(tauriApp);
  const capFiles = readTree(capApp);
  const sizes = opt.quick ? [10, 100] : [10, 100, 1000];
  const monoRuns = { 10: runs(7), 100: runs(5), 1000: Math.max(1, Math.round(3 * scale)) };
  const coldRuns = { 10: runs(3), 100: Math.max(1, Math.round(2 * scale)), 1000: 1 };
  for (const n of sizes) {
    const dir = join(work, `mono-${n}`);
    const t0 = performance.now();
    const fileCount = monorepo(dir, n, { tauri: tauriFiles, capacitor: capFiles });
    log(`bench: monorepo of ${n} apps: ${fileCount} files written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const label = `monorepo, ${n.toLocaleString('en')} apps`;
    // The default (auto: worker threads from 20,000 files, validators/run.ts chooseJobs) beside one thread (--jobs 1).
    const oneThread = `${label}, one thread`;
    const mc = measure([validateCase(label, dir), validateCase(oneThread, dir, { args: ['--jobs', '1'] }), await floorCase(`${label} (floor)`, dir)], {
      runs: monoRuns[n],
      log: progress(label, monoRuns[n]),
    });
    problemsOf(mc);
    rows.push({ label: `${label}, drift checks cached`, key: label, mono: true, apps: n, files: fileCount, v: mc.get(label), f: mc.get(`${label} (floor)`) });
    rows.push({ label: `${label}, drift checks cached, \`--jobs 1\``, key: oneThread, apps: n, files: fileCount, v: mc.get(oneThread), f: mc.get(`${label} (floor)`) });
    const cc = measure([validateCase(`${label}, first run`, dir, { cold: true })], { runs: coldRuns[n], warmup: 0, log: progress(`${label}, first run`, coldRuns[n]) });
    problemsOf(cc);
    rows.push({ label: `${label}, first run (empty cache)`, key: `${label}, first run`, mono: true, cold: true, apps: n, files: fileCount, v: cc.get(`${label}, first run`), f: mc.get(`${label} (floor)`) });
    // The same first run without the apps' .bg-service/drift-check.json (a project generated by an
    // older bg-service, or the file not committed): the generator checks every app. Not a target.
    const noRecord = `${label}, first run, no drift records`;
    const removed = removeDriftRecords(dir);
    const nr = measure([validateCase(noRecord, dir, { cold: true })], { runs: coldRuns[n], warmup: 0, log: progress(noRecord, coldRuns[n]) });
    problemsOf(nr);
    rows.push({ label: `${label}, first run (empty cache) without the apps' \`drift-check.json\` (${removed} removed: the generator checks each app)`, key: noRecord, cold: true, notTarget: true, apps: n, files: fileCount - removed, v: nr.get(noRecord), f: mc.get(`${label} (floor)`) });
    if (n >= 1000) rmSync(dir, { recursive: true, force: true });
  }
  const corpus = join(root, '..', 'shared', 'corpus');
  if (existsSync(corpus) && !opt.quick) {
    const label = 'shared corpus (17 real projects)';
    const mc = measure([validateCase(label, corpus), await floorCase(`${label} (floor)`, corpus)], { runs: runs(5), log: progress('corpus', runs(5)) });
    problemsOf(mc);
    rows.push({ label, key: label, apps: mc.get(`${label} (floor)`).case.touched.apps, v: mc.get(label), f: mc.get(`${label} (floor)`) });
  }
  for (const r of rows) r.findings = validateFindings.get(r.key) ?? '?';
  results.sections.validate = { rows };
}

/** Delete the monorepo apps' records of a clean drift check (validators/drift/record.ts); how many there were. */
function removeDriftRecords(dir) {
  let n = 0;
  for (const app of readdirSync(join(dir, 'apps'))) {
    const f = join(dir, 'apps', app, '.bg-service', 'drift-check.json');
    if (existsSync(f)) {
      rmSync(f);
      n++;
    }
  }
  return n;
}

// ------------------------------------------------------------- 4: start-up

if (wants('startup')) {
  log('bench: 4. --version / --help against node -e 0');
  const exes = ['bg-service', 'bg-doctor', 'create-bg-service'].filter((e) => existsSync(cli(e)));
  const cases = [{ id: 'node -e 0', cmd: [node, '-e', '0'] }];
  for (const e of exes) for (const flag of ['--version', '--help']) cases.push({ id: `${e} ${flag}`, cmd: [node, cli(e), flag] });
  const n4 = runs(10);
  const m = measure(cases, { runs: n4, warmup: 2, log: progress('start-up', n4) });
  problemsOf(m);
  results.sections.startup = { m, exes };
}

machine.loadEnd = loadavg().map((x) => x.toFixed(2)).join(' ');

// ------------------------------------------------------------------ report

const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const mb = (x) => (x === undefined ? '—' : `${Math.round(x)} MB`);
const ratio = (a, b) => (a / b).toFixed(2) + '×';
const row = (cells) => `| ${cells.join(' | ')} |`;
const HEAD = ['median', 'min', 'max', 'CPU (median)', 'peak RSS (median / max)'];
const statCells = (s) => [ms(s.median), ms(s.min), ms(s.max), ms(s.cpuMedian), `${mb(s.rssMedianMb)} / ${mb(s.rssMaxMb)}`];
const targets = [];
const target = (what, goal, measured, pass) => targets.push(row([what, goal, measured, pass ? '✅ met' : '❌ missed']));

const out = [];
out.push(`Measured ${machine.date} by \`npm run bench\`${opt.quick ? ' --quick' : ''}${scale !== 1 ? ` --runs ${scale}` : ''} at commit ${machine.commit}.`);
out.push('');
out.push(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGiB} GiB, ${machine.os}, Node ${machine.node}. Load average (1/5/15 min) at start ${machine.loadStart}, at end ${machine.loadEnd}.`);
out.push('Each figure is a whole process (spawn to exit) timed by the bench; CPU time (user + sys) and peak RSS are GNU time\'s report of the same process.');
out.push('Cases shown together ran interleaved (A B, A B, …), so a change of machine load hits both sides of a ratio alike.');
if (!memory) out.push('GNU time was not available: no CPU or memory figures.');
out.push('');
const body = [];

const g = results.sections.generate;
if (g) {
  const bg = g.cold.get('bg-service generate (cold)').stats;
  const ni = g.cold.get(`nitrogen ${NITROGEN_VERSION} (cold)`).stats;
  const noopS = g.noop.get('bg-service generate (no-op)').stats;
  const ni2 = g.noop.get(`nitrogen ${NITROGEN_VERSION} (second run)`).stats;
  body.push('## 1. `bg-service generate` against nitrogen (cold: a fresh project each run)');
  body.push('');
  body.push(
    `The example declaration (\`examples/notes-sync/notes-sync.bg.ts\`: 2 events, 1 command — 5 types, 6 fields) in a fresh standalone module each run, against nitrogen ${NITROGEN_VERSION} on \`NotesSync.nitro.ts\` (bench/fixtures.mjs): the same 5 types and 6 fields, 3 methods (the command, one listener per event), Swift + Kotlin. bg-service writes ${g.generated.bg} files (Kotlin, Swift, Rust, TS, manifests and plists for two hosts, plus its state file); nitrogen writes ${g.generated.nitro} (C++, Swift, Kotlin bridges and autolinking).`,
  );
  body.push('');
  body.push(row(['command', 'runs', ...HEAD, 'ratio']));
  body.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  body.push(row(['`bg-service generate`', bg.n, ...statCells(bg), `**${ratio(bg.median, ni.median)}** of nitrogen`]));
  body.push(row([`\`nitrogen\` ${NITROGEN_VERSION}`, ni.n, ...statCells(ni), '1.00×']));
  body.push('');
  target('`generate` ≤ 0.5 × nitrogen (wall, median)', '≤ 0.50×', `${ratio(bg.median, ni.median)} (${ms(bg.median)} vs ${ms(ni.median)})`, bg.median <= 0.5 * ni.median);

  body.push('## 2. No-op regeneration');
  body.push('');
  const p = g.proof;
  const touchedBg = p.bg.changed.length + p.bg.added.length + p.bg.removed.length;
  body.push(
    `A second \`bg-service generate\` on an already generated module. Before and after each run the bench records the inode, size, mtime and ctime (ns) of every file and folder of the project (bench/snapshot.mjs: a write changes mtime/ctime, an atomic replace the inode, a new or deleted file the folder's mtime). Over ${p.bg.runs} runs on ${p.bg.files} files: **${touchedBg} path(s) changed, added or removed**. nitrogen's second run on its own output, for comparison: ${p.nitro.changed.size} of ${p.nitro.files} files rewritten${p.nitro.added.size ? `, ${p.nitro.added.size} paths added` : ''}${p.nitro.removed.size ? `, ${p.nitro.removed.size} removed` : ''}.`,
  );
  body.push('');
  body.push(row(['command', 'runs', ...HEAD, 'files written']));
  body.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  body.push(row(['`bg-service generate` (no-op)', noopS.n, ...statCells(noopS), String(touchedBg)]));
  body.push(row([`\`nitrogen\` ${NITROGEN_VERSION} (second run)`, ni2.n, ...statCells(ni2), `${p.nitro.changed.size} of ${p.nitro.files}`]));
  body.push('');
  target('a no-op regeneration writes nothing', '0 files', `${touchedBg} paths touched in ${p.bg.runs} runs`, touchedBg === 0 && p.bg.runs > 0);
}

const v = results.sections.validate;
if (v) {
  body.push('## 3. `bg-doctor validate` against the floor of parsing the same files');
  body.push('');
  body.push(
    'The typical apps are the create-bg-service test apps (what `npm create tauri-app` + `tauri android init`, and `npm init @capacitor/app` + `cap add android/ios` write) with `create-bg-service --yes --name notes-sync` run in them; the plain app is the same Capacitor app without it. A monorepo of n apps has a quarter each of those two apps with a service and of native Android (Kotlin, Gradle KTS, foreground service, boot receiver, WorkManager, 23 sources) and native iOS apps (Xcode project, BGTaskScheduler, push, privacy manifest). The floor is a process that only reads and parses, with the project\'s own parsers, the XML and plist files the validate run parses (bench/floor.mjs; the list comes from the validator\'s own walk and rules, bench/touched.mjs).',
  );
  body.push('');
  body.push(
    'An app with a bg-service declaration is also checked for drift (`bg-declaration-drift`, `bg-generated-stale`): what `bg-service generate` would change there now, which needs the generator and the declarations as read — from `.bg-service/models.json` (written by generate and create-bg-service) while the declarations are as generate read them, else from the TypeScript compiler (the "declaration edited" row). bg-doctor also remembers a clean drift check, with every file it read, in `~/.cache/bg-service/doctor/drift` and reuses it while none of those files changed: "cached" rows are runs on an unchanged project (a developer\'s machine, or CI with that folder cached), "first run" rows start from an empty cache each run (CI without a cache). On a first run the check is answered by the project\'s `.bg-service/drift-check.json` (what generate\'s own clean check read, by content) while every file it lists still has its content; the rows "without the apps\' `drift-check.json`" remove those files first, so the generator checks each app (what an app generated by an older bg-service costs).',
  );
  body.push('');
  body.push(row(['project', 'apps', 'files', 'runs', ...HEAD, 'per app', 'floor (median)', 'XML + plists parsed', 'validate / floor', 'findings']));
  body.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const r of v.rows) {
    const t = r.f.case.touched;
    body.push(
      row([
        r.label,
        String(r.apps),
        String(r.files ?? t.walked),
        r.v.stats.n,
        ...statCells(r.v.stats),
        r.apps > 1 ? ms(r.v.stats.median / r.apps) : '—',
        ms(r.f.stats.median),
        `${t.xml.length} + ${t.plist.length}`,
        ratio(r.v.stats.median, r.f.stats.median),
        r.findings,
      ]),
    );
  }
  body.push('');
  for (const r of v.rows.filter((x) => x.apps === 1 && !x.label.startsWith('shared') && !x.notTarget)) {
    target(`validate, ${r.label} ≤ 300 ms`, '≤ 300 ms', `${ms(r.v.stats.median)} (CPU ${ms(r.v.stats.cpuMedian)})`, r.v.stats.median <= 300);
  }
  for (const cold of [false, true]) {
    const at = (n) => v.rows.find((r) => r.mono && r.apps === n && !!r.cold === cold);
    const [m10, m100, m1000] = [at(10), at(100), at(1000)];
    if (!m10 || !m100) continue;
    const per = (a, b, key) => (b.v.stats[key] - a.v.stats[key]) / (b.apps - a.apps);
    const seg = (key) => [per(m10, m100, key), m1000 ? per(m100, m1000, key) : undefined];
    const [w1, w2] = seg('median');
    const [c1, c2] = memory ? seg('cpuMedian') : [undefined, undefined];
    const what = cold ? 'First runs (empty cache)' : 'Cached drift checks';
    body.push(
      `${what} — growth: each app from 10 to 100 adds ${w1.toFixed(2)} ms wall${c1 !== undefined ? ` (${c1.toFixed(2)} ms CPU)` : ''}; from 100 to 1,000, ${w2 === undefined ? '—' : `${w2.toFixed(2)} ms wall`}${c2 !== undefined ? ` (${c2.toFixed(2)} ms CPU)` : ''}.`,
    );
    body.push('');
    if (m1000) {
      target(`validate, 1,000 apps ≤ 5 s${cold ? ' — first run, empty cache' : ' — drift checks cached'}`, '≤ 5 s', `${ms(m1000.v.stats.median)} (CPU ${ms(m1000.v.stats.cpuMedian)})`, m1000.v.stats.median <= 5000);
      // Linearity is judged on CPU time (what the work costs); wall time on a loaded machine adds noise.
      const [a, b] = c1 !== undefined ? [c1, c2] : [w1, w2];
      target(`… growing linearly${cold ? ' (first run)' : ''}: cost per added app 100→1,000 vs 10→100 (${c1 !== undefined ? 'CPU' : 'wall'})`, '≤ 1.5×', `${(b / a).toFixed(2)}×`, b <= 1.5 * a);
    }
  }
}

const s = results.sections.startup;
if (s) {
  const base = s.m.get('node -e 0').stats;
  body.push('## 4. Start-up: `--version` and `--help` against a bare Node');
  body.push('');
  body.push(row(['command', 'runs', ...HEAD, 'vs `node -e 0`']));
  body.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  body.push(row(['`node -e 0`', base.n, ...statCells(base), '1.00×']));
  for (const e of s.exes) {
    for (const flag of ['--version', '--help']) {
      const st = s.m.get(`${e} ${flag}`).stats;
      body.push(row([`\`${e} ${flag}\``, st.n, ...statCells(st), ratio(st.median, base.median)]));
      if (flag === '--version') target(`\`${e} --version\` ≤ 1.5 × \`node -e 0\``, '≤ 1.50×', ratio(st.median, base.median), st.median <= 1.5 * base.median);
    }
  }
  body.push('');
}

if (results.problems.length) {
  body.push('## Problems seen during the run');
  body.push('');
  for (const p of results.problems) body.push(`- ${p.replace(/\|/g, '\\|')}`);
  body.push('');
}

const section = [
  ...out,
  '### Targets',
  '',
  row(['target', 'goal', 'measured', '']),
  row(['---', '---', '---', '---']),
  ...targets,
  '',
  ...body,
].join('\n');

process.stdout.write(section + '\n');

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const outFile = opt.out ?? (opt.quick || only ? undefined : join(root, 'BENCHMARKS.md'));
if (outFile) {
  let doc = existsSync(outFile) ? readFileSync(outFile, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  doc = a >= 0 && b > a ? `${doc.slice(0, a + START.length)}\n${section}\n${doc.slice(b)}` : `${doc.trimEnd()}\n\n${START}\n${section}\n${END}\n`;
  writeFileSync(outFile, doc);
  log(`bench: results written to ${outFile}`);
}
if (results.problems.length) {
  log(`bench: ${results.problems.length} problem(s) during the run (see the report).`);
  process.exitCode = 1;
}
