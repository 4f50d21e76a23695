/**
 * The Tauri v2 part of the project model: `src-tauri` with its config (and
 * platform overlays), capability files, Cargo.toml dependencies (with their
 * `cfg(…)` targets), app permissions, local plugin crates, and the frontend
 * sources that call plugins. Views are built on first use and cached per run.
 */
import { dirname, join, relative } from 'node:path';
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { CAPABILITY_PLATFORMS, TARGET_OS, type TauriPlatform } from '../data/tauri.js';
import { toPosix } from './files.js';
import { perRunCache } from './memo.js';
import type { AppProject, ProjectFiles, TauriApp } from './types.js';

export const TAURI_CONFIG_NAMES = ['tauri.conf.json', 'tauri.conf.json5', 'Tauri.toml'];

export function loadTauri(files: ProjectFiles, srcTauriDir: string): TauriApp {
  const configFile = TAURI_CONFIG_NAMES.map((n) => join(srcTauriDir, n)).find((f) => files.exists(f));
  const cargo = join(srcTauriDir, 'Cargo.toml');
  return {
    dir: srcTauriDir,
    configFile,
    capabilityFiles: files.glob(join(srcTauriDir, 'capabilities'), /\.(json|json5|toml)$/),
    cargoTomlFile: files.exists(cargo) ? cargo : undefined,
  };
}

/** Android folders of Tauri plugins the crate depends on by path (`tauri-plugin-x = { path = "…" }`). */
export function tauriPluginAndroidDirs(files: ProjectFiles, srcTauriDir: string): string[] {
  const cargo = join(srcTauriDir, 'Cargo.toml');
  if (!files.exists(cargo)) return [];
  return [...cargoDependencies(files, cargo).values()].flat().flatMap((d) => (d.crate.startsWith('tauri-plugin-') && d.path ? [join(d.path, 'android')] : []));
}

// ------------------------------------------------------------------ TOML (the subset Cargo.toml and ACL files use)

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}
export interface TomlDoc {
  value: TomlTable;
  /** 1-based line of each key and array item, by its path joined with '\u0000'. */
  lines: Map<string, number>;
}

