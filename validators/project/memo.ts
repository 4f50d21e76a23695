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
