/**
 * The TypeScript every matrix row generates — the shared `ts/types.ts`, each Tauri
 * plugin's guest-js and each Capacitor plugin's src — type-checked in ONE tsc run
 * against the real @tauri-apps/api and @capacitor/core, with the plugins' own
 * strictness (noUnused*, noUncheckedIndexedAccess, verbatimModuleSyntax). Each
 * project's TS goes into its own folder of a temporary tree (the same module may be in
 * several shapes; folders keep them apart).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { typecheckTs } from '../../toolchains/index.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

/** Project-relative .ts files of the host plugins and the shared types. */
const tsOf = (p: MatrixProject) => p.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.bg.ts') && /(^|\/)(?:tauri\/guest-js|capacitor\/src|ts)\//.test(f));

export const tsChecks: MatrixCheck[] = [
  {
    name: 'ts: every host API and shared types.ts type-checks with tsc against the real @tauri-apps/api and @capacitor/core',
    applies: (p) => tsOf(p).length > 0,
    async run(projects) {
      const tree = await mkdtemp(join(tmpdir(), 'bg-matrix-ts-'));
      try {
        const owners = new Map<string, MatrixProject>();
        projects.forEach((p, i) => {
          const dir = join(tree, `${i}`);
          owners.set(dir, p);
          for (const f of tsOf(p)) {
            mkdirSync(dirname(join(dir, f)), { recursive: true });
            cpSync(join(p.root, f), join(dir, f));
          }
        });
        const r = await typecheckTs(tree, { ownTsconfig: false, compilerOptions: { noUnusedLocals: true, noUnusedParameters: true, lib: ['ES2021', 'DOM'] } });
        return r.diagnostics.map((d): CheckFailure => {
          const rel = relative(tree, d.file);
          const index = rel.split(sep)[0]!;
          const project = owners.get(join(tree, index)) ?? projects[0]!;
          return { project, file: rel.slice(index.length + 1), ...(d.line ? { line: d.line, column: d.column } : {}), message: d.message };
        });
      } finally {
        rmSync(tree, { recursive: true, force: true });
      }
    },
  },
];