/** Parse TOML tables, dotted and quoted keys, strings, numbers, booleans, (multi-line) arrays and inline tables. Throws on syntax errors. */
export function parseToml(src: string): TomlDoc {
  const root: TomlTable = {};
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const n = src.length;
  let current: TomlTable = root;
  let currentPath: string[] = [];
  const fail = (m: string): never => {
    throw new Error(`TOML line ${line}: ${m}`);
  };
  const skipWs = (newlines: boolean) => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '\n' && newlines) (i++, line++);
      else if (c === '#') while (i < n && src[i] !== '\n') i++;
      else return;
    }
  };
  const str = (): string => {
    const q = src[i];
    if (src.startsWith(q === '"' ? '"""' : "'''", i)) {
      const end = src.indexOf(q!.repeat(3), i + 3);
      if (end < 0) fail('unterminated string');
      let s = src.slice(i + 3, end);
      for (const ch of s) if (ch === '\n') line++;
      i = end + 3;
      if (s.startsWith('\n')) s = s.slice(1);
      return q === '"' ? unescapeToml(s) : s;
    }
    let k = i + 1;
    let out = '';
    while (k < n && src[k] !== q) {
      if (src[k] === '\n') fail('newline in string');
      if (q === '"' && src[k] === '\\') {
        out += src.slice(k, k + 2);
        k += 2;
      } else out += src[k++];
    }
    if (k >= n) fail('unterminated string');
    i = k + 1;
    return q === '"' ? unescapeToml(out) : out;
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipWs(false);
      if (src[i] === '"' || src[i] === "'") parts.push(str());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i, i + 256));
        if (!m) fail(`expected a key, found ${JSON.stringify(src[i] ?? 'end of file')}`);
        parts.push(m![0]);
        i += m![0].length;
      }
      skipWs(false);
      if (src[i] !== '.') return parts;
      i++;
    }
  };
  const value = (path: string[]): TomlValue => {
    skipWs(false);
    const c = src[i];
    if (c === '"' || c === "'") return str();
    if (c === '[') {
      i++;
      const arr: TomlValue[] = [];
      for (;;) {
        skipWs(true);
        if (src[i] === ']') {
          i++;
          return arr;
        }
        lines.set([...path, String(arr.length)].join('\u0000'), line);
        arr.push(value([...path, String(arr.length)]));
        skipWs(true);
        if (src[i] === ',') i++;
        else if (src[i] !== ']') fail('expected , or ]');
      }
    }
    if (c === '{') {
      i++;
      const t: TomlTable = {};
      for (;;) {
        skipWs(false);
        if (src[i] === '}') {
          i++;
          return t;
        }
        const k = key();
        if (src[i] !== '=') fail('expected =');
        i++;
        setPath(t, k, value([...path, ...k]));
        skipWs(false);
        if (src[i] === ',') i++;
      }
    }
    const m = /^(?:true|false|[+-]?[0-9][0-9_.eE+-]*|[0-9]{4}-[0-9T:.+Z-]+)/.exec(src.slice(i, i + 64));
    if (!m) fail(`unexpected ${JSON.stringify(c ?? 'end of file')}`);
    i += m![0].length;
    return m![0] === 'true' ? true : m![0] === 'false' ? false : Number.isNaN(Number(m![0].replace(/_/g, ''))) ? m![0] : Number(m![0].replace(/_/g, ''));
  };
  const setPath = (t: TomlTable, path: string[], v: TomlValue) => {
    let cur = t;
    for (const p of path.slice(0, -1)) {
      const next = cur[p];
      if (next === undefined) cur = cur[p] = {};
      else if (typeof next === 'object' && !Array.isArray(next)) cur = next;
      else fail(`${p} is not a table`);
    }
    cur[path[path.length - 1]!] = v;
  };
  for (;;) {
    skipWs(true);
    if (i >= n) break;
    if (src[i] === '[') {
      const arrayTable = src[i + 1] === '[';
      i += arrayTable ? 2 : 1;
      const path = key();
      if (src[i] !== ']') fail('expected ]');
      i += arrayTable ? 2 : 1;
      lines.set(path.join('\u0000'), line);
      let cur = root;
      for (const [k, p] of path.entries()) {
        const last = k === path.length - 1;
        let next = cur[p];
        if (last && arrayTable) {
          if (!Array.isArray(next)) next = cur[p] = [];
          const t: TomlTable = {};
          (next as TomlValue[]).push(t);
          cur = t;
          break;
        }
        if (next === undefined) next = cur[p] = {};
        if (Array.isArray(next)) next = next[next.length - 1] as TomlTable;
        if (typeof next !== 'object') fail(`${p} is not a table`);
        cur = next as TomlTable;
      }
      current = cur;
      currentPath = path;
      continue;
    }
    const startLine = line;
    const k = key();
    if (src[i] !== '=') fail('expected =');
    i++;
    lines.set([...currentPath, ...k].join('\u0000'), startLine);
    setPath(current, k, value([...currentPath, ...k]));
    skipWs(false);
    if (i < n && src[i] !== '\n') fail('expected the end of the line');
  }
  return { value: root, lines };
}

function unescapeToml(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

const tomlCache = perRunCache<TomlDoc | undefined>();

/** Parsed TOML (cached per run); undefined when missing or malformed. */
export function readToml(files: ProjectFiles, file: string): TomlDoc | undefined {
  return tomlCache(files, file, () => {
    const src = files.read(file);
    if (src === undefined) return undefined;
    try {
      return parseToml(src);
    } catch {
      return undefined;
    }
  });
}

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v);

// ------------------------------------------------------------------ Cargo

export interface CargoDependency {
  /** The crate (the `package = …` name when renamed). */
  crate: string;
  /** `cfg(…)` of a `[target.'cfg(…)'.dependencies]` table; undefined for `[dependencies]`. */
  cfg?: string;
  /** Absolute folder of a path dependency. */
  path?: string;
  line: number;
}

