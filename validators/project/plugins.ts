/**
 * Native sources of the plugins an app links, for the code scans: the app's
 * launch code may call into them (a bg-service module's
 * `<Name>BackgroundTasks.registerAtLaunch()`), and the services its manifest
 * declares may be implemented there.
 *
 *   - bg-service modules the app generated: the files `.bg-service/state.json`
 *     lists (glue and implementation files), under the app;
 *   - Capacitor plugins among the app's package.json `dependencies`
 *     (`file:` paths, or installed in node_modules here or above) — the folders
 *     their package.json names in `capacitor.ios.src` / `capacitor.android.src`;
 *   - Tauri plugins the app's src-tauri/Cargo.toml depends on by path: their
 *     `ios/` and `android/` folders.
 *
 * iOS takes all of these; Android only what lives in the user's own tree
 * (bg-service modules, `file:` and path dependencies), never a package in
 * node_modules: Android rules report at the code they read, and a library
 * file is not the user's to edit.
 *
 * Listed lazily (a rule that never scans code never pays) and cached per run.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ProjectFiles } from './types.js';
import { walkRecordOf, type WalkRecord } from './files.js';
import { perRunCache } from './memo.js';
import { cargoDependencies } from './tauri.js';

export interface PluginSourceRequest {
  /** The app folder (where package.json and .bg-service/ are). */
  appDir: string;
  packageJson?: string;
  /** src-tauri, for a Tauri app. */
  tauriDir?: string;
}


export const SWIFT = /\.(?:swift|m|mm)$/;
export const KOTLIN = /\.(?:kt|java)$/;
/** Folders that are never a plugin's shipped sources. */
const SKIP = /^(?:node_modules|build|\.build|Pods|DerivedData|\.gradle|\.swiftpm|example|examples|[^/]*Tests?|test|androidTest)$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Files under `dir` (depth-limited, skipping build and test folders) whose
 * names match: from the run's walk when it read `dir` and left nothing out
 * below it, else from the disk (node_modules, folders outside the audited
 * root or under a folder the walk skipped). Both give the same list.
 */
export function listSources(files: ProjectFiles, dir: string, pattern: RegExp, depth = 10): string[] {
  const walked = walkRecordOf(files);
  if (!walked?.complete || !walked.listedDirs.has(dir) || partlyListed(walked).has(dir)) {
    // Most folders the walk did not read do not exist (src/main/kotlin beside
    // src/main/java): a stat says so without the exception a failed readdir costs.
    return files.isDir(dir) ? readSources(dir, pattern, depth) : [];
  }
  const prefixLength = (dir.endsWith(sep) ? dir : dir + sep).length;
  // The walk lists links to files as files and enters folders a readdir
  // listing skips (SKIP): leave both out, as readdir's `isFile()` and the SKIP test do.
  return files
    .glob(dir, pattern, { maxDepth: depth })
    .filter((p) => !walked.symlinks.has(p) && !p.slice(prefixLength).split(sep).slice(0, -1).some((d) => SKIP.test(d)))
    .sort();
}

/** `listSources` from the disk: readdir from `dir` down (what listSources gave before it used the walk). */
export function readSources(dir: string, pattern: RegExp, depth: number): string[] {
  const out: string[] = [];
  const visit = (d: string, level: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (level < depth && !SKIP.test(e.name)) visit(join(d, e.name), level + 1);
      } else if (e.isFile() && pattern.test(e.name)) out.push(join(d, e.name));
    }
  };
  visit(dir, 0);
  return out.sort();
}

const partlyListedByWalk = new WeakMap<WalkRecord, Set<string>>();

/**
 * Folders with something below them that a readdir listing could find and the
 * walk's list lacks: every folder above a folder the walk did not enter (but
 * for SKIP names, which listSources never enters either) or above an ignored file.
 */
function partlyListed(walked: WalkRecord): Set<string> {
  let out = partlyListedByWalk.get(walked);
  if (out) return out;
  out = new Set();
  const unlisted = [...walked.unlistedDirs.filter((d) => !SKIP.test(basename(d))), ...walked.ignoredFiles];
  for (const entry of unlisted) {
    for (let d = dirname(entry); !out.has(d); d = dirname(d)) {
      out.add(d);
      if (d === walked.root || dirname(d) === d) break;
    }
  }
  partlyListedByWalk.set(walked, out);
  return out;
}

