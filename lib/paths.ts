/** Where the package's own files are, whether running from `dist/` or the source tree. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`bg-service: cannot find the package root above ${start}`);
    dir = up;
  }
}

/** The package root (the folder with package.json and templates/). */
export const packageRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * True when this code runs from the bundled executables (dist/bin, what
 * `bin` installs), not from the compiled modules (tests, the source tree):
 * the bundle is one set of files, the compiled modules another.
 */
export const runningBundled: boolean = fileURLToPath(import.meta.url).startsWith(join(packageRoot, 'dist', 'bin') + sep);

/** A path inside the package's source tree (templates, fixtures, examples). */
export function sourcePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}

/** The shared folder beside the project (corpus, reference), overridable for tests. */
export function sharedPath(...parts: string[]): string {
  return join(process.env.BG_SHARED_DIR ?? join(packageRoot, '..', 'shared'), ...parts);
}

/** The cache for toolchains and build outputs, outside the clone. */
export function cachePath(...parts: string[]): string {
  const base =
    process.env.BG_SERVICE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'), 'bg-service');
  return join(base, ...parts);
}

/** An executable as users run it: the package.json `bin` entry (the bundled CLI in dist/bin). */
export function binPath(name: 'bg-doctor' | 'bg-service' | 'create-bg-service'): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin[name];
  if (!bin) throw new Error(`bg-service: package.json has no bin entry for ${name}`);
  return join(packageRoot, bin);
}

/** A path with '/' separators (project-relative paths in state, snapshots, records and reports). */
export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