/** Normal dependencies of a Cargo.toml by crate name (build and dev dependencies are not the app's). */
export function cargoDependencies(files: ProjectFiles, cargoToml: string): Map<string, CargoDependency[]> {
  const out = new Map<string, CargoDependency[]>();
  const doc = readToml(files, cargoToml);
  if (!doc) return out;
  const dir = dirname(cargoToml);
  const add = (table: TomlValue | undefined, cfg: string | undefined, prefix: string[]) => {
    if (!isTable(table)) return;
    for (const [name, spec] of Object.entries(table)) {
      const crate = isTable(spec) && typeof spec.package === 'string' ? spec.package : name;
      const path = isTable(spec) && typeof spec.path === 'string' ? join(dir, spec.path) : undefined;
      const line = doc.lines.get([...prefix, name].join('\u0000')) ?? 0;
      const list = out.get(crate) ?? [];
      list.push({ crate, ...(cfg ? { cfg } : {}), ...(path ? { path } : {}), line });
      out.set(crate, list);
    }
  };
  add(doc.value.dependencies, undefined, ['dependencies']);
  const target = doc.value.target;
  if (isTable(target)) for (const [cfg, t] of Object.entries(target)) if (isTable(t)) add(t.dependencies, cfg, ['target', cfg, 'dependencies']);
  return out;
}

/**
 * Is a Cargo `cfg(…)` (or target triple) true for a capability platform?
 * Unknown predicates count as true (nothing is reported on a guess).
 */
export function cfgActive(cfg: string, platform: TauriPlatform): boolean {
  const s = cfg.trim();
  const m = /^cfg\((.*)\)$/s.exec(s);
  if (!m) return s.includes(TARGET_OS[platform] === 'macos' ? 'darwin' : TARGET_OS[platform]);
  let i = 0;
  const src = m[1]!;
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const expr = (): boolean => {
    ws();
    const id = /^[A-Za-z_]\w*/.exec(src.slice(i))?.[0] ?? '';
    i += id.length;
    ws();
    if (src[i] === '(') {
      i++;
      const args: boolean[] = [];
      for (;;) {
        ws();
        if (src[i] === ')') {
          i++;
          break;
        }
        if (i >= src.length) break;
        args.push(expr());
        ws();
        if (src[i] === ',') i++;
      }
      if (id === 'not') return !(args[0] ?? true);
      if (id === 'any') return args.some(Boolean);
      if (id === 'all') return args.every(Boolean);
      return true;
    }
    if (src[i] === '=') {
      i++;
      ws();
      const v = /^"([^"]*)"/.exec(src.slice(i));
      i += v ? v[0].length : 0;
      const val = v?.[1] ?? '';
      if (id === 'target_os') return val === TARGET_OS[platform];
      if (id === 'target_family') return val === (platform === 'windows' ? 'windows' : 'unix');
      if (id === 'target_vendor') return (val === 'apple') === (platform === 'macOS' || platform === 'iOS');
      return true;
    }
    if (id === 'unix') return platform !== 'windows';
    if (id === 'windows') return platform === 'windows';
    if (id === 'desktop') return platform === 'linux' || platform === 'macOS' || platform === 'windows';
    if (id === 'mobile') return platform === 'android' || platform === 'iOS';
    return true;
  };
  return expr();
}

// ------------------------------------------------------------------ capabilities

export interface Located {
  file: string;
  line: number;
  column: number;
}

export interface CapabilityPermission extends Located {
  id: string;
}

export interface Capability extends Located {
  identifier?: string;
  /** Raw shape facts for tauri-capability-shape. */
  hasIdentifier: boolean;
  hasPermissions: boolean;
  windows: string[];
  webviews: string[];
  /** Undefined = every platform. */
  platforms?: string[];
  platformLocs: Array<Located & { value: string }>;
  permissions: CapabilityPermission[];
  /** Entries that are neither a string nor an object with an identifier. */
  badPermissions: Located[];
  /** Defined inline in the Tauri config. */
  inline: boolean;
}

