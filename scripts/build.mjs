#!/usr/bin/env node
// `npm run build`, and the build `npm test` and `npm run bench` start with:
// tsc → dist/, then the reader's files (scripts/reader-build.mjs), then the
// bundled executables (scripts/bundle.mjs). One list, so no caller can build
// less than the others (the bench once measured a stale bundle that way).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = [
  ['TypeScript build', join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
  ["the reader's files", join(root, 'scripts', 'reader-build.mjs')],
  ['bundling the executables', join(root, 'scripts', 'bundle.mjs')],
];

for (const [what, ...args] of STEPS) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`build: ${what} failed (see above).`);
    process.exit(r.status ?? 1);
  }
}
