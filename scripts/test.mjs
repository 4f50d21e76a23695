#!/usr/bin/env node
// `npm test`: build (scripts/build.mjs: tsc, the reader's files, the bundled executables), make sure the
// toolchains the proofs need are installed (into the cache outside the clone),
// then run every compiled *.test.js with
// Node's own test runner. Extra arguments narrow the run to files whose path
// contains one of them, e.g. `npm test -- escape validators/rules`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// The whole build (scripts/build.mjs: tsc, the reader's files, the bundled executables).
if (run(process.execPath, [join(root, 'scripts', 'build.mjs')]) !== 0) {
  console.error('npm test: the build failed (see above).');
  process.exit(1);
}

const toolchains = join(root, 'scripts', 'toolchains.mjs');
if (existsSync(toolchains)) {
  if (run(process.execPath, [toolchains, '--if-missing']) !== 0) {
    console.error('npm test: installing the toolchains failed (see above).');
    process.exit(1);
  }
}

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
let files = collect(join(root, 'dist'), []).sort();
if (filters.length) files = files.filter((f) => filters.some((x) => relative(root, f).split(sep).join('/').includes(x)));
if (files.length === 0) {
  console.error('npm test: no test files matched.');
  process.exit(1);
}
const concurrency = process.env.BG_TEST_CONCURRENCY ?? '2';
// Every temporary folder the tests make lands in one folder of this run (os.tmpdir()
// follows TMPDIR, or TEMP/TMP on Windows, in the processes they spawn too): removed when
// the run passes, kept and named when it fails — instead of thousands of folders left behind.
const runTmp = mkdtempSync(join(tmpdir(), 'bg-service-test-'));
const env = { ...process.env, TMPDIR: runTmp, TEMP: runTmp, TMP: runTmp };
const status = run(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files], { env });
if (status === 0) rmSync(runTmp, { recursive: true, force: true });
else console.error(`npm test: the tests' temporary files are kept in ${runTmp}`);
process.exit(status);