export interface TauriConfigView {
  file?: string;
  value: Record<string, unknown>;
  tree?: JsonNode;
  /** Platform overlays (`tauri.android.conf.json` …) by capability platform. */
  overlays: Map<TauriPlatform, { file: string; value: Record<string, unknown>; tree?: JsonNode }>;
}

export interface TauriWindow extends Located {
  label: string;
  url?: string;
  /** Platforms the window exists on (all when from the base config or Rust code). */
  platforms: TauriPlatform[];
}

export interface TauriView {
  app: TauriApp;
  /** The app folder (where package.json / the frontend is). */
  appDir: string;
  config: TauriConfigView;
  capabilities: Capability[];
  /** Capabilities the app enables (all files unless `app.security.capabilities` lists some). */
  active: Capability[];
  /** Platforms the app builds for: desktop always, android/iOS when their projects or overlays exist. */
  platforms: TauriPlatform[];
  /** Normal dependencies of src-tauri/Cargo.toml (undefined when there is none in the tree). */
  deps?: Map<string, CargoDependency[]>;
  windows: TauriWindow[];
}

const viewCache = perRunCache<TauriView>();

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The Tauri app's parsed view (cached per run). */
export function tauriView(project: AppProject): TauriView | undefined {
  const app = project.tauri;
  if (!app) return undefined;
  return viewCache(project.files, app.dir, () => buildView(project.files, app));
}

function buildView(files: ProjectFiles, app: TauriApp): TauriView {
  const config = readConfig(files, app);
  const capabilities: Capability[] = [];
  for (const f of app.capabilityFiles) capabilities.push(...readCapabilityFile(files, f));
  // Inline capabilities and the enabled list (`app.security.capabilities`).
  const security = obj(obj(config.value.app).security);
  const listed = Array.isArray(security.capabilities) ? security.capabilities : undefined;
  const enabled = new Set<string>();
  if (listed && config.file && config.tree) {
    listed.forEach((c, k) => {
      if (typeof c === 'string') enabled.add(c);
      else {
        const node = findNodeAtLocation(config.tree!, ['app', 'security', 'capabilities', k]);
        if (node) {
          const cap = capabilityFromNode(files, config.file!, node, true);
          capabilities.push(cap);
          if (cap.identifier) enabled.add(cap.identifier);
        }
      }
    });
  }
  const active = listed && listed.length ? capabilities.filter((c) => c.identifier !== undefined && enabled.has(c.identifier)) : capabilities;

  const platforms: TauriPlatform[] = ['linux', 'macOS', 'windows'];
  if (files.isDir(join(app.dir, 'gen', 'android')) || config.overlays.has('android')) platforms.push('android');
  if (files.isDir(join(app.dir, 'gen', 'apple')) || config.overlays.has('iOS')) platforms.push('iOS');

  const view: TauriView = {
    app,
    appDir: dirname(app.dir),
    config,
    capabilities,
    active,
    platforms,
    ...(app.cargoTomlFile ? { deps: cargoDependencies(files, app.cargoTomlFile) } : {}),
    windows: configWindows(files, config, platforms).concat(rustWindows(files, app, platforms)),
  };
  return view;
}

const OVERLAYS: Array<[TauriPlatform, string]> = [
  ['linux', 'linux'],
  ['macOS', 'macos'],
  ['windows', 'windows'],
  ['android', 'android'],
  ['iOS', 'ios'],
];

function readConfig(files: ProjectFiles, app: TauriApp): TauriConfigView {
  const load = (file: string) => {
    if (file.endsWith('.toml')) {
      const t = readToml(files, file);
      return t ? { value: t.value as Record<string, unknown> } : undefined;
    }
    const value = files.json(file);
    const tree = files.jsonTree(file);
    return value === undefined ? undefined : { value: obj(value), ...(tree ? { tree } : {}) };
  };
  const base = app.configFile ? load(app.configFile) : undefined;
  const overlays: TauriConfigView['overlays'] = new Map();
  for (const [p, name] of OVERLAYS) {
    for (const ext of ['json', 'json5', 'toml']) {
      const f = join(app.dir, ext === 'toml' ? `Tauri.${name}.toml` : `tauri.${name}.conf.${ext}`);
      if (!files.exists(f)) continue;
      const o = load(f);
      if (o) overlays.set(p, { file: f, ...o });
      break;
    }
  }
  return { ...(app.configFile ? { file: app.configFile } : {}), value: base?.value ?? {}, ...(base?.tree ? { tree: base.tree } : {}), overlays };
}

