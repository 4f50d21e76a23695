#!/usr/bin/env node
// `npm run toolchains`: installs the real compilers, libraries and grammars the
// checkers in toolchains/ use, into a cache OUTSIDE the clone
// (default ~/.cache/bg-service, or $BG_SERVICE_CACHE; the same rule as
// lib/paths.ts `cachePath`). Steps:
//   system      java, python3, systemd-analyze, cargo/rustc/rustfmt on PATH (apt-get
//               installs the Debian ones when run as root; mvn and pkg-config are
//               ensured by the steps that use them)
//   npm         the project's own devDependencies tsc checks against
//               (typescript, @tauri-apps/api, @capacitor/core): present after `npm ci`
//   kotlin      kotlinc 2.4 (npm package `kotlin-compiler`) → <cache>/kotlin-<v>
//   maven       android-all (API 36) + kotlinx-coroutines from Maven Central → <cache>/m2
//   tree-sitter tree-sitter + tree-sitter-swift (prebuilt N-API bindings, built
//               from source with node-gyp if they do not load) → <cache>/tree-sitter-<v>
//   rust        the warm-up workspace toolchains/cargo-warmup (the generated Tauri plugin
//               crates' dependency tables, the test harnesses' tauri[test], tokio, serde, …):
//               system libraries, `cargo fetch`, then per set of members `cargo check
//               --all-targets` (and `cargo test` for the harnesses) into the shared
//               CARGO_TARGET_DIR <cache>/cargo-target
//   android-hosts the host plugins' Android libraries: Tauri's Kotlin sources (tauri crate),
//               Capacitor's Java sources (@capacitor/android, not on Maven Central), androidx
//               + jackson jars (Maven, the default repository) → <cache>/android-hosts-<hash>
// What was installed is recorded in <cache>/manifest.json, which the checkers read.
//
//   node scripts/toolchains.mjs              install what is missing, then smoke-test it
//   node scripts/toolchains.mjs --if-missing only a fast presence check when all is there
//   node scripts/toolchains.mjs --force      reinstall every step
//   node scripts/toolchains.mjs --only rust,kotlin
//
// Every step installs into <cache>/.tmp/… and renames into place, and the
// manifest is written (atomically) only after a step succeeded, so an
// interrupted run leaves nothing half-installed that a later run would trust.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The pinned versions. Changing one makes `--if-missing` reinstall that step. */
const PINS = {
  kotlinCompiler: '2.4.20',
  androidAll: { group: 'org.robolectric', artifact: 'android-all', version: '16-robolectric-13921718', api: 36 },
  coroutines: { group: 'org.jetbrains.kotlinx', artifact: 'kotlinx-coroutines-core-jvm', version: '1.11.0' },
  treeSitter: '0.22.4',
  treeSitterSwift: '0.7.1',
  // What the shared cargo target is built with; toolchains/rust.ts uses the
  // same environment (recorded in the manifest) so its builds hit this cache.
  cargoEnv: { CARGO_PROFILE_DEV_DEBUG: '0' },
  // Debian packages whose pkg-config files tauri's -sys crates need on Linux,
  // even with `default-features = false` (tauri-runtime depends on gtk and
  // webkit2gtk unconditionally there).
  // (openssl: reqwest's native TLS in the transfer engine; libssl-dev is also one of Tauri's
  // own Linux prerequisites.)
  rustPkgConfig: ['webkit2gtk-4.1', 'javascriptcoregtk-4.1', 'libsoup-3.0', 'gtk+-3.0', 'openssl'],
  rustAptPackages: ['libwebkit2gtk-4.1-dev', 'libssl-dev'],
  npmDevDependencies: { typescript: '5.', '@tauri-apps/api': '2.', '@capacitor/core': '8.' },
  // The host plugins' Android libraries (Tauri's and Capacitor's Plugin classes) and their
  // compile classpath: what templates/tauri and templates/capacitor Kotlin is compiled against.
  androidHosts: {
    capacitorAndroid: '8.5.2',
    artifacts: ['androidx.appcompat:appcompat:1.6.1:aar', 'com.fasterxml.jackson.core:jackson-databind:2.15.3', 'com.fasterxml.jackson.datatype:jackson-datatype-json-org:2.15.3'],
    classpathGroups: ['androidx', 'com.fasterxml.jackson'],
  },
};
const MANIFEST_FORMAT = 1;

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--') && !a.includes('=')));
const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
if (flags.has('--help')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1).join('\n').split('\nimport ')[0].split('\n').map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const ifMissing = flags.has('--if-missing');
const force = flags.has('--force');

