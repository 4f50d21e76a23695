/**
 * Just enough of Gradle, read statically (nothing is executed): which modules
 * are applications or libraries, which project modules and Maven artifacts an
 * app depends on, and its targetSdk / compileSdk / minSdk — from literals,
 * `ext`/`extra` variables, version catalogs (`gradle/*.versions.toml`),
 * `gradle.properties`, and constants in buildSrc / build-logic Kotlin files
 * (e.g. `Config.targetSdk`). Values that cannot be resolved statically (such
 * as Flutter's `flutter.targetSdkVersion`) stay unknown, never low.
 */
import { basename, dirname, join } from 'node:path';
import type { ProjectFiles, SdkLevel, TextLocation } from './types.js';

export type ModuleKind = 'application' | 'library' | 'unknown';

export interface ModuleBuild {
  dir: string;
  buildFile?: string;
  kind: ModuleKind;
  namespace?: string;
  /** Module folders of `project(':x')` / `projects.x` dependencies (direct). */
  projectDeps: string[];
  /** Maven coordinates `group:artifact` of direct dependencies. */
  artifacts: string[];
  sdk: { targetSdk: SdkLevel; compileSdk: SdkLevel; minSdk: SdkLevel };
}

interface Value {
  value: string;
  loc: TextLocation;
}

export interface GradleRoot {
  dir: string;
  settingsFile?: string;
  /** Gradle path (':legacy:common') → module folder. */
  includes: Map<string, string>;
  /** `ext`/`extra` variables and gradle.properties entries. */
  ext: Map<string, Value>;
  /** Integer constants from buildSrc / build-logic Kotlin (by simple name). */
  constants: Map<string, Value>;
  catalogVersions: Map<string, Value>;
  /** Normalised accessor (`androidx.work.runtime.ktx`) → `group:artifact`. */
  catalogLibraries: Map<string, string>;
  catalogBundles: Map<string, string[]>;
  catalogPlugins: Map<string, string>;
  /** Convention-plugin / root build files that may set SDK levels for every module. */
  conventionFiles: string[];
}

const CONVENTION_DIRS = /(^|\/)(buildSrc|build-logic|build-plugin|buildLogic|build-conventions|convention|gradle\/plugins|plugins\/[\w-]+-conventions?)\//;

/** Replace comments with spaces (offsets kept), respecting string literals. */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += src.slice(i, stop).replace(/[^\n\r]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'") {
      const triple = src.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < n && !src.startsWith(q, j)) {
        if (src[j] === '\\') j++;
        else if (!triple && src[j] === '\n') break;
        j++;
      }
      const stop = Math.min(n, j + q.length);
      out += src.slice(i, stop);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function loc(files: ProjectFiles, file: string, start: number, end: number): TextLocation {
  const p = files.position(file, start);
  return { file, line: p.line, column: p.column, start, end };
}

/** Normalise an accessor or catalog key: `target-sdk`, `target_sdk`, `targetSdk` → `target.sdk`-insensitive key. */
export function normKey(k: string): string {
  return k.replace(/[-_.]/g, '').toLowerCase();
}

function toAccessor(alias: string): string {
  return alias
    .split(/[-_.]/)
    .filter(Boolean)
    .join('.')
    .toLowerCase();
}

const rootCache = new WeakMap<ProjectFiles, Map<string, GradleRoot>>();

/** The Gradle build that contains `dir` (nearest settings.gradle(.kts), else `fallback`). */
export function findGradleRootDir(files: ProjectFiles, dir: string, stopAt: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (files.exists(join(d, 'settings.gradle')) || files.exists(join(d, 'settings.gradle.kts'))) return d;
    if (d === stopAt || dirname(d) === d || !d.startsWith(stopAt)) return undefined;
  }
}