/** Android sources of a library folder (`src/main/java`, `src/main/kotlin`). */
function androidSources(files: ProjectFiles, libDir: string): string[] {
  return [...listSources(files, join(libDir, 'src', 'main', 'java'), KOTLIN), ...listSources(files, join(libDir, 'src', 'main', 'kotlin'), KOTLIN)];
}

/** Where an npm dependency lives: a `file:` path, or node_modules here or in a folder above (hoisted workspaces). */
function dependencyDir(files: ProjectFiles, appDir: string, name: string, spec: unknown): { dir: string; local: boolean } | undefined {
  if (typeof spec === 'string' && spec.startsWith('file:')) return { dir: resolve(appDir, spec.slice('file:'.length)), local: true };
  for (let d = appDir; ; d = dirname(d)) {
    const dir = join(d, 'node_modules', name);
    if (files.exists(join(dir, 'package.json'))) return { dir, local: false };
    if (d === files.root || dirname(d) === d || !d.startsWith(files.root)) return undefined;
  }
}

const cache = perRunCache<string[]>();

/**
 * The plugins' sources for one platform: Swift / Objective-C for `ios`,
 * Kotlin / Java for `android` (local plugins only, so node_modules is not even
 * looked at).
 */
export function pluginSources(files: ProjectFiles, req: PluginSourceRequest, platform: 'ios' | 'android'): string[] {
  return cache(files, `${platform}\0${req.appDir}\0${req.packageJson ?? ''}\0${req.tauriDir ?? ''}`, () => collect(files, req, platform));
}

function collect(files: ProjectFiles, req: PluginSourceRequest, platform: 'ios' | 'android'): string[] {
  const out = new Set<string>();

  // bg-service modules generated into the app.
  const state = files.json(join(req.appDir, '.bg-service', 'state.json'));
  if (isObject(state) && isObject(state.services)) {
    for (const svc of Object.values(state.services)) {
      if (!isObject(svc)) continue;
      const paths = [...Object.keys(isObject(svc.files) ? svc.files : {}), ...(Array.isArray(svc.userFiles) ? svc.userFiles.filter((p): p is string => typeof p === 'string') : [])];
      for (const p of paths) {
        if (p.includes('..')) continue;
        const wanted =
          platform === 'ios' ? /(?:^|\/)ios\//.test(p) && SWIFT.test(p) : /(?:^|\/)android\/src\/main\/(?:java|kotlin)\//.test(p) && KOTLIN.test(p);
        if (!wanted) continue; // most of a module's files are neither (TypeScript, Rust, manifests): no path to build for them
        const abs = join(req.appDir, ...p.split('/'));
        if (files.exists(abs)) out.add(abs);
      }
    }
  }

  // Capacitor plugins the app depends on.
  const pkg = req.packageJson ? files.json(req.packageJson) : undefined;
  const deps = isObject(pkg) && isObject(pkg.dependencies) ? pkg.dependencies : {};
  for (const [name, spec] of Object.entries(deps)) {
    if (platform === 'android' && !(typeof spec === 'string' && spec.startsWith('file:'))) continue;
    const where = dependencyDir(files, req.appDir, name, spec);
    if (!where) continue;
    const meta = files.json(join(where.dir, 'package.json'));
    const cap = isObject(meta) && isObject(meta.capacitor) ? meta.capacitor : undefined;
    if (!cap) continue;
    const p = cap[platform];
    if (!isObject(p)) continue;
    const dir = join(where.dir, typeof p.src === 'string' ? p.src : platform);
    for (const f of platform === 'ios' ? listSources(files, dir, SWIFT) : androidSources(files, dir)) out.add(f);
  }

  // Tauri plugins by path.
  if (req.tauriDir) {
    const cargo = join(req.tauriDir, 'Cargo.toml');
    if (files.exists(cargo)) {
      for (const d of [...cargoDependencies(files, cargo).values()].flat()) {
        if (!d.path) continue;
        for (const f of platform === 'ios' ? listSources(files, join(d.path, 'ios'), SWIFT) : androidSources(files, join(d.path, 'android'))) out.add(f);
      }
    }
  }
  return [...out].sort();
}
