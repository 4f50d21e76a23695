/**
 * typecheckTs: `tsc --noEmit` over a folder of generated TypeScript, with the
 * imports of the real `@tauri-apps/api` and `@capacitor/core` (devDependencies
 * of this project) resolved to this project's node_modules, wherever the
 * folder is (generated code usually sits in a temp dir with no node_modules).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import { type CheckResult, type Diagnostic, ToolchainMissingError, finish, runTool, tail, unlocated, withTempDir } from './common.js';

/** The packages generated TS may import, resolved to this project's copies. */
export const TYPED_PACKAGES = ['@tauri-apps/api', '@capacitor/core'] as const;

export interface TsOptions {
  /** Use the folder's own tsconfig.json when it has one (default true); its `paths` are replaced by the package mapping. */
  ownTsconfig?: boolean;
  /** Module resolution for a generated config: 'bundler' (default: apps bundle Tauri/Capacitor code) or 'nodenext'. */
  resolution?: 'bundler' | 'nodenext';
  /** `lib` for a generated config (default ES2022 + DOM). */
  lib?: readonly string[];
  /** `types` for a generated config (default none; e.g. ['node'] for Node code, from this project's @types). */
  types?: readonly string[];
  /** More compilerOptions, last word. */
  compilerOptions?: Record<string, unknown>;
  timeoutMs?: number;
}

function nodeModules(...parts: string[]): string {
  return join(packageRoot, 'node_modules', ...parts);
}

const LOCATED = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning) (TS\d+): (.*)$/;

/** Parse `tsc --pretty false` output: `file(line,col): error TS1234: …` plus indented continuation lines. */
export function parseTscOutput(text: string, cwd: string, fallbackFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = LOCATED.exec(line);
    if (m) {
      out.push({
        file: resolve(cwd, m[1]!),
        line: Number(m[2]),
        column: Number(m[3]),
        severity: m[4] === 'error' ? 'error' : 'warning',
        message: `${m[6]} [${m[5]}]`,
        tool: 'tsc',
      });
      continue;
    }
    const g = GLOBAL.exec(line);
    if (g) {
      out.push(unlocated('tsc', fallbackFile, `${g[3]} [${g[2]}]`, g[1] === 'error' ? 'error' : 'warning'));
      continue;
    }
    const last = out.at(-1);
    if (last && /^\s+\S/.test(line)) last.message = last.message.replace(/ \[TS\d+\]$/, (code) => `\n${line.trim()}${code}`);
  }
  return out;
}

/** Type-check every .ts/.tsx/.mts/.cts file in `dir`. Throws ToolchainMissingError without typescript or the typed packages. */
export async function typecheckTs(dir: string, opts: TsOptions = {}): Promise<CheckResult> {
  const start = performance.now();
  const root = resolve(dir);
  if (!existsSync(root)) throw new TypeError(`typecheckTs: no such folder ${root}`);
  const tsc = nodeModules('typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) throw new ToolchainMissingError('typescript (tsc)', `not in ${nodeModules()}; run \`npm ci\``);
  const paths: Record<string, string[]> = {};
  for (const pkg of TYPED_PACKAGES) {
    if (!existsSync(nodeModules(pkg, 'package.json'))) throw new ToolchainMissingError(pkg, `not in ${nodeModules()}; run \`npm ci\``);
    paths[pkg] = [nodeModules(pkg)];
    paths[`${pkg}/*`] = [nodeModules(pkg, '*')];
  }
  const own = join(root, 'tsconfig.json');
  const nodenext = opts.resolution === 'nodenext';
  const config =
    (opts.ownTsconfig ?? true) && existsSync(own)
      ? { extends: own, compilerOptions: { noEmit: true, paths, ...opts.compilerOptions } }
      : {
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            module: nodenext ? 'NodeNext' : 'ESNext',
            moduleResolution: nodenext ? 'NodeNext' : 'Bundler',
            lib: opts.lib ?? ['ES2022', 'DOM', 'DOM.Iterable'],
            types: opts.types ?? [],
            typeRoots: [nodeModules('@types')],
            skipLibCheck: true,
            forceConsistentCasingInFileNames: true,
            noUncheckedIndexedAccess: true,
            isolatedModules: true,
            // What Vite's app templates turn on: type-only imports must say so.
            ...(nodenext ? {} : { verbatimModuleSyntax: true }),
            paths,
            ...opts.compilerOptions,
          },
          include: ['ts', 'tsx', 'mts', 'cts'].map((x) => join(root, '**', `*.${x}`)),
          exclude: [join(root, '**', 'node_modules')],
        };
  return withTempDir('tsc', async (tmp) => {
    const project = join(tmp, 'tsconfig.json');
    await writeFile(project, JSON.stringify(config, null, 2));
    const r = await runTool(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: root, timeoutMs: opts.timeoutMs });
    const found = parseTscOutput(r.stdout + r.stderr, root, root);
    if (r.code !== 0 && !found.some((d) => d.severity === 'error'))
      found.push(unlocated('tsc', root, `tsc failed (exit ${r.code ?? r.signal}) without a located error:\n${tail(r.stdout + r.stderr)}`));
    return finish(found, start);
  });
}