export function gradleRoot(files: ProjectFiles, dir: string): GradleRoot {
  let cache = rootCache.get(files);
  if (!cache) rootCache.set(files, (cache = new Map()));
  const hit = cache.get(dir);
  if (hit) return hit;
  const root: GradleRoot = {
    dir,
    includes: new Map(),
    ext: new Map(),
    constants: new Map(),
    catalogVersions: new Map(),
    catalogLibraries: new Map(),
    catalogBundles: new Map(),
    catalogPlugins: new Map(),
    conventionFiles: [],
  };
  cache.set(dir, root);

  // settings.gradle: include(':a', ':b:c') and projectDir overrides.
  for (const name of ['settings.gradle', 'settings.gradle.kts']) {
    const file = join(dir, name);
    const src = files.read(file);
    if (src === undefined) continue;
    root.settingsFile = file;
    const text = stripComments(src);
    for (const m of text.matchAll(/\binclude\s*\(?([^\n)]*)/g)) {
      for (const s of m[1]!.matchAll(/["']([:\w.-]+)["']/g)) {
        const path = s[1]!.startsWith(':') ? s[1]! : ':' + s[1]!;
        root.includes.set(path, join(dir, ...path.split(':').filter(Boolean)));
      }
    }
    for (const m of text.matchAll(/project\(\s*["']([:\w.-]+)["']\s*\)\s*\.projectDir\s*=\s*(?:file|new\s+File)\(\s*(?:settingsDir\s*,\s*|rootDir\s*,\s*)?["']([^"']+)["']/g)) {
      const path = m[1]!.startsWith(':') ? m[1]! : ':' + m[1]!;
      root.includes.set(path, join(dir, m[2]!));
    }
  }

  // ext variables: root build file, any *.gradle applied from the root (variables.gradle), gradle.properties.
  const extFiles = ['build.gradle', 'build.gradle.kts', 'variables.gradle', 'versions.gradle', 'dependencies.gradle', 'config.gradle'];
  for (const name of extFiles) {
    const file = join(dir, name);
    const src = files.read(file);
    if (src === undefined) continue;
    const text = stripComments(src);
    const re = /(?:^|[\s{;(,])(?:def\s+|val\s+|var\s+|ext\.|extra\[["'])?([A-Za-z_]\w*)["']?\]?\s*[=:]\s*["']?(\d+)["']?(?=\s*[\n;,)}])/g;
    for (const m of text.matchAll(re)) {
      const at = m.index! + m[0].indexOf(m[2]!, m[0].indexOf(m[1]!) + m[1]!.length);
      if (!root.ext.has(m[1]!)) root.ext.set(m[1]!, { value: m[2]!, loc: loc(files, file, at, at + m[2]!.length) });
    }
    for (const m of text.matchAll(/val\s+(\w+)\s+by\s+extra\(\s*(\d+)\s*\)/g)) {
      const at = m.index! + m[0].lastIndexOf(m[2]!);
      root.ext.set(m[1]!, { value: m[2]!, loc: loc(files, file, at, at + m[2]!.length) });
    }
    for (const m of text.matchAll(/extra\.set\(\s*["'](\w+)["']\s*,\s*(\d+)\s*\)/g)) {
      const at = m.index! + m[0].lastIndexOf(m[2]!);
      root.ext.set(m[1]!, { value: m[2]!, loc: loc(files, file, at, at + m[2]!.length) });
    }
    if (name.startsWith('build.gradle')) root.conventionFiles.push(file);
  }
  const props = join(dir, 'gradle.properties');
  const propSrc = files.read(props);
  if (propSrc !== undefined) {
    for (const m of propSrc.matchAll(/^[ \t]*([\w.-]+)[ \t]*[=:][ \t]*(\S+)[ \t]*$/gm)) {
      if (!root.ext.has(m[1]!)) {
        const at = m.index! + m[0].lastIndexOf(m[2]!);
        root.ext.set(m[1]!, { value: m[2]!, loc: loc(files, props, at, at + m[2]!.length) });
      }
    }
  }

  // Version catalogs.
  for (const file of files.glob(dir, /^gradle\/[\w.-]+\.versions\.toml$/)) readCatalog(files, file, root);

  // buildSrc / build-logic constants and convention files.
  for (const file of files.glob(dir, /\.(kt|kts|gradle)$/)) {
    const rel = file.slice(dir.length + 1).split('\\').join('/');
    if (!CONVENTION_DIRS.test(rel)) continue;
    const src = files.read(file);
    if (src === undefined) continue;
    const text = stripComments(src);
    for (const m of text.matchAll(/(?:const\s+)?va[lr]\s+(\w+)\s*(?::\s*Int)?\s*=\s*(\d+)\b/g)) {
      const at = m.index! + m[0].lastIndexOf(m[2]!);
      if (!root.constants.has(m[1]!)) root.constants.set(m[1]!, { value: m[2]!, loc: loc(files, file, at, at + m[2]!.length) });
    }
    if (/(?<![.\w])(targetSdk|compileSdk|minSdk)(Version)?\b/.test(text)) root.conventionFiles.push(file);
  }
  return root;
}

function readCatalog(files: ProjectFiles, file: string, root: GradleRoot): void {
  const src = files.read(file);
  if (src === undefined) return;
  let section = '';
  let offset = 0;
  for (const rawLine of src.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const sec = /^\[([\w.-]+)\]$/.exec(line);
    if (sec) {
      section = sec[1]!;
      continue;
    }
    const kv = /^([\w.-]+)\s*=\s*(.+)$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!;
    const value = kv[2]!.trim();
    if (section === 'versions') {
      const s = /^["']([^"']*)["']/.exec(value) ?? /(?:strictly|require|prefer)\s*=\s*["']([^"']*)["']/.exec(value);
      if (s) {
        const at = lineStart + rawLine.indexOf(s[1]!, rawLine.indexOf('='));
        root.catalogVersions.set(normKey(key), { value: s[1]!, loc: loc(files, file, at, at + s[1]!.length) });
      }
    } else if (section === 'libraries') {
      let coord: string | undefined;
      const str = /^["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/.exec(value);
      const mod = /module\s*=\s*["']([\w.-]+):([\w.-]+)["']/.exec(value);
      const grp = /group\s*=\s*["']([\w.-]+)["']/.exec(value);
      const nam = /name\s*=\s*["']([\w.-]+)["']/.exec(value);
      if (str) coord = `${str[1]}:${str[2]}`;
      else if (mod) coord = `${mod[1]}:${mod[2]}`;
      else if (grp && nam) coord = `${grp[1]}:${nam[1]}`;
      if (coord) root.catalogLibraries.set(toAccessor(key), coord);
    } else if (section === 'bundles') {
      const items = [...value.matchAll(/["']([\w.-]+)["']/g)].map((m) => toAccessor(m[1]!));
      root.catalogBundles.set(toAccessor(key), items);
    } else if (section === 'plugins') {
      const id = /id\s*=\s*["']([\w.-]+)["']/.exec(value) ?? /^["']([\w.-]+)(?::[^"']*)?["']/.exec(value);
      if (id) root.catalogPlugins.set(toAccessor(key), id[1]!);
    }
  }
}

/** Resolve an SDK expression to a number, or say why not. */
export function resolveSdkExpression(
  expr: string,
  root: GradleRoot | undefined,
): { value?: number; unresolved?: string; loc?: TextLocation } {
  let e = expr.trim().replace(/[,;]\s*$/, '');
  const original = e;
  for (;;) {
    const before = e;
    e = e
      .replace(/\s+as\s+Int\??$/, '')
      .replace(/\.(toInt|toInteger|get|getOrElse\([^)]*\)|orNull)\(\)$/, '')
      .replace(/\.(toInt|toInteger|get)\b$/, '')
      .replace(/^(?:Integer\.parseInt|Integer\.valueOf|parseInt)\((.*)\)$/, '$1')
      .replace(/^\((.*)\)$/, '$1')
      .trim();
    if (e === before) break;
  }
  const lit = /^["']?(?:android-)?(\d+)["']?$/.exec(e) ?? /^release\(\s*(\d+)\s*\)/.exec(e) ?? /^(\d+)\s*(?:\/\/.*)?$/.exec(e);
  if (lit) return { value: Number(lit[1]) };
  if (/^flutter\./.test(e)) return { unresolved: original };
  if (!root) return { unresolved: original };
  const fromValue = (v: Value | undefined) => {
    if (!v) return undefined;
    const n = /^["']?(\d+)["']?$/.exec(v.value.trim());
    return n ? { value: Number(n[1]), loc: v.loc } : undefined;
  };
  const cat = /^libs\.versions\.([\w.]+)$/.exec(e);
  if (cat) return fromValue(root.catalogVersions.get(normKey(cat[1]!))) ?? { unresolved: original };
  const prop =
    /^(?:project\.)?(?:findProperty|property|providers\.gradleProperty)\(\s*["']([\w.-]+)["']\s*\)/.exec(e) ??
    /^(?:rootProject\.|project\.)?(?:ext\.|extra\[["']|extra\.get\(["']|ext\.get\(["']|ext\[["'])?([\w.-]+?)["']?[\])]?$/.exec(e);
  if (prop) {
    const name = prop[1]!;
    const simple = name.split('.').pop()!;
    const v = fromValue(root.ext.get(name)) ?? fromValue(root.ext.get(simple)) ?? fromValue(root.constants.get(simple));
    if (v) return v;
  }
  const last = /([A-Za-z_]\w*)$/.exec(e);
  if (last) {
    const v = fromValue(root.constants.get(last[1]!)) ?? fromValue(root.ext.get(last[1]!));
    if (v) return v;
  }
  return { unresolved: original };
}

const SDK_RE = /(?<![.\w"'])(targetSdk|compileSdk|minSdk)(?:Version)?(?:Preview)?\b(?:[ \t]*(=|\.set\(|\()[ \t]*|[ \t]+)([^\n;{}]+)/g;

function balanceParens(expr: string): string {
  let e = expr.trim();
  const count = (ch: string) => e.split(ch).length - 1;
  while (e.endsWith(')') && count(')') > count('(')) e = e.slice(0, -1).trim();
  return e;
}

/** SDK levels assigned in one build file (max targetSdk/compileSdk, min minSdk across flavors). */
export function sdkAssignments(
  files: ProjectFiles,
  file: string,
  root: GradleRoot | undefined,
): { targetSdk: SdkLevel; compileSdk: SdkLevel; minSdk: SdkLevel } {
  const out = { targetSdk: {} as SdkLevel, compileSdk: {} as SdkLevel, minSdk: {} as SdkLevel };
  const src = files.read(file);
  if (src === undefined) return out;
  const text = stripComments(src);
  for (const m of text.matchAll(SDK_RE)) {
    const kind = m[1] as 'targetSdk' | 'compileSdk' | 'minSdk';
    const raw = m[3]!;
    const expr = balanceParens(raw);
    if (!expr || /^[=:]/.test(expr)) continue;
    const exprStart = m.index! + m[0].length - raw.length + (raw.length - raw.trimStart().length);
    const r = resolveSdkExpression(expr, root);
    const here = loc(files, file, exprStart, exprStart + expr.length);
    const cur = out[kind];
    if (r.value !== undefined) {
      const better = cur.value === undefined || (kind === 'minSdk' ? r.value < cur.value : r.value > cur.value);
      if (better) out[kind] = { value: r.value, loc: r.loc ?? here };
    } else if (cur.value === undefined && cur.unresolved === undefined) {
      out[kind] = { unresolved: r.unresolved ?? expr, loc: here };
    }
  }
  return out;
}

/** Read a module's build file (if any). */
export function readModuleBuild(files: ProjectFiles, dir: string, root: GradleRoot | undefined): ModuleBuild {
  const mb: ModuleBuild = {
    dir,
    kind: 'unknown',
    projectDeps: [],
    artifacts: [],
    sdk: { targetSdk: {}, compileSdk: {}, minSdk: {} },
  };
  const buildFile = ['build.gradle', 'build.gradle.kts'].map((n) => join(dir, n)).find((f) => files.exists(f));
  if (!buildFile) return mb;
  mb.buildFile = buildFile;
  const src = files.read(buildFile) ?? '';
  const text = stripComments(src);

  const pluginIds: string[] = [];
  for (const m of text.matchAll(/(?:id\s*\(?\s*|apply\s+plugin\s*:\s*|plugin\s*\(\s*)["']([\w.-]+)["']/g)) pluginIds.push(m[1]!);
  for (const m of text.matchAll(/alias\(\s*libs\.plugins\.([\w.]+)\s*\)/g)) {
    pluginIds.push(root?.catalogPlugins.get(m[1]!.toLowerCase()) ?? m[1]!);
  }
  for (const m of text.matchAll(/\bid\s*\(\s*([A-Z]\w*(?:\.\w+)+)\s*\)/g)) pluginIds.push(m[1]!);
  const ids = pluginIds.join(' ');
  if (/\bapplicationId\b/.test(text) || /com\.android\.application|android[.-]application|\bApp\b|\bapp\b\.|\.app(\.|$|\s)|application/i.test(ids)) {
    mb.kind = 'application';
  } else if (/com\.android\.library|android[.-]library|kotlin\.multiplatform\.library|library|\bLibrary\b|\blib\b/i.test(ids)) {
    mb.kind = 'library';
  } else if (/com\.android\.(test|dynamic-feature)/.test(ids)) {
    mb.kind = 'library';
  }
  const ns = /\bnamespace\s*=?\s*["']([\w.]+)["']/.exec(text);
  if (ns) mb.namespace = ns[1];

  // Project dependencies.
  const deps = new Set<string>();
  for (const m of text.matchAll(/project\(\s*(?:path\s*[:=]\s*)?["'](:[\w.:-]*)["']/g)) {
    const d = projectDir(m[1]!, root, dir);
    if (d) deps.add(d);
  }
  for (const m of text.matchAll(/\bprojects\.([\w.]+)/g)) {
    const d = accessorDir(m[1]!, root);
    if (d) deps.add(d);
  }
  deps.delete(dir);
  mb.projectDeps = [...deps];

  // Maven artifacts.
  const arts = new Set<string>();
  for (const m of text.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"'\s]*)?["']/g)) {
    if (m[1]!.includes('.') || m[1] === 'androidx') arts.add(`${m[1]}:${m[2]}`);
  }
  for (const m of text.matchAll(/group\s*[:=]\s*["']([\w.-]+)["']\s*,\s*name\s*[:=]\s*["']([\w.-]+)["']/g)) arts.add(`${m[1]}:${m[2]}`);
  if (root) {
    for (const m of text.matchAll(/\blibs\.bundles\.([\w.]+)/g)) {
      for (const a of root.catalogBundles.get(m[1]!.toLowerCase()) ?? []) {
        const c = root.catalogLibraries.get(a);
        if (c) arts.add(c);
      }
    }
    for (const m of text.matchAll(/\blibs\.(?!versions\.|plugins\.|bundles\.)([\w.]+)/g)) {
      const acc = m[1]!.replace(/\.(get|asProvider)$/, '').toLowerCase();
      const c = root.catalogLibraries.get(acc);
      if (c) arts.add(c);
    }
  }
  mb.artifacts = [...arts];

  mb.sdk = sdkAssignments(files, buildFile, root);
  return mb;
}

function projectDir(path: string, root: GradleRoot | undefined, fromDir: string): string | undefined {
  if (root) {
    const inc = root.includes.get(path);
    if (inc) return inc;
    return join(root.dir, ...path.split(':').filter(Boolean));
  }
  return join(dirname(fromDir), ...path.split(':').filter(Boolean));
}

function accessorDir(acc: string, root: GradleRoot | undefined): string | undefined {
  if (!root) return undefined;
  const want = normKey(acc.replace(/\.(dependencyProject|path)$/, ''));
  for (const [path, dir] of root.includes) {
    if (normKey(path.split(':').filter(Boolean).join('.')) === want) return dir;
  }
  return undefined;
}

/** SDK levels set by convention plugins / root build files (fallback when a module sets none). */
export function conventionSdk(files: ProjectFiles, root: GradleRoot): { targetSdk: SdkLevel; compileSdk: SdkLevel; minSdk: SdkLevel } {
  const out = { targetSdk: {} as SdkLevel, compileSdk: {} as SdkLevel, minSdk: {} as SdkLevel };
  for (const f of root.conventionFiles) {
    const s = sdkAssignments(files, f, root);
    for (const k of ['targetSdk', 'compileSdk', 'minSdk'] as const) {
      const cur = out[k];
      const v = s[k];
      if (v.value !== undefined && (cur.value === undefined || (k === 'minSdk' ? v.value < cur.value : v.value > cur.value))) out[k] = v;
      else if (cur.value === undefined && !cur.unresolved && v.unresolved) out[k] = v;
    }
  }
  return out;
}

export function isBuildFileName(name: string): boolean {
  return name === 'build.gradle' || name === 'build.gradle.kts';
}

export { basename };
