/**
 * The Android part of the project model: Gradle modules found in the walk,
 * which of them are apps, what each app merges (library modules, plugins from
 * node_modules / Flutter / Tauri, well-known Maven libraries), its SDK levels,
 * and the merged-manifest view the Android rules run on. Gradle's own merged
 * manifest (build/intermediates) is preferred when it exists.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { childElements, parseXml, type XmlDocument } from '../../parsers/xml.js';
import { KNOWN_LIBRARIES, knownLibraryForArtifact, knownLibraryLabel, type KnownLibrary } from '../data/known-libraries.js';
import { conventionSdk, gradleRoot, readModuleBuild, type GradleRoot, type ModuleBuild } from './gradle.js';
import { androidValue, mergeManifests, type MergeInput } from './manifest-merge.js';
import type { AndroidApp, ManifestSource, ProjectFiles, SdkLevel } from './types.js';
import { toPosix } from './files.js';

/** One Gradle module seen in the walk: its folder and manifests by source set. */
export interface AndroidModule {
  dir: string;
  manifests: Array<{ file: string; sourceSet: string }>;
}

const TEST_SOURCE_SET = /^(test|androidTest|testFixtures|.*Test|test[A-Z].*|androidTest[A-Z].*)$/;

/** Group AndroidManifest.xml paths into modules (`<mod>/src/<set>/AndroidManifest.xml` or `<mod>/AndroidManifest.xml`). */
export function androidModules(paths: string[]): AndroidModule[] {
  const byDir = new Map<string, AndroidModule>();
  for (const p of paths) {
    if (basename(p) !== 'AndroidManifest.xml') continue;
    const parts = toPosix(p).split('/');
    let dir: string;
    let sourceSet: string;
    const srcIdx = parts.length - 3;
    if (parts.length >= 3 && parts[srcIdx] === 'src') {
      sourceSet = parts[parts.length - 2]!;
      dir = dirname(dirname(dirname(p)));
    } else {
      sourceSet = 'main';
      dir = dirname(p);
    }
    if (TEST_SOURCE_SET.test(sourceSet)) continue;
    // res/, assets/ and generated folders hold no module manifests.
    if (/\/(res|assets|intermediates|generated)\//.test(toPosix(p))) continue;
    let m = byDir.get(dir);
    if (!m) byDir.set(dir, (m = { dir, manifests: [] }));
    m.manifests.push({ file: p, sourceSet });
  }
  for (const m of byDir.values()) {
    m.manifests.sort((a, b) => (a.sourceSet === 'main' ? 1 : 0) - (b.sourceSet === 'main' ? 1 : 0) || a.sourceSet.localeCompare(b.sourceSet));
  }
  return [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

export interface AndroidLoadRequest {
  files: ProjectFiles;
  /** Where the modules' Gradle build lives (settings.gradle folder, android/, gen/android, or the audited root). */
  buildDir: string;
  modules: AndroidModule[];
  /** Plugin manifests (node_modules, Flutter, Tauri plugin folders) merged into every app. */
  pluginManifests?: Array<{ file: string; label: string }>;
  /** Library modules outside this build, merged only when the build says nothing about dependencies. */
  orphanLibraries?: AndroidModule[];
  /** targetSdk to assume when nothing in the project says (`--target-sdk`). */
  assumeTargetSdk?: number;
  /** SDK levels known from elsewhere (Expo's app.json). */
  externalSdk?: Partial<AndroidApp['sdk']>;
  /** Audit a build of library modules only as one pseudo-app (plugin repositories). */
  allowLibraryOnly?: boolean;
}

interface ModuleFacts {
  module: AndroidModule;
  build: ModuleBuild;
  launcher: boolean;
  /** The main manifest's <application> has content or attributes (apps usually do). */
  appLike: boolean;
}

function mainManifest(files: ProjectFiles, m: AndroidModule): XmlDocument | undefined {
  const main = m.manifests.find((x) => x.sourceSet === 'main') ?? m.manifests[0];
  return main ? files.xml(main.file) : undefined;
}

function hasLauncher(doc: XmlDocument | undefined): boolean {
  if (!doc) return false;
  for (const app of childElements(doc.root, 'application')) {
    for (const c of childElements(app)) {
      if (c.name !== 'activity' && c.name !== 'activity-alias') continue;
      for (const f of childElements(c, 'intent-filter')) {
        for (const cat of childElements(f, 'category')) {
          const n = androidValue(cat, 'name') ?? '';
          if (n === 'android.intent.category.LAUNCHER' || n === 'android.intent.category.LEANBACK_LAUNCHER') return true;
        }
      }
    }
  }
  return false;
}

function moduleFacts(files: ProjectFiles, m: AndroidModule, root: GradleRoot | undefined): ModuleFacts {
  const build = readModuleBuild(files, m.dir, root);
  const doc = mainManifest(files, m);
  return { module: m, build, launcher: hasLauncher(doc), appLike: !!doc && childElements(doc.root, 'application').length > 0 };
}

/** How much a module without build information looks like the application module. */
function appScore(f: ModuleFacts, buildDir: string): number {
  const name = basename(f.module.dir);
  let s = 0;
  if (name === 'app') s += 8;
  else if (/^app[-_]/.test(name) || /[-_]app$/.test(name)) s += 4;
  if (f.launcher) s += 6;
  if (f.module.dir === buildDir) s += 1;
  s -= relative(buildDir, f.module.dir).split(sep).length * 0.1;
  return s;
}

export function loadAndroidApps(req: AndroidLoadRequest): AndroidApp[] {
  const { files, buildDir } = req;
  if (req.modules.length === 0) return [];
  const root = gradleRoot(files, buildDir);
  const facts = req.modules.map((m) => moduleFacts(files, m, root));
  const byDir = new Map(facts.map((f) => [f.module.dir, f]));
  const anyBuildInfo = facts.some((f) => f.build.buildFile);

  const apps: AndroidApp[] = [];
  if (!anyBuildInfo) {
    // Data-only tree: the merge graph is unknowable, so every module of the
    // build (and orphan libraries elsewhere) merges into the most app-like one.
    const sorted = [...facts].sort((a, b) => appScore(b, buildDir) - appScore(a, buildDir));
    const app = sorted[0]!;
    if (!app.launcher && appScore(app, buildDir) < 4 && !req.allowLibraryOnly) return [];
    const libs = [...sorted.slice(1).map((f) => f.module), ...(req.orphanLibraries ?? [])];
    apps.push(buildApp(req, root, app, libs.map((m) => ({ module: m, build: readModuleBuild(files, m.dir, root) })), undefined));
    return apps;
  }

  let appModules = facts.filter((f) => f.build.kind === 'application');
  if (appModules.length === 0) {
    const unknown = facts.filter((f) => f.build.kind === 'unknown' && (f.launcher || appScore(f, buildDir) >= 8));
    appModules = unknown.length ? [unknown.sort((a, b) => appScore(b, buildDir) - appScore(a, buildDir))[0]!] : [];
  }
  if (appModules.length === 0) {
    if (!req.allowLibraryOnly) return [];
    appModules = [[...facts].sort((a, b) => appScore(b, buildDir) - appScore(a, buildDir))[0]!];
  }
  for (const app of appModules) {
    // Transitive project dependencies, breadth first (their order is the merge priority).
    const seen = new Set<string>([app.module.dir]);
    const queue = [...app.build.projectDeps];
    const deps: Array<{ module: AndroidModule; build: ModuleBuild }> = [];
    while (queue.length) {
      const d = queue.shift()!;
      if (seen.has(d)) continue;
      seen.add(d);
      const f = byDir.get(d);
      const build = f?.build ?? readModuleBuild(files, d, root);
      if (f) deps.push({ module: f.module, build });
      queue.push(...build.projectDeps);
    }
    // A module without any build file in a build that has them cannot say what it depends on.
    const orphans = app.build.buildFile ? [] : (req.orphanLibraries ?? []).map((m) => ({ module: m, build: readModuleBuild(files, m.dir, root) }));
    apps.push(buildApp(req, root, app, [...deps, ...orphans], app.build.buildFile ? undefined : 'no build file'));
  }
  return apps;
}

function manifestSource(
  files: ProjectFiles,
  file: string,
  origin: ManifestSource['origin'],
  label: string,
  sourceSet: string | undefined,
  namespace: string | undefined,
): ManifestSource | undefined {
  const doc = files.xml(file);
  if (!doc || doc.root.name !== 'manifest') return undefined;
  const pkg = androidValue(doc.root, 'package') ?? doc.root.attrs.find((a) => a.name === 'package')?.value ?? namespace;
  return { file, doc, origin, label, packageName: pkg, sourceSet };
}

const knownDocs = new Map<KnownLibrary, XmlDocument>();
function knownSource(lib: KnownLibrary): ManifestSource {
  let doc = knownDocs.get(lib);
  if (!doc) knownDocs.set(lib, (doc = parseXml(lib.manifest)));
  const label = knownLibraryLabel(lib);
  return { file: `known:${label}`, doc, origin: 'known', label, packageName: doc.root.attrs.find((a) => a.name === 'package')?.value };
}

/** Gradle's merged manifest of an app module, when a build left one. */
export function findGradleMergedManifest(files: ProjectFiles, moduleDir: string): string | undefined {
  const base = join(moduleDir, 'build', 'intermediates');
  if (!files.isDir(base)) return undefined;
  const found: string[] = [];
  for (const kind of ['merged_manifest', 'merged_manifests', 'packaged_manifests']) {
    const k = join(base, kind);
    for (const variant of files.list(k)) {
      const v = join(k, variant);
      const direct = join(v, 'AndroidManifest.xml');
      if (files.exists(direct)) found.push(direct);
      for (const sub of files.list(v)) {
        const f = join(v, sub, 'AndroidManifest.xml');
        if (sub.endsWith('Manifest') && files.exists(f)) found.push(f);
      }
    }
  }
  if (!found.length) return undefined;
  return found.find((f) => /release/i.test(f)) ?? found.sort()[0];
}

function buildApp(
  req: AndroidLoadRequest,
  root: GradleRoot,
  app: { module: AndroidModule; build: ModuleBuild },
  libs: Array<{ module: AndroidModule; build: ModuleBuild }>,
  _why: string | undefined,
): AndroidApp {
  const { files } = req;
  const inputs: MergeInput[] = [];
  const appSources: ManifestSource[] = [];
  for (const m of app.module.manifests) {
    const s = manifestSource(files, m.file, 'app', relLabel(files, app.module.dir), m.sourceSet, app.build.namespace);
    if (s) {
      appSources.push(s);
      inputs.push({ source: s, removalsApply: m.sourceSet === 'main' });
    }
  }
  const libraries: string[] = [];
  for (const l of libs) {
    for (const m of l.module.manifests) {
      const s = manifestSource(files, m.file, 'module', relLabel(files, l.module.dir), m.sourceSet, l.build.namespace);
      if (s) {
        inputs.push({ source: s, removalsApply: true });
        if (!libraries.includes(s.label)) libraries.push(s.label);
      }
    }
  }
  for (const p of req.pluginManifests ?? []) {
    const s = manifestSource(files, p.file, 'plugin', p.label, 'main', undefined);
    if (s) {
      inputs.push({ source: s, removalsApply: true });
      libraries.push(p.label);
    }
  }
  // Known Maven libraries: by dependency, or proven by an override/removal of one of their components.
  const artifacts = new Set([...app.build.artifacts, ...libs.flatMap((l) => l.build.artifacts)]);
  const known = new Set<KnownLibrary>();
  for (const a of artifacts) {
    const lib = knownLibraryForArtifact(a);
    if (lib) known.add(lib);
  }
  for (const i of inputs) {
    for (const lib of KNOWN_LIBRARIES) {
      if (known.has(lib)) continue;
      if (mentionsLibrary(i.source.doc, lib)) known.add(lib);
    }
  }
  for (const lib of known) {
    inputs.push({ source: knownSource(lib), removalsApply: true });
    libraries.push(knownLibraryLabel(lib));
  }

  const merged = mergeManifests(inputs);
  const mainApp = appSources.find((s) => s.sourceSet === 'main') ?? appSources[0];
  const gradleMerged = findGradleMergedManifest(files, app.module.dir);
  let fromGradle: string | undefined;
  let permissions = merged.permissions;
  let components = merged.components;
  let gradleDoc: XmlDocument | undefined;
  if (gradleMerged) {
    const s = manifestSource(files, gradleMerged, 'gradle', 'merged manifest', undefined, undefined);
    if (s) {
      fromGradle = gradleMerged;
      gradleDoc = s.doc;
      const g = mergeManifests([{ source: s, removalsApply: true }]);
      const perms = new Map(merged.permissions.map((p) => [p.name, p]));
      permissions = g.permissions.map((p) => {
        const e = perms.get(p.name);
        return e ? { ...p, file: e.file, el: e.el, source: e.source, fromLibrary: e.fromLibrary, origin: e.origin, declarations: e.declarations } : p;
      });
      const comps = new Map(merged.components.map((c) => [`${c.tag}:${c.name}`, c]));
      components = g.components.map((c) => {
        const e = comps.get(`${c.tag}:${c.name}`);
        return e
          ? { ...c, file: e.file, el: e.el, source: e.source, fromLibrary: e.fromLibrary, origin: e.origin, declarations: e.declarations, fgsTypeDeclaration: e.fgsTypeDeclaration ?? c.fgsTypeDeclaration }
          : c;
      });
    }
  }

  // SDK levels: the module's build file, convention plugins / root build, Gradle's merged <uses-sdk>, the manifest's <uses-sdk>.
  const conv = conventionSdk(files, root);
  const pick = (k: 'targetSdk' | 'compileSdk' | 'minSdk'): SdkLevel => {
    const own = app.build.sdk[k];
    if (own.value !== undefined) return own;
    const ext = req.externalSdk?.[k];
    if (ext?.value !== undefined) return ext;
    if (own.unresolved !== undefined) return own;
    if (conv[k].value !== undefined) return conv[k];
    for (const doc of [gradleDoc, mainApp?.doc]) {
      if (!doc || k === 'compileSdk') continue;
      for (const u of childElements(doc.root, 'uses-sdk')) {
        const v = androidValue(u, k === 'targetSdk' ? 'targetSdkVersion' : 'minSdkVersion');
        if (v && /^\d+$/.test(v.trim())) {
          const a = u.attrs.find((x) => x.name.endsWith(k === 'targetSdk' ? ':targetSdkVersion' : ':minSdkVersion'))!;
          const file = doc === gradleDoc ? gradleMerged! : mainApp!.file;
          const p = doc.position(a.valueStart);
          return { value: Number(v), loc: { file, line: p.line, column: p.column, start: a.valueStart, end: a.valueEnd } };
        }
      }
    }
    if (conv[k].unresolved !== undefined) return conv[k];
    return {};
  };
  const sdk = { targetSdk: pick('targetSdk'), compileSdk: pick('compileSdk'), minSdk: pick('minSdk') };
  if (sdk.targetSdk.value === undefined && req.assumeTargetSdk !== undefined) {
    sdk.targetSdk = { value: req.assumeTargetSdk, assumed: true, unresolved: sdk.targetSdk.unresolved };
  }

  const moduleDirs = [app.module.dir, ...libs.filter((l) => l.module.dir.startsWith(root.dir) || true).map((l) => l.module.dir)];
  const sourceFiles: string[] = [];
  for (const d of new Set(moduleDirs)) {
    for (const f of files.glob(d, /^src\/(?!test|androidTest)[^/]+\/(java|kotlin)\/.+\.(kt|java)$/)) sourceFiles.push(f);
  }

  const manifestFile = mainApp?.file ?? app.module.manifests[0]!.file;
  return {
    moduleDir: app.module.dir,
    manifestFile,
    manifest: mainApp?.doc ?? files.xml(manifestFile),
    model: 'gradle',
    targetSdk: sdk.targetSdk.value,
    compileSdk: sdk.compileSdk.value,
    minSdk: sdk.minSdk.value,
    sdk,
    manifests: inputs.map((i) => i.source),
    merged: { fromGradle, permissions, components, libraries, removed: merged.removed, complete: true },
    dependencies: [...artifacts],
    sourceFiles,
  };
}

function mentionsLibrary(doc: XmlDocument, lib: KnownLibrary): boolean {
  const stack = [doc.root];
  while (stack.length) {
    const el = stack.pop()!;
    const n = androidValue(el, 'name');
    if (n && lib.componentPrefixes.some((p) => n.startsWith(p))) return true;
    for (const c of el.children) if (c.type === 'element') stack.push(c);
  }
  return false;
}

function relLabel(files: ProjectFiles, dir: string): string {
  return toPosix(relative(files.root, dir)) || '.';
}
