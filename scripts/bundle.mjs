#!/usr/bin/env node
// The executables users run: the three CLIs bundled from tsc's output
// (dist/cli/*.js) into dist/bin/, with esbuild. Why: Node 20's ES module
// loader resolves, reads, compiles and links each module on its own, and
// `bg-doctor validate` loads ~125 of them (one per rule, by design) — about
// half of a run's CPU time on a typical app (BENCHMARKS.md). Bundled, a run
// loads a handful of files.
//
// - Code splitting keeps every lazy `import()` lazy: `--version` loads the
//   entry file only, the validator and the generator load when a command
//   needs them, each formatter when chosen.
// - ts-morph and TypeScript stay outside (declaration/ts-morph.ts loads them
//   with require() from node_modules, only when a declaration is read).
// - Packages' ES builds are preferred (jsonc-parser's UMD build resolves its
//   parts with a require() the bundler cannot follow).
// - The output lives at the same depth as dist/cli/ (dist/bin/*.js), and the
//   code finds the package's files (package.json, templates/, docs/) through
//   lib/paths.ts, which walks up from wherever the code runs.
//
// `npm run build` and `npm test` run this after tsc.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'bin');
const entries = ['bg-doctor', 'bg-service', 'create-bg-service'];

// The worker threads of a parallel audit (validators/parallel.ts) load this one.
const workers = { 'bg-doctor-worker': join(root, 'dist', 'validators', 'worker.js') };

for (const name of entries) {
  if (!existsSync(join(root, 'dist', 'cli', `${name}.js`))) {
    console.error(`bundle: dist/cli/${name}.js is missing — run tsc first (npm run build).`);
    process.exit(1);
  }
}

// Chunks are content-named: clear the old ones so stale chunks never pile up.
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { ...Object.fromEntries(entries.map((name) => [name, join(root, 'dist', 'cli', `${name}.js`)])), ...workers },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['ts-morph', 'typescript', '@ts-morph/*'],
  // Bundled CommonJS packages may call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bgCreateRequire } from 'node:module'; const require = __bgCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
for (const name of entries) chmodSync(join(outdir, `${name}.js`), 0o755);

const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
const bytes = files.reduce((n, f) => n + statSync(join(root, f)).size, 0);
const chunks = readdirSync(join(outdir, 'chunks')).filter((f) => f.endsWith('.js')).length;
console.error(`bundle: dist/bin/{${[...entries, ...Object.keys(workers)].join(',')}}.js + ${chunks} chunks (${(bytes / 1024).toFixed(0)} KiB)`);
