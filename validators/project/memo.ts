/**
 * Per-run memoisation for loaders and scans: a value computed once per
 * `ProjectFiles` (one run) and key, then dropped with the run.
 */
import type { ProjectFiles } from './types.js';

export function perRunCache<T>(): (files: ProjectFiles, key: string, make: () => T) => T {
  const runs = new WeakMap<ProjectFiles, Map<string, T>>();
  return (files, key, make) => {
    let m = runs.get(files);
    if (!m) runs.set(files, (m = new Map()));
    if (m.has(key)) return m.get(key) as T;
    const v = make();
    m.set(key, v);
    return v;
  };
}

const allFiles = perRunCache<string[]>();

/**
 * Files below `dir` whose `/`-separated path relative to `dir` matches, like
 * `ProjectFiles.glob`, but from one sorted listing of the run's tree with a
 * binary search for the folder: O(log n + k) per call, so loaders that look
 * into every app of a large monorepo stay linear.
 */
export function filesUnder(files: ProjectFiles, dir: string, pattern: RegExp, maxDepth?: number): string[] {
  const all = sortedFiles(files);
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const lo = lowerBound(all, prefix);
  const out: string[] = [];
  for (let i = lo; i < all.length && all[i]!.startsWith(prefix); i++) {
    const rel = all[i]!.slice(prefix.length);
    if (maxDepth !== undefined && rel.split('/').length - 1 > maxDepth) continue;
    if (pattern.test(rel)) out.push(all[i]!);
  }
  return out;
}

function sortedFiles(files: ProjectFiles): string[] {
  return allFiles(files, '', () => [...files.glob(files.root, /(?:)/)].sort());
}

function lowerBound(all: string[], key: string): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when the walk of the run's tree holds `file` (no file-system call, so cheap for files that do not exist). */
export function inTree(files: ProjectFiles, file: string): boolean {
  const all = sortedFiles(files);
  return all[lowerBound(all, file)] === file;
}