function nodeLoc(files: ProjectFiles, file: string, node: JsonNode | undefined): Located {
  const p = node ? files.position(file, node.offset) : { line: 0, column: 0 };
  return { file, line: p.line, column: p.column };
}

function configWindows(files: ProjectFiles, config: TauriConfigView, platforms: TauriPlatform[]): TauriWindow[] {
  const out: TauriWindow[] = [];
  const fromSource = (file: string | undefined, value: Record<string, unknown>, tree: JsonNode | undefined, on: TauriPlatform[]) => {
    const wins = obj(value.app).windows;
    if (!Array.isArray(wins) || !file) return;
    wins.forEach((w, k) => {
      const o = obj(w);
      if (o.create === false) return; // declared for Rust to build later under the same label
      const label = typeof o.label === 'string' ? o.label : 'main';
      const node = tree && (findNodeAtLocation(tree, ['app', 'windows', k, 'label']) ?? findNodeAtLocation(tree, ['app', 'windows', k]));
      out.push({ ...nodeLoc(files, file, node), label, ...(typeof o.url === 'string' ? { url: o.url } : {}), platforms: on });
    });
  };
  // A platform overlay's app.windows replaces the base list on that platform (JSON merge patch).
  const basePlatforms = platforms.filter((p) => !Array.isArray(obj(config.overlays.get(p)?.value.app).windows));
  fromSource(config.file, config.value, config.tree, basePlatforms);
  for (const [p, o] of config.overlays) if (platforms.includes(p)) fromSource(o.file, o.value, o.tree, [p]);
  return out;
}

/** Windows built in Rust: `WebviewWindowBuilder::new(app, "label", …)`. */
function rustWindows(files: ProjectFiles, app: TauriApp, platforms: TauriPlatform[]): TauriWindow[] {
  const out: TauriWindow[] = [];
  for (const f of files.glob(join(app.dir, 'src'), /\.rs$/)) {
    const src = files.read(f) ?? '';
    for (const m of src.matchAll(/\b(?:WebviewWindowBuilder|WindowBuilder)::new\s*\(\s*[^,]+,\s*"([^"]+)"/g)) {
      out.push({ ...nodeLocOffset(files, f, m.index), label: m[1]!, platforms });
    }
  }
  return out;
}

function nodeLocOffset(files: ProjectFiles, file: string, offset: number): Located {
  const p = files.position(file, offset);
  return { file, line: p.line, column: p.column };
}

function readCapabilityFile(files: ProjectFiles, file: string): Capability[] {
  if (file.endsWith('.toml')) {
    const t = readToml(files, file);
    if (!t) return [];
    const v = t.value;
    const list = Array.isArray(v.capabilities) ? v.capabilities.filter(isTable) : [v];
    return list.map((c, k) => capabilityFromToml(file, c, t, Array.isArray(v.capabilities) ? ['capabilities', String(k)] : []));
  }
  const tree = files.jsonTree(file);
  if (!tree) return [];
  if (tree.type === 'array') return (tree.children ?? []).filter((c) => c.type === 'object').map((c) => capabilityFromNode(files, file, c, false));
  if (tree.type !== 'object') return [];
  const named = findNodeAtLocation(tree, ['capabilities']);
  if (named?.type === 'array') return (named.children ?? []).filter((c) => c.type === 'object').map((c) => capabilityFromNode(files, file, c, false));
  return [capabilityFromNode(files, file, tree, false)];
}