// ---------------------------------------------------------------- paths
function cacheDir() {
  // Keep in step with lib/paths.ts `cachePath`.
  return (
    process.env.BG_SERVICE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'), 'bg-service')
  );
}
const cache = cacheDir();
const manifestPath = join(cache, 'manifest.json');
const tmpRoot = join(cache, '.tmp');

// ---------------------------------------------------------------- output
const t0 = performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`toolchains: ${msg}`);

class StepError extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
}

// ---------------------------------------------------------------- processes
function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      if (statSync(p).isFile()) return p;
    } catch {}
  }
  return null;
}

const children = new Set();

/** Run a command; output is captured and shown only on failure, unless `inherit`. */
function run(cmd, args, { cwd = cache, env = {}, inherit = false, allowFail = false, heartbeat = null } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const beat = heartbeat && setInterval(() => say(`  … ${heartbeat} (${secs(performance.now() - started)} so far)`), 30_000);
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('error', (e) => {
      if (beat) clearInterval(beat);
      reject(new StepError(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      if (beat) clearInterval(beat);
      if (code === 0 || allowFail) return resolve({ code, out });
      const tail = out.trim().split('\n').slice(-40).join('\n');
      reject(new StepError(`\`${[cmd, ...args].join(' ')}\` failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
    });
  });
}

/** npm itself: the CLI that runs us when started by `npm run`, else npm on PATH. */
function npm(args, opts) {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli)) return run(process.execPath, [cli, ...args], opts);
  return run('npm', args, opts);
}

const isRoot = process.getuid?.() === 0;
let aptUpdated = false;
async function aptInstall(packages, why) {
  const fix = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!isRoot || !which('apt-get')) throw new StepError(`missing Debian package(s) ${packages.join(', ')} (${why})`, `run as root: ${fix}`);
  say(`  apt-get install -y --no-install-recommends ${packages.join(' ')}   (${why})`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const known = spawnSync('apt-cache', ['policy', ...packages], { encoding: 'utf8' }).stdout ?? '';
  if (!aptUpdated && (/Candidate: \(none\)/.test(known) || packages.some((p) => !known.includes(`${p}:`)))) {
    await run('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
  }
  try {
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
  } catch (e) {
    if (aptUpdated) throw e;
    await run('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
  }
}

// ---------------------------------------------------------------- manifest + lock
function readManifest() {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.format === MANIFEST_FORMAT && m.steps && typeof m.steps === 'object') return m;
  } catch {}
  return { format: MANIFEST_FORMAT, cache, steps: {} };
}
function writeJsonAtomic(path, value) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}
function recordStep(name, entry) {
  const m = readManifest();
  m.cache = cache;
  m.steps[name] = entry;
  writeJsonAtomic(manifestPath, m);
}

const lockDir = join(cache, '.lock');
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}
async function takeLock() {
  let told = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    } catch {}
    let age = 0;
    try {
      age = Date.now() - statSync(lockDir).mtimeMs;
    } catch {}
    if ((Number.isInteger(pid) && !pidAlive(pid)) || (!Number.isInteger(pid) && age > 10_000)) {
      rmSync(lockDir, { recursive: true, force: true }); // a run that was killed
      continue;
    }
    if (!told) say(`waiting for another toolchains run (pid ${pid}) to finish with ${cache} …`);
    told = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
function releaseLock() {
  try {
    if (readFileSync(join(lockDir, 'pid'), 'utf8') === String(process.pid)) rmSync(lockDir, { recursive: true, force: true });
  } catch {}
}

function freshTmp(name) {
  mkdirSync(tmpRoot, { recursive: true });
  const dir = join(tmpRoot, `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir);
  return dir;
}
/** Move a finished temp dir into place (replacing an older copy). */
function moveIntoPlace(tmp, dest) {
  if (existsSync(dest)) rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  renameSync(tmp, dest);
}
function sha1File(path) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha1');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}
const allExist = (...paths) => paths.every((p) => typeof p === 'string' && existsSync(p));

// ---------------------------------------------------------------- steps
// Each step: spec (what it installs; a change means reinstall), present(entry)
// (a fast check: stat calls only), install() → the manifest entry, and an
// optional smoke(entry) run by a full (not --if-missing) run.

// The tools the checkers run (install-only tools are ensured by their step).
const SYSTEM_TOOLS = [
  { cmd: 'java', apt: 'openjdk-17-jdk-headless', for: 'compileKotlin (kotlinc runs on the JVM)' },
  { cmd: 'python3', apt: 'python3', for: 'verifyPlist (plistlib)' },
  { cmd: 'systemd-analyze', apt: 'systemd', for: 'verifySystemdUnit' },
  { cmd: 'cargo', for: 'checkRust', fix: 'install Rust with rustup (stable, ≥ 1.77) so cargo, rustc and rustfmt are on PATH' },
  { cmd: 'rustc', for: 'checkRust', fix: 'install Rust with rustup (stable, ≥ 1.77)' },
  { cmd: 'rustfmt', for: 'checkRust (formatting)', fix: 'rustup component add rustfmt' },
];
async function ensureTool(cmd, aptPackage, why) {
  if (which(cmd)) return;
  await aptInstall([aptPackage], why);
  if (!which(cmd)) throw new StepError(`${cmd} is still not on PATH after installing ${aptPackage}`);
}

const steps = [
  {
    name: 'system',
    what: 'java, python3, systemd-analyze, cargo, rustc, rustfmt',
    spec: SYSTEM_TOOLS.map((t) => t.cmd).join(','),
    present: () => SYSTEM_TOOLS.every((t) => which(t.cmd)),
    async install() {
      const missing = SYSTEM_TOOLS.filter((t) => !which(t.cmd));
      const noApt = missing.filter((t) => !t.apt);
      if (noApt.length)
        throw new StepError(
          `missing ${noApt.map((t) => `${t.cmd} (for ${t.for})`).join(', ')}`,
          noApt.map((t) => t.fix).join('; '),
        );
      if (missing.length) await aptInstall([...new Set(missing.map((t) => t.apt))], `for ${missing.map((t) => t.cmd).join(', ')}`);
      const still = SYSTEM_TOOLS.filter((t) => !which(t.cmd));
      if (still.length) throw new StepError(`still missing after apt-get: ${still.map((t) => t.cmd).join(', ')}`);
      return { tools: Object.fromEntries(SYSTEM_TOOLS.map((t) => [t.cmd, which(t.cmd)])) };
    },
    async smoke() {
      const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
      const m = /version "(\d+)/.exec(r.stderr ?? '');
      if (!m || Number(m[1]) < 11) throw new StepError(`java -version says ${JSON.stringify((r.stderr ?? '').split('\n')[0])}; kotlinc 2.4 needs Java 11+`, 'install openjdk-17-jdk-headless');
    },
  },
  {
    name: 'npm',
    verb: 'checking',
    what: `the project's devDependencies ${Object.keys(PINS.npmDevDependencies).join(', ')}`,
    spec: JSON.stringify(PINS.npmDevDependencies),
    present: () => npmPackagesProblem() === null,
    async install() {
      const problem = npmPackagesProblem();
      if (problem) throw new StepError(problem, `run \`npm ci\` in ${root} (they are devDependencies of the project)`);
      return {};
    },
  },
  {
    name: 'kotlin',
    what: `kotlinc ${PINS.kotlinCompiler} (npm package kotlin-compiler)`,
    spec: `kotlin-compiler@${PINS.kotlinCompiler}`,
    present: (e) => allExist(e?.compilerJar, e?.home),
    async install() {
      const tmp = freshTmp('kotlin');
      await npm(['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `kotlin-compiler@${PINS.kotlinCompiler}`], { cwd: tmp });
      if (!existsSync(join(tmp, 'node_modules', 'kotlin-compiler', 'lib', 'kotlin-compiler.jar')))
        throw new StepError('the kotlin-compiler package has no lib/kotlin-compiler.jar');
      const dest = join(cache, `kotlin-${PINS.kotlinCompiler}`);
      moveIntoPlace(tmp, dest);
      const home = join(dest, 'node_modules', 'kotlin-compiler');
      return { version: PINS.kotlinCompiler, home, compilerJar: join(home, 'lib', 'kotlin-compiler.jar') };
    },
    async smoke(e) {
      const r = await run('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', e.compilerJar, '-kotlin-home', e.home, '-version'], { allowFail: true });
      if (!r.out.includes(PINS.kotlinCompiler)) throw new StepError(`kotlinc -version did not report ${PINS.kotlinCompiler}:\n${r.out.trim()}`, 'npm run toolchains -- --force --only kotlin');
    },
  },
  {
    name: 'maven',
    what: `android-all ${PINS.androidAll.version} (API ${PINS.androidAll.api}) + ${PINS.coroutines.artifact} ${PINS.coroutines.version}`,
    spec: [PINS.androidAll, PINS.coroutines].map((a) => `${a.group}:${a.artifact}:${a.version}`).join(' '),
    present: (e) => allExist(e?.androidAll, e?.coroutines),
    async install() {
      const repo = join(cache, 'm2');
      const jars = {};
      await ensureTool('mvn', 'maven', 'to fetch jars from Maven Central');
      for (const [key, a] of [['androidAll', PINS.androidAll], ['coroutines', PINS.coroutines]]) {
        const coord = `${a.group}:${a.artifact}:${a.version}`;
        const jar = join(repo, ...a.group.split('.'), a.artifact, a.version, `${a.artifact}-${a.version}.jar`);
        if (!existsSync(jar)) {
          say(`  mvn dependency:get ${coord}`);
          await run('mvn', ['-B', '-q', `-Dmaven.repo.local=${repo}`, 'dependency:get', `-Dartifact=${coord}`, '-Dtransitive=false'], {
            cwd: cache,
          }).catch((e) => {
            throw new StepError(e.message, `check that Maven Central is reachable and that ${coord} exists`);
          });
        }
        // Maven downloads to a temporary name and renames; the checksum proves the jar whole.
        const want = existsSync(`${jar}.sha1`) ? readFileSync(`${jar}.sha1`, 'utf8').trim().split(/\s+/)[0] : null;
        const got = existsSync(jar) ? await sha1File(jar) : null;
        if (!got || (want && want !== got)) {
          rmSync(dirname(jar), { recursive: true, force: true });
          throw new StepError(`${coord}: ${got ? 'checksum mismatch' : 'jar not found after mvn'} (${jar})`, 'run `npm run toolchains` again');
        }
        jars[key] = jar;
      }
      return { repo, ...jars, api: PINS.androidAll.api };
    },
  },
  {
    name: 'tree-sitter',
    what: `tree-sitter ${PINS.treeSitter} + tree-sitter-swift ${PINS.treeSitterSwift}`,
    spec: `tree-sitter@${PINS.treeSitter} tree-sitter-swift@${PINS.treeSitterSwift}`,
    present: (e) => allExist(e?.dir, e?.dir && join(e.dir, 'node_modules', 'tree-sitter-swift', 'package.json')),
    async install() {
      const tmp = freshTmp('tree-sitter');
      // --ignore-scripts: tree-sitter-swift depends on tree-sitter-cli, whose
      // install script downloads a binary from outside the registries.
      await npm(['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `tree-sitter@${PINS.treeSitter}`, `tree-sitter-swift@${PINS.treeSitterSwift}`], { cwd: tmp });
      let how = 'prebuilt N-API bindings';
      let err = process.env.BG_SERVICE_TREE_SITTER_FROM_SOURCE ? 'building from source was asked for' : treeSitterSmoke(tmp);
      if (err) {
        say(`  the prebuilt bindings do not load here (${err.split('\n')[0]}); building them with node-gyp`);
        const gyp = nodeGyp();
        for (const pkg of ['tree-sitter', 'tree-sitter-swift']) {
          await run(process.execPath, [gyp, 'rebuild', '--release', ...(nodedir() ? [`--nodedir=${nodedir()}`] : [])], { cwd: join(tmp, 'node_modules', pkg) }).catch((e) => {
            throw new StepError(e.message, 'node-gyp needs python3, make and a C/C++ compiler (apt-get install build-essential python3)');
          });
        }
        how = 'bindings built from source with node-gyp';
        err = treeSitterSmoke(tmp);
        if (err) throw new StepError(`tree-sitter-swift does not load even after building it: ${err}`);
      }
      const dest = join(cache, `tree-sitter-${PINS.treeSitter}-swift-${PINS.treeSitterSwift}`);
      moveIntoPlace(tmp, dest);
      return { dir: dest, how };
    },
    async smoke(e) {
      const err = treeSitterSmoke(e.dir);
      if (err) throw new StepError(`tree-sitter-swift in ${e.dir} does not work: ${err}`, 'npm run toolchains -- --force --only tree-sitter');
    },
  },
  {
    name: 'rust',
    what: 'crates for generated Rust (tauri 2 [test], tokio, serde, …) built once into the shared CARGO_TARGET_DIR',
    // rustc's version is part of it: a new compiler invalidates every artifact.
    get spec() {
      return `warmup:${warmupHash()} env:${JSON.stringify(PINS.cargoEnv)} ${rustcVersion()}`;
    },
    present: (e) => allExist(e?.warmupDir, e?.lockfile, e?.targetDir && join(e.targetDir, 'debug')),
    async install() {
      await ensureTool('pkg-config', 'pkg-config', "to find tauri's system libraries");
      const missing = PINS.rustPkgConfig.filter((p) => spawnSync('pkg-config', ['--exists', p]).status !== 0);
      if (missing.length) {
        await aptInstall(PINS.rustAptPackages, `pkg-config cannot find ${missing.join(', ')}, which tauri's -sys crates link on Linux`);
        const still = PINS.rustPkgConfig.filter((p) => spawnSync('pkg-config', ['--exists', p]).status !== 0);
        if (still.length) throw new StepError(`pkg-config still cannot find ${still.join(', ')}`, `apt-get install ${PINS.rustAptPackages.join(' ')}`);
      }
      const src = join(root, 'toolchains', 'cargo-warmup');
      const dest = join(cache, 'rust', `warmup-${warmupHash()}`);
      if (!existsSync(join(dest, 'Cargo.lock'))) {
        const tmp = freshTmp('cargo-warmup');
        cpSync(src, tmp, { recursive: true });
        moveIntoPlace(tmp, dest);
      }
      const targetDir = join(cache, 'cargo-target');
      const env = { CARGO_TARGET_DIR: targetDir, CARGO_TERM_COLOR: 'never', ...PINS.cargoEnv };
      const timed = async (label, args) => {
        const t = performance.now();
        say(`  cargo ${args.join(' ')}`);
        await run('cargo', args, { cwd: dest, env, heartbeat: `cargo ${args[0]}` }).catch((e) => {
          throw new StepError(e.message, 'see the cargo output above; crates come from the Rust crate registry');
        });
        say(`  ${label}: ${secs(performance.now() - t)}`);
      };
      await timed('fetch', ['fetch', '--locked']);
      // One invocation per set the tests build together (cargo unifies features within an invocation):
      // see toolchains/cargo-warmup/Cargo.toml.
      for (const set of WARMUP_SETS) {
        await timed(`${set.name}: check`, ['check', '--all-targets', '--locked', '--quiet', ...set.packages]);
        if (set.test) await timed(`${set.name}: test build + run`, ['test', '--locked', '--quiet', ...set.packages]);
      }
      return {
        warmupDir: dest,
        lockfile: join(dest, 'Cargo.lock'),
        targetDir,
        env: PINS.cargoEnv,
        // The harness member's dependency tables, for the test harnesses' Cargo.toml (templates/desktop/testing/rust-harness.ts).
        dependencies: readFileSync(join(dest, 'harness', 'Cargo.toml'), 'utf8').split(/^\[dependencies\][ \t]*$/m)[1]?.trim() ?? '',
      };
    },
    async smoke(e) {
      // Nothing to rebuild when the shared target is warm (about half a second per set).
      const env = { CARGO_TARGET_DIR: e.targetDir, CARGO_TERM_COLOR: 'never', ...PINS.cargoEnv };
      let rebuilt = 0;
      for (const set of WARMUP_SETS) {
        const r = await run('cargo', ['check', '--all-targets', '--locked', '--offline', '--message-format=json', ...set.packages], { cwd: e.warmupDir, env });
        rebuilt += r.out.split('\n').filter((l) => l.includes('"reason":"compiler-artifact"') && l.includes('"fresh":false')).length;
      }
      if (rebuilt) say(`  the shared cargo target was stale: ${rebuilt} crate(s) rebuilt`);
    },
  },  {
    name: 'android-hosts',
    what: "the host plugins' Android libraries: Tauri's Kotlin sources (from the tauri crate), Capacitor's Java sources (@capacitor/android), and their androidx and jackson jars",
    get spec() {
      return JSON.stringify(PINS.androidHosts);
    },
    present: (e) => allExist(e?.tauriSources, e?.capacitorSources, ...(e?.classpath ?? [undefined])),
    async install() {
      // Tauri's Android library ships as Kotlin sources inside the tauri crate (the rust step fetched it).
      const lock = readFileSync(join(root, 'toolchains', 'cargo-warmup', 'Cargo.lock'), 'utf8');
      const tauriVersion = /\[\[package\]\]\nname = "tauri"\nversion = "([^"]+)"/.exec(lock)?.[1];
      if (!tauriVersion) throw new StepError('toolchains/cargo-warmup/Cargo.lock has no tauri package');
      const registry = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '/tmp', '.cargo'), 'registry', 'src');
      const tauriJava = (existsSync(registry) ? readdirSync(registry) : [])
        .map((index) => join(registry, index, `tauri-${tauriVersion}`, 'mobile', 'android', 'src', 'main', 'java'))
        .find((p) => existsSync(p));
      if (!tauriJava) throw new StepError(`tauri ${tauriVersion}'s sources are not in ${registry}`, 'run `npm run toolchains -- --only rust` first (cargo fetch)');
      const tmp = freshTmp('android-hosts');
      cpSync(tauriJava, join(tmp, 'tauri-android'), { recursive: true });
      // What the Android Gradle plugin generates for the library (buildFeatures.buildConfig = true).
      mkdirSync(join(tmp, 'tauri-android', 'app', 'tauri'), { recursive: true });
      writeFileSync(
        join(tmp, 'tauri-android', 'app', 'tauri', 'BuildConfig.java'),
        'package app.tauri;\n\npublic final class BuildConfig {\n  public static final boolean DEBUG = Boolean.parseBoolean("true");\n  public static final String LIBRARY_PACKAGE_NAME = "app.tauri";\n  public static final String BUILD_TYPE = "debug";\n}\n',
      );
      // Capacitor's Android library is not on Maven Central: it ships as Java sources in @capacitor/android.
      const capacitor = PINS.androidHosts.capacitorAndroid;
      say(`  npm pack @capacitor/android@${capacitor}`);
      await npm(['pack', `@capacitor/android@${capacitor}`, '--silent', '--pack-destination', tmp], { cwd: tmp });
      await run('tar', ['xzf', join(tmp, `capacitor-android-${capacitor}.tgz`), '-C', tmp], { cwd: tmp });
      const capacitorJava = join(tmp, 'package', 'capacitor', 'src', 'main', 'java');
      if (!existsSync(join(capacitorJava, 'com', 'getcapacitor', 'Plugin.java'))) throw new StepError(`@capacitor/android ${capacitor} has no capacitor/src/main/java/com/getcapacitor/Plugin.java`);
      cpSync(capacitorJava, join(tmp, 'capacitor-android'), { recursive: true });
      rmSync(join(tmp, 'package'), { recursive: true, force: true });
      // Their compile classpath: androidx (AARs, unpacked) and jackson, through Maven's default repository.
      const repo = join(cache, 'm2');
      for (const a of PINS.androidHosts.artifacts) {
        say(`  mvn dependency:get ${a}`);
        await run('mvn', ['-B', '-q', `-Dmaven.repo.local=${repo}`, 'dependency:get', `-Dartifact=${a}`, '-Dtransitive=true'], { cwd: cache }).catch((e) => {
          throw new StepError(e.message, `check that Maven's default repository is reachable and that ${a} exists`);
        });
      }
      mkdirSync(join(tmp, 'jars'));
      const classpath = [];
      const walk = (d) => {
        for (const name of readdirSync(d)) {
          const p = join(d, name);
          if (statSync(p).isDirectory()) walk(p);
          else if (/\.(aar|jar)$/.test(name) && !/-(sources|javadoc)\.jar$/.test(name)) {
            const jar = join(tmp, 'jars', name.replace(/\.aar$/, '.jar'));
            if (name.endsWith('.aar')) {
              const r = spawnSync('unzip', ['-p', p, 'classes.jar'], { maxBuffer: 1 << 28 });
              if (r.status !== 0) throw new StepError(`cannot unpack classes.jar from ${p}`, 'apt-get install unzip');
              writeFileSync(jar, r.stdout);
            } else cpSync(p, jar);
            classpath.push(name.replace(/\.aar$/, '.jar'));
          }
        }
      };
      for (const group of PINS.androidHosts.classpathGroups) if (existsSync(join(repo, ...group.split('.')))) walk(join(repo, ...group.split('.')));
      const dest = join(cache, `android-hosts-${createHash('sha1').update(JSON.stringify(PINS.androidHosts)).digest('hex').slice(0, 10)}`);
      moveIntoPlace(tmp, dest);
      return {
        tauriVersion,
        capacitorAndroid: capacitor,
        tauriSources: join(dest, 'tauri-android'),
        capacitorSources: join(dest, 'capacitor-android'),
        classpath: classpath.sort().map((j) => join(dest, 'jars', j)),
      };
    },
  },
];

function npmPackagesProblem() {
  const bad = [];
  for (const [pkg, prefix] of Object.entries(PINS.npmDevDependencies)) {
    const p = join(root, 'node_modules', pkg, 'package.json');
    let version = null;
    try {
      version = JSON.parse(readFileSync(p, 'utf8')).version;
    } catch {}
    if (!version) bad.push(`${pkg} is not installed in ${join(root, 'node_modules')}`);
    else if (!version.startsWith(prefix)) bad.push(`${pkg} is ${version}, expected ${prefix}x`);
  }
  return bad.length ? bad.join('; ') : null;
}

/**
 * The members of toolchains/cargo-warmup built together, one cargo invocation
 * per set: the generated Tauri plugin crates' three dependency tables at once
 * (as e2e/checks/tauri.ts checks every matrix row's crate in one workspace),
 * a plugin crate with the Rust runner alone (checked and tested, as
 * templates/tauri/tauri.test.ts does), and the test harnesses' set (checked
 * and tested).
 */
const WARMUP_SETS = [
  { name: 'generated plugin crates', packages: ['-p', 'warmup-plugin-plain', '-p', 'warmup-plugin-runner', '-p', 'warmup-plugin-transfer'], test: false },
  // One plugin crate with the Rust runner, checked and tested on its own (templates/tauri/tauri.test.ts).
  { name: 'a plugin crate alone', packages: ['-p', 'warmup-plugin-runner'], test: true },
  { name: 'test harnesses', packages: ['-p', 'bg-service-cargo-warmup'], test: true },
];

function warmupHash() {
  const dir = join(root, 'toolchains', 'cargo-warmup');
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${p.slice(dir.length)}\0`).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 12);
}

let rustc;
function rustcVersion() {
  rustc ??= (spawnSync('rustc', ['-V'], { encoding: 'utf8' }).stdout ?? '').trim() || 'rustc missing';
  return rustc;
}

function treeSitterSmoke(dir) {
  const code = `
    const { createRequire } = require('node:module');
    const req = createRequire(${JSON.stringify(join(dir, 'node_modules', 'x.js'))});
    const Parser = req('tree-sitter'); const parser = new Parser(); parser.setLanguage(req('tree-sitter-swift'));
    const ok = parser.parse('import Foundation\\nlet x = 1\\n');
    const bad = parser.parse('func f( {\\n');
    if (ok.rootNode.hasError || !bad.rootNode.hasError) { console.error('the grammar parses wrongly'); process.exit(1); }`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return r.status === 0 ? null : (r.stderr || r.error?.message || `exit ${r.status}`).trim();
}

function nodeGyp() {
  const cli = process.env.npm_execpath;
  const candidates = [
    process.env.npm_config_node_gyp,
    cli && join(dirname(cli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new StepError('cannot find node-gyp (it ships with npm)', 'install npm (it bundles node-gyp)');
  return found;
}
function nodedir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' });
  const v = (r.stdout ?? '').trim();
  return v && v !== 'undefined' && v !== 'null' ? v : null;
}

// ---------------------------------------------------------------- main
function missingSteps(manifest, selected) {
  return selected.filter((s) => {
    const e = manifest.steps[s.name];
    if (s.name === 'system' || s.name === 'npm') return !s.present(e);
    return !e || e.spec !== s.spec || !s.present(e);
  });
}

async function main() {
  const selected = onlyArg ? steps.filter((s) => onlyArg.split(',').includes(s.name)) : steps;
  if (onlyArg && selected.length === 0) throw new StepError(`--only ${onlyArg}: no such step`, `steps: ${steps.map((s) => s.name).join(', ')}`);
  mkdirSync(cache, { recursive: true });

  if (ifMissing && !force) {
    const missing = missingSteps(readManifest(), selected);
    if (missing.length === 0) {
      say(`all present in ${cache} (checked in ${Math.round(performance.now() - t0)} ms)`);
      return;
    }
    say(`missing: ${missing.map((s) => s.name).join(', ')} — installing into ${cache}`);
  } else {
    say(`cache ${cache}`);
  }

  await takeLock();
  try {
    rmSync(tmpRoot, { recursive: true, force: true }); // leftovers of interrupted runs
    const manifest = readManifest();
    const todo = force ? selected : missingSteps(manifest, selected);
    for (const s of selected) {
      const t = performance.now();
      try {
        if (!todo.includes(s)) {
          if (!ifMissing && s.smoke) await s.smoke(manifest.steps[s.name]);
          say(`✓ ${s.name}: present${!ifMissing && s.smoke ? ', smoke-tested' : ''} (${secs(performance.now() - t)})`);
          continue;
        }
        say(`→ ${s.name}: ${s.verb ?? 'installing'} ${s.what} …`);
        const entry = { spec: s.spec, ...(await s.install()) };
        if (s.smoke) await s.smoke(entry);
        entry.installedAt = new Date().toISOString();
        entry.seconds = Math.round((performance.now() - t) / 100) / 10;
        recordStep(s.name, entry);
        say(`✓ ${s.name}: ${s.verb === 'checking' ? 'checked' : 'installed'} in ${secs(performance.now() - t)}`);
      } catch (e) {
        e.step = s;
        throw e;
      }
    }
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
    releaseLock();
  }
  say(`done in ${secs(performance.now() - t0)}`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const child of children) child.kill(sig);
    releaseLock();
    console.error(`toolchains: interrupted; nothing half-installed is kept — run it again to finish.`);
    process.exit(130);
  });
}

main().catch((e) => {
  const step = e.step ? `${e.step.name} (${e.step.what})` : 'setup';
  console.error(`toolchains: FAILED at step ${step}: ${e.message}`);
  console.error(`  fix: ${e.fix ?? 'see the message above'}, then run \`npm run toolchains\` again.`);
  console.error(`  cache: ${cache} (override with BG_SERVICE_CACHE)`);
  process.exit(1);
});
