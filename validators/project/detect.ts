/**
 * Find the apps under the audited folder and build one `AppProject` each.
 *
 * Roots are recognised by their markers, most specific first:
 *   1. Tauri v2 — `src-tauri/tauri.conf.json` (android: `gen/android`, iOS: `gen/apple`)
 *   2. Capacitor — `capacitor.config.*` (android/, ios/App)
 *   3. Flutter — `pubspec.yaml` that is not a plugin package (android/, ios/)
 *   4. React Native / Expo — package.json with react-native/expo, or an Expo app.json
 *   5. a mobile layout without markers: a folder with `android/<app module>` or `ios/…/Info.plist`
 *   6. native Android — the remaining Gradle modules, grouped by settings.gradle
 *      (or by the audited folder when there is none)
 *   7. native iOS — the remaining Info.plists, grouped by the folder holding the .xcodeproj
 *   8. desktop unit files, attached to the deepest app root that contains them
 * Library modules that belong to no app (plugins next to an example app) are
 * merged into apps whose build files cannot say what they depend on.
 *
 * Sharded (worker threads, validators/parallel.ts): every worker finds the
 * same roots and groups (steps 1–7 before loading: paths and a few small
 * reads), then loads and returns only the apps of the units it owns — a
 * marked root, a native Android group or a native iOS group, each named by
 * its folder. A group whose loading decides which projects exist where
 * another unit, a desktop unit file or a declaration could see them (any of
 * those inside its folder) is loaded by every worker, so the attachment of
 * those files is the same on every thread; it is still returned by its owner
 * only. The union of the workers' apps is exactly the unsharded result.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import type { AppProject, ProjectFiles, ProjectKind } from './types.js';
import type { RunSettings } from '../rule.js';
import { androidModules, loadAndroidApps, type AndroidModule } from './android.js';
import { findGradleRootDir } from './gradle.js';
import { isInfoPlistPath, loadIosTargets } from './ios.js';
import { loadTauri, TAURI_CONFIG_NAMES, tauriPluginAndroidDirs } from './tauri.js';
import { CAPACITOR_CONFIG_NAMES, loadCapacitor } from './capacitor.js';
import { EXPO_CONFIG_NAMES, expoSdk, isExpoConfig, loadExpoAndroid, loadExpoIos } from './expo.js';
import { isLaunchdPlistPath, isSystemdUnitPath, isWindowsTaskPath, loadDesktop } from './desktop.js';
import { toPosix } from './files.js';
import { pluginSources, type PluginSourceRequest } from './plugins.js';

interface RootSpec {
  dir: string;
  kinds: Set<ProjectKind>;
  androidDir?: string;
  iosDir?: string;
  tauriDir?: string;
  capacitor?: boolean;
  expoConfig?: string;
  packageJson?: string;
  flutter?: boolean;
}

function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** The value of the nearest ancestor folder of `p` (itself included) that is a key of `index`, up to `stop`. */
function nearest<T>(index: Map<string, T>, p: string, stop: string): T | undefined {
  for (let d = p; ; d = dirname(d)) {
    const hit = index.get(d);
    if (hit !== undefined) return hit;
    if (d === stop || dirname(d) === d) return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deps(pkg: unknown): Record<string, unknown> {
  if (!isObject(pkg)) return {};
  return { ...(isObject(pkg.devDependencies) ? pkg.devDependencies : {}), ...(isObject(pkg.dependencies) ? pkg.dependencies : {}) };
}

export interface DetectShard {
  /** True when this worker loads and returns the apps of the unit with this folder. */
  owns(unitDir: string): boolean;
}

export function detectApps(files: ProjectFiles & { paths: string[] }, settings: RunSettings = {}, shard?: DetectShard): AppProject[] {
  const root = files.root;
  const paths = files.paths;
  const roots = new Map<string, RootSpec>();
  const spec = (dir: string): RootSpec => {
    let s = roots.get(dir);
    if (!s) roots.set(dir, (s = { dir, kinds: new Set() }));
    return s;
  };

  const byName = new Map<string, string[]>();
  for (const p of paths) {
    const n = basename(p);
    let l = byName.get(n);
    if (!l) byName.set(n, (l = []));
    l.push(p);
  }
  const named = (...names: string[]) => names.flatMap((n) => byName.get(n) ?? []);

  // 1. Tauri
  for (const conf of named(...TAURI_CONFIG_NAMES)) {
    const d = dirname(conf);
    if (d.includes(`${sep}gen${sep}`)) continue;
    const appDir = basename(d) === 'src-tauri' && d !== root ? dirname(d) : d;
    const s = spec(appDir);
    if (s.tauriDir) continue;
    s.kinds.add('tauri');
    s.tauriDir = d;
    s.androidDir = join(d, 'gen', 'android');
    s.iosDir = join(d, 'gen', 'apple');
  }
  // 2. Capacitor
  for (const conf of named(...CAPACITOR_CONFIG_NAMES)) {
    const s = spec(dirname(conf));
    s.kinds.add('capacitor');
    s.capacitor = true;
    s.androidDir ??= join(s.dir, 'android');
    s.iosDir ??= join(s.dir, 'ios');
  }
  // 3. Flutter (plugin packages are libraries, not apps)
  for (const pub of named('pubspec.yaml')) {
    const src = files.read(pub) ?? '';
    if (/^flutter:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+plugin:/m.test(src)) continue;
    if (!/^\s*flutter:/m.test(src) && !/\bsdk:\s*flutter\b/.test(src)) continue;
    const s = spec(dirname(pub));
    s.kinds.add('flutter');
    s.flutter = true;
    s.androidDir ??= join(s.dir, 'android');
    s.iosDir ??= join(s.dir, 'ios');
  }
  // 4. React Native / Expo
  for (const pj of named('package.json')) {
    const d = dirname(pj);
    const dd = deps(files.json(pj));
    const expoConfig = EXPO_CONFIG_NAMES.map((n) => join(d, n)).find((f) => files.exists(f) && isExpoConfig(files, f));
    if ('expo' in dd || expoConfig) {
      const s = spec(d);
      s.kinds.add('expo');
      s.expoConfig = expoConfig;
      s.packageJson = pj;
    } else if ('react-native' in dd && (files.isDir(join(d, 'android')) || files.isDir(join(d, 'ios')))) {
      const s = spec(d);
      s.kinds.add('react-native');
      s.packageJson = pj;
    } else if (roots.has(d)) {
      spec(d).packageJson = pj;
      continue;
    } else continue;
    const s = spec(d);
    s.androidDir ??= join(d, 'android');
    s.iosDir ??= join(d, 'ios');
  }
  for (const conf of named(...EXPO_CONFIG_NAMES)) {
    const d = dirname(conf);
    if (roots.get(d)?.expoConfig || !isExpoConfig(files, conf)) continue;
    const s = spec(d);
    s.kinds.add('expo');
    s.expoConfig = conf;
    s.androidDir ??= join(d, 'android');
    s.iosDir ??= join(d, 'ios');
  }

  const modules = androidModules(paths);
  const plists = paths.filter(isInfoPlistPath);
  const androidIndex = new Map<string, RootSpec>();
  const iosIndex = new Map<string, RootSpec>();
  const index = (s: RootSpec) => {
    if (s.androidDir && !androidIndex.has(s.androidDir)) androidIndex.set(s.androidDir, s);
    if (s.iosDir && !iosIndex.has(s.iosDir)) iosIndex.set(s.iosDir, s);
  };
  for (const s of roots.values()) index(s);
  const moduleIsAppLike = (m: AndroidModule) => {
    const b = basename(m.dir);
    return b === 'app' || m.manifests.some((x) => /LAUNCHER/.test(files.read(x.file) ?? ''));
  };
  // 5. Mobile layouts without markers: <D>/android/<app module>, <D>/ios/**/Info.plist.
  for (const m of modules) {
    const parts = m.dir.split(sep);
    const i = parts.lastIndexOf('android');
    if (i <= 0 || i === parts.length - 1 || nearest(androidIndex, m.dir, root) || !moduleIsAppLike(m)) continue;
    const d = parts.slice(0, i).join(sep) || sep;
    if (!within(d, root)) continue;
    const s = spec(d);
    s.androidDir ??= join(d, 'android');
    s.iosDir ??= join(d, 'ios');
    index(s);
  }
  for (const p of plists) {
    const parts = p.split(sep);
    const i = parts.lastIndexOf('ios');
    if (i <= 0 || nearest(iosIndex, dirname(p), root)) continue;
    const d = parts.slice(0, i).join(sep) || sep;
    if (!within(d, root)) continue;
    const s = spec(d);
    s.androidDir ??= join(d, 'android');
    s.iosDir ??= join(d, 'ios');
    index(s);
  }
  // Each module and plist belongs to the nearest root that claims its folder.
  const modulesOf = new Map<RootSpec, AndroidModule[]>();
  const freeModules: AndroidModule[] = [];
  for (const m of modules) {
    const owner = nearest(androidIndex, m.dir, root);
    if (!owner) freeModules.push(m);
    else {
      let l = modulesOf.get(owner);
      if (!l) modulesOf.set(owner, (l = []));
      l.push(m);
    }
  }
  const plistsOf = new Map<RootSpec, string[]>();
  const freePlists: string[] = [];
  for (const f of plists) {
    const owner = nearest(iosIndex, dirname(f), root);
    if (!owner) freePlists.push(f);
    else {
      let l = plistsOf.get(owner);
      if (!l) plistsOf.set(owner, (l = []));
      l.push(f);
    }
  }
  for (const s of roots.values()) {
    if (s.kinds.size) continue;
    const manifestText = (modulesOf.get(s) ?? []).flatMap((m) => m.manifests.map((x) => files.read(x.file) ?? '')).join('\n');
    if (files.exists(join(s.dir, 'ios', 'App', 'App', 'Info.plist')) || /com\.getcapacitor/.test(manifestText)) s.kinds.add('capacitor');
    else if (files.exists(join(s.dir, 'ios', 'Runner', 'Info.plist')) || /flutterEmbedding|io\.flutter\./.test(manifestText)) s.kinds.add('flutter');
    else if (/com\.facebook\.react|\.MainApplication\b/.test(manifestText) || files.isDir(join(s.dir, 'ios'))) s.kinds.add('react-native');
    else s.kinds.add('android-native');
  }

  const rootList = [...roots.values()];

  // 6. Native Android: group free modules by Gradle build (settings.gradle). Modules
  // of no Gradle build are grouped by project: the folder holding an app-like
  // module (`<project>/app`, or the module itself when it sits at the audited root),
  // so a tree of several such projects is not merged into one app.
  const groups = new Map<string, AndroidModule[]>();
  const gradleRootOf = new Map(freeModules.map((m) => [m, findGradleRootDir(files, m.dir, root)]));
  const projectRoots = new Map<string, string>();
  for (const m of freeModules) {
    if (gradleRootOf.get(m) || !moduleIsAppLike(m)) continue;
    const up = dirname(m.dir);
    const r = m.dir === root || !within(up, root) ? m.dir : up;
    projectRoots.set(r, r);
  }
  for (const m of freeModules) {
    const g = gradleRootOf.get(m) ?? nearest(projectRoots, m.dir, root) ?? root;
    let l = groups.get(g);
    if (!l) groups.set(g, (l = []));
    l.push(m);
  }
  // Groups with no app-like module are library pools (plugins beside an example app).
  const orphanLibraries: AndroidModule[] = [];
  const appGroups: Array<[string, AndroidModule[]]> = [];
  for (const [g, mods] of groups) {
    const hasBuild = mods.some((m) => files.exists(join(m.dir, 'build.gradle')) || files.exists(join(m.dir, 'build.gradle.kts')));
    if (!hasBuild && !mods.some(moduleIsAppLike)) orphanLibraries.push(...mods);
    else appGroups.push([g, mods]);
  }
  const anyApp = rootList.some((r) => (modulesOf.get(r)?.length ?? 0) > 0) || appGroups.length > 0;
  if (!anyApp && orphanLibraries.length) {
    // A plugin/library repository on its own: audit its modules as one library "app".
    appGroups.push([root, orphanLibraries.splice(0)]);
  }

  // Orphan library modules merge only into the app(s) nearest to them (the longest
  // shared folder path), so plugins beside one example app do not leak into
  // unrelated apps of the same tree.
  const appHomes = [...rootList.filter((r) => (modulesOf.get(r)?.length ?? 0) > 0).map((r) => r.dir), ...appGroups.map(([g]) => g)];
  const orphansFor = new Map<string, AndroidModule[]>(appHomes.map((h) => [h, []]));
  const segs = (p: string) => p.split(sep).filter(Boolean);
  for (const o of orphanLibraries) {
    const os = segs(o.dir);
    let best = -1;
    let homes: string[] = [];
    for (const h of appHomes) {
      const hs = segs(h);
      let k = 0;
      while (k < hs.length && k < os.length && hs[k] === os[k]) k++;
      if (k > best) [best, homes] = [k, [h]];
      else if (k === best) homes.push(h);
    }
    for (const h of homes) orphansFor.get(h)!.push(o);
  }

  const projects = new Map<string, AppProject>();
  const project = (dir: string, kinds: Iterable<ProjectKind>): AppProject => {
    let p = projects.get(dir);
    if (!p) {
      p = {
        root: dir,
        name: toPosix(relative(root, dir)) || '.',
        kinds: [],
        files,
        ios: [],
        desktop: { systemdUnits: [], launchdPlists: [], windowsTasks: [] },
        declarations: [],
      };
      projects.set(dir, p);
    }
    for (const k of kinds) if (!p.kinds.includes(k)) p.kinds.push(k);
    return p;
  };
  /** The project, owned by the unit that first created it (its worker returns it). */
  const own = (p: AppProject, unitDir: string): AppProject => {
    if (!unitOf.has(p)) unitOf.set(p, unitDir);
    return p;
  };

  const pluginManifestsFor = (s: RootSpec): Array<{ file: string; label: string }> => {
    const out: Array<{ file: string; label: string }> = [];
    const seen = new Set<string>();
    const add = (file: string, label: string) => {
      if (!seen.has(file) && files.exists(file)) {
        seen.add(file);
        out.push({ file, label });
      }
    };
    if (s.packageJson) {
      const pkg = files.json(s.packageJson);
      const d = isObject(pkg) && isObject(pkg.dependencies) ? Object.keys(pkg.dependencies) : [];
      for (const name of d) {
        // Direct dependencies only, looked up in node_modules here and above (hoisted workspaces).
        for (let dir = s.dir; within(dir, root) || dir === root; dir = dirname(dir)) {
          const f = join(dir, 'node_modules', name, 'android', 'src', 'main', 'AndroidManifest.xml');
          if (files.exists(f)) {
            add(f, name);
            break;
          }
          if (dir === root || dirname(dir) === dir) break;
        }
      }
    }
    if (s.flutter) {
      const deps = files.json(join(s.dir, '.flutter-plugins-dependencies'));
      const android = isObject(deps) && isObject(deps.plugins) && Array.isArray(deps.plugins.android) ? deps.plugins.android : [];
      for (const p of android) {
        if (isObject(p) && typeof p.path === 'string' && typeof p.name === 'string') {
          add(join(p.path, 'android', 'src', 'main', 'AndroidManifest.xml'), p.name);
        }
      }
    }
    if (s.tauriDir) {
      for (const d of tauriPluginAndroidDirs(files, s.tauriDir)) add(join(d, 'src', 'main', 'AndroidManifest.xml'), basename(dirname(d)));
    }
    return out;
  };

  // (7.) Native iOS: free plists grouped by the folder that holds the .xcodeproj — before any loading, for sharding.
  const xcodeDirs = new Map(paths.filter((p) => p.endsWith(`.xcodeproj${sep}project.pbxproj`)).map((p) => [dirname(dirname(p)), dirname(dirname(p))]));
  const iosGroups = new Map<string, string[]>();
  for (const f of freePlists) {
    // Without an Xcode project: the folder above the target folder (<project>/<Target>/Info.plist).
    const above = dirname(dirname(f));
    const g = nearest(xcodeDirs, dirname(f), root) ?? (within(above, root) ? above : root);
    let l = iosGroups.get(g);
    if (!l) iosGroups.set(g, (l = []));
    l.push(f);
  }

  // (8.) Desktop unit files and declarations: attached after loading, but sharding needs them now.
  const unitPaths = paths.filter((p) => isSystemdUnitPath(p) || isLaunchdPlistPath(p) || isWindowsTaskPath(p));
  const declarationPaths = paths.filter((p) => p.endsWith('.bg.ts'));

  // Sharding: which units this worker loads (see the header).
  const unitOf = new Map<AppProject, string>();
  let loadsRoot = (_dir: string): boolean => true;
  let loadsGroup = loadsRoot;
  if (shard) {
    const groupDirs = [...appGroups.map(([g]) => g), ...iosGroups.keys()];
    const seen = seenFromInside(groupDirs, [...rootList.map((r) => r.dir), ...groupDirs, ...unitPaths, ...declarationPaths]);
    loadsRoot = (dir) => shard.owns(dir);
    loadsGroup = (dir) => shard.owns(dir) || seen.has(dir);
  }

  // Marked roots.
  for (const s of rootList) {
    const p = own(project(s.dir, s.kinds), s.dir);
    if (!loadsRoot(s.dir)) continue;
    if (s.tauriDir) p.tauri = loadTauri(files, s.tauriDir);
    if (s.capacitor) p.capacitor = loadCapacitor(files, s.dir);
    const mods = modulesOf.get(s) ?? [];
    if (s.expoConfig) {
      const iosGenerated = !(plistsOf.get(s)?.length);
      const ios = iosGenerated ? loadExpoIos(files, s.expoConfig) : undefined;
      p.expo = { configFile: s.expoConfig, androidGenerated: mods.length === 0, iosGenerated, ...(ios ? { ios } : {}) };
    }
    if (mods.length) {
      const buildDir = findGradleRootDir(files, mods[0]!.dir, s.dir) ?? s.androidDir!;
      const apps = loadAndroidApps({
        files,
        buildDir,
        modules: mods,
        pluginManifests: pluginManifestsFor(s),
        orphanLibraries: orphansFor.get(s.dir) ?? [],
        assumeTargetSdk: settings.assumeTargetSdk,
        externalSdk: s.expoConfig ? expoSdk(files, s.expoConfig) : undefined,
      });
      p.android = apps.find((a) => basename(a.moduleDir) === 'app') ?? apps[0];
    } else if (s.expoConfig) {
      p.android = loadExpoAndroid(files, s.expoConfig, settings.assumeTargetSdk);
    }
    const rootPlists = plistsOf.get(s);
    if (rootPlists?.length) p.ios = loadIosTargets({ files, infoPlists: rootPlists });
    if (s.capacitor || s.tauriDir) attachPluginSources(files, p, { appDir: s.dir, packageJson: s.packageJson, tauriDir: s.tauriDir });
  }

  // Native Android apps.
  for (const [g, mods] of appGroups) {
    if (!loadsGroup(g)) continue;
    const apps = loadAndroidApps({
      files,
      buildDir: g,
      modules: mods,
      orphanLibraries: orphansFor.get(g) ?? [],
      assumeTargetSdk: settings.assumeTargetSdk,
      allowLibraryOnly: !anyApp,
    });
    for (const a of apps) {
      const dir = apps.length === 1 ? g : a.moduleDir;
      const p = own(project(dir, ['android-native']), g);
      if (!p.android) p.android = a;
      else own(project(a.moduleDir, ['android-native']), g).android = a;
    }
  }

  // 7. Native iOS.
  for (const [g, list] of iosGroups) {
    if (!loadsGroup(g)) continue;
    const targets = loadIosTargets({ files, infoPlists: list });
    if (!targets.length && !list.some((f) => files.problems.some((pr) => pr.file === f))) continue;
    const p = own(project(g, ['ios-native']), g);
    p.ios.push(...targets);
  }

  // 8. Desktop units: to the deepest project containing them, else the audited root.
  if (unitPaths.length) {
    const byProject = new Map<AppProject, string[]>();
    for (const u of unitPaths) {
      const owner = nearest(projects, dirname(u), root) ?? own(project(root, []), root);
      let l = byProject.get(owner);
      if (!l) byProject.set(owner, (l = []));
      l.push(u);
    }
    for (const [p, list] of byProject) {
      p.desktop = loadDesktop(list);
      const d = p.desktop;
      if (d.systemdUnits.length + d.launchdPlists.length + d.windowsTasks.length && !p.kinds.includes('desktop-units')) p.kinds.push('desktop-units');
    }
  }

  // Declarations (drift is checked against them).
  for (const d of declarationPaths) nearest(projects, dirname(d), root)?.declarations.push(d);

  return [...projects.values()]
    .filter((p) => !shard || shard.owns(unitOf.get(p)!))
    .filter((p) => p.android || p.ios.length || p.tauri || p.capacitor || p.expo || p.kinds.includes('desktop-units'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The group folders with one of `inside` (unit folders, desktop unit files,
 * declarations) strictly inside them: which projects loading a group creates
 * decides where those belong, so such a group is loaded by every worker.
 */
function seenFromInside(groupDirs: string[], inside: string[]): Set<string> {
  const groups = new Set(groupDirs);
  const out = new Set<string>();
  for (const p of inside) {
    for (let d = dirname(p); ; d = dirname(d)) {
      if (groups.has(d)) out.add(d);
      if (dirname(d) === d) break;
    }
  }
  return out;
}

/**
 * Plugin sources of a Capacitor or Tauri app, listed on first use: the iOS
 * targets' `pluginSourceFiles`, and the Android app's `sourceFiles` extended
 * with its local plugins' Kotlin/Java.
 */
function attachPluginSources(files: ProjectFiles, p: AppProject, req: PluginSourceRequest): void {
  for (const t of p.ios) {
    let list: string[] | undefined;
    Object.defineProperty(t, 'pluginSourceFiles', {
      configurable: true,
      enumerable: true,
      get: () => (list ??= pluginSources(files, req, 'ios')),
      set: (v: string[]) => void (list = v),
    });
  }
  const app = p.android;
  if (app && app.model === 'gradle') {
    const own = app.sourceFiles;
    let all: string[] | undefined;
    Object.defineProperty(app, 'sourceFiles', {
      configurable: true,
      enumerable: true,
      get: () => (all ??= [...new Set([...own, ...pluginSources(files, req, 'android')])]),
      set: (v: string[]) => void (all = v),
    });
  }
}