function capabilityFromNode(files: ProjectFiles, file: string, node: JsonNode, inline: boolean): Capability {
  const prop = (k: string) => findNodeAtLocation(node, [k]);
  const idNode = prop('identifier');
  const permsNode = prop('permissions');
  const platformsNode = prop('platforms');
  const permissions: CapabilityPermission[] = [];
  const badPermissions: Located[] = [];
  for (const p of permsNode?.type === 'array' ? (permsNode.children ?? []) : []) {
    if (p.type === 'string') permissions.push({ ...nodeLoc(files, file, p), id: String(p.value) });
    else {
      const idn = p.type === 'object' ? findNodeAtLocation(p, ['identifier']) : undefined;
      if (idn?.type === 'string') permissions.push({ ...nodeLoc(files, file, idn), id: String(idn.value) });
      else badPermissions.push(nodeLoc(files, file, p));
    }
  }
  const strs = (n: JsonNode | undefined) => (n?.type === 'array' ? (n.children ?? []).filter((c) => c.type === 'string').map((c) => String(c.value)) : []);
  return {
    ...nodeLoc(files, file, node),
    ...(idNode?.type === 'string' ? { identifier: String(idNode.value) } : {}),
    hasIdentifier: idNode?.type === 'string' && String(idNode.value) !== '',
    hasPermissions: permsNode?.type === 'array',
    windows: strs(prop('windows')),
    webviews: strs(prop('webviews')),
    ...(platformsNode ? { platforms: strs(platformsNode) } : {}),
    platformLocs: platformsNode?.type === 'array' ? (platformsNode.children ?? []).map((c) => ({ ...nodeLoc(files, file, c), value: String(c.value) })) : [],
    permissions,
    badPermissions,
    inline,
  };
}

function capabilityFromToml(file: string, c: TomlTable, t: TomlDoc, prefix: string[]): Capability {
  const lineOf = (...p: string[]) => t.lines.get([...prefix, ...p].join('\u0000')) ?? 1;
  const loc = (...p: string[]): Located => ({ file, line: lineOf(...p), column: 1 });
  const permissions: CapabilityPermission[] = [];
  const badPermissions: Located[] = [];
  (Array.isArray(c.permissions) ? c.permissions : []).forEach((p, k) => {
    if (typeof p === 'string') permissions.push({ ...loc('permissions', String(k)), id: p });
    else if (isTable(p) && typeof p.identifier === 'string') permissions.push({ ...loc('permissions', String(k)), id: p.identifier });
    else badPermissions.push(loc('permissions', String(k)));
  });
  return {
    ...(prefix.length ? loc() : { file, line: 1, column: 1 }),
    ...(typeof c.identifier === 'string' ? { identifier: c.identifier } : {}),
    hasIdentifier: typeof c.identifier === 'string' && c.identifier !== '',
    hasPermissions: Array.isArray(c.permissions),
    windows: strings(c.windows),
    webviews: strings(c.webviews),
    ...(Array.isArray(c.platforms) ? { platforms: strings(c.platforms) } : {}),
    platformLocs: strings(c.platforms).map((v, k) => ({ ...loc('platforms', String(k)), value: v })),
    permissions,
    badPermissions,
    inline: false,
  };
}

/** Platforms a capability applies to, among those the app builds for (unknown spellings match nothing). */
export function capabilityPlatforms(c: Capability, appPlatforms: TauriPlatform[]): TauriPlatform[] {
  if (!c.platforms) return appPlatforms;
  return appPlatforms.filter((p) => c.platforms!.includes(p));
}

export function isCapabilityPlatform(s: string): s is TauriPlatform {
  return CAPABILITY_PLATFORMS.includes(s);
}

/** Does a Tauri window glob (`*`, `?`, `[…]`) match a label? */
export function globMatch(glob: string, label: string): boolean {
  const re = '^' + glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  try {
    return new RegExp(re).test(label);
  } catch {
    return glob === label;
  }
}

// ------------------------------------------------------------------ permissions of local crates and the app

/**
 * Permission identifiers a plugin crate or the app defines in its
 * `permissions/` folder (TOML/JSON `[[permission]]`, `[[set]]`, `[default]`)
 * plus `allow-`/`deny-` for the commands its build.rs lists.
 */
export function definedPermissions(files: ProjectFiles, crateDir: string): Set<string> | undefined {
  const dir = join(crateDir, 'permissions');
  const out = new Set<string>();
  const found = files.glob(dir, /\.(?:toml|json)$/);
  for (const f of found) {
    const v: Record<string, unknown> | undefined = f.endsWith('.toml') ? readToml(files, f)?.value : obj(files.json(f));
    if (!v) continue;
    if (v.default !== undefined) out.add('default');
    for (const k of ['permission', 'set']) {
      const list = v[k];
      for (const p of Array.isArray(list) ? list : []) if (typeof obj(p).identifier === 'string') out.add(obj(p).identifier as string);
    }
  }
  for (const c of buildRsCommands(files, crateDir) ?? []) out.add(`allow-${c}`).add(`deny-${c}`);
  return found.length || out.size ? out : undefined;
}

/** Commands listed in a crate's build.rs (`const COMMANDS: &[&str] = &[…]` or `.commands(&[…])`), with the line. */
export function buildRsCommandList(files: ProjectFiles, crateDir: string): { file: string; line: number; commands: string[] } | undefined {
  const file = join(crateDir, 'build.rs');
  const src = files.read(file);
  if (src === undefined) return undefined;
  const m = /\.commands\s*\(\s*&\s*\[([^\]]*)\]/.exec(src) ?? /const\s+COMMANDS\s*:\s*&\s*\[\s*&\s*str\s*\]\s*=\s*&\s*\[([^\]]*)\]/.exec(src);
  if (!m) return undefined;
  return { file, line: files.position(file, m.index).line, commands: [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) };
}

function buildRsCommands(files: ProjectFiles, crateDir: string): string[] | undefined {
  return buildRsCommandList(files, crateDir)?.commands;
}

/** True when src-tauri's build.rs declares an app manifest (`AppManifest::new().commands(…)`). */
export function hasAppManifest(files: ProjectFiles, srcTauri: string): boolean {
  return /\bAppManifest::new\s*\(/.test(files.read(join(srcTauri, 'build.rs')) ?? '');
}

// ------------------------------------------------------------------ frontend

export interface PluginUse extends Located {
  plugin: string;
  /** The command of an `invoke('plugin:x|cmd')` call. */
  command?: string;
}

/** Plugin uses in the app's frontend sources (`@tauri-apps/plugin-x` imports and `plugin:x|cmd` invokes). */
export function frontendPluginUses(files: ProjectFiles, view: TauriView): PluginUse[] {
  const out: PluginUse[] = [];
  const srcTauri = view.app.dir;
  for (const f of files.glob(view.appDir, /\.(?:[cm]?[jt]sx?|vue|svelte)$/)) {
    if (f.startsWith(srcTauri + '/') || /\.d\.ts$/.test(f)) continue;
    const rel = toPosix(relative(view.appDir, f));
    if (/(?:^|\/)(?:dist|gen|public|\w+\.config)\b/.test(rel) || /(?:^|\/)[^/]*\.config\.[cm]?[jt]s$/.test(rel)) continue;
    const src = files.read(f);
    if (!src || !/@tauri-apps\/plugin-|plugin:|tauri-plugin-/.test(src)) continue;
    for (const m of src.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"](?:@tauri-apps\/plugin-([a-z0-9-]+)|tauri-plugin-([a-z0-9-]+?)-api)['"]/g)) {
      out.push({ ...nodeLocOffset(files, f, m.index), plugin: (m[1] ?? m[2])! });
    }
    for (const m of src.matchAll(/\binvoke\s*(?:<[^>]*>)?\s*\(\s*['"`]plugin:([a-z0-9-]+)\|([a-z0-9_-]+)['"`]/g)) {
      out.push({ ...nodeLocOffset(files, f, m.index), plugin: m[1]!, command: m[2]!.replace(/_/g, '-') });
    }
  }
  return out;
}
