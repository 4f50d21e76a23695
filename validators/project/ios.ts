/**
 * The iOS part of the project model: app and extension targets with their
 * Info.plist, entitlements, privacy manifest, build settings (from
 * `project.pbxproj`, so `$(PRODUCT_BUNDLE_IDENTIFIER)` and generated
 * `INFOPLIST_KEY_*` keys resolve) and Swift / Objective-C sources.
 *
 * Also the shared queries of the iOS rules (effective plist keys, background
 * modes, permitted identifiers, entitlements, the source scan) and the
 * byte-preserving plist insertions their fixes use.
 */
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { dictEntry, dictGet, type PlistDocument, type PlistEntry, type PlistValue } from '../../parsers/plist.js';
import type { XmlElement } from '../../parsers/xml.js';
import { plistString } from '../../escape/plist.js';
import type { Fix, TextEdit } from '../rule.js';
import { AUDITED_PRODUCT_TYPES, SDKROOT_PLATFORMS, type ApplePlatform } from '../data/ios.js';
import { scanTarget, type TargetScan } from '../scan/swift.js';
import { toPosix } from './files.js';
import { filesUnder, perRunCache } from './memo.js';
import type { AppProject, IosTarget, ProjectFiles } from './types.js';

// ------------------------------------------------------------------ pbxproj

export type PbxValue = string | PbxDict | PbxValue[];
export interface PbxDict {
  [key: string]: PbxValue;
}

/** Offsets of dictionary keys (for located findings about build settings). */
const keyOffsets = new WeakMap<PbxDict, Map<string, number>>();

/**
 * Parse an OpenStep-style property list (`project.pbxproj`). Throws a plain
 * Error with an offset on malformed input; callers treat it as "no pbxproj".
 */
export function parsePbxproj(src: string): PbxDict {
  let i = 0;
  const n = src.length;
  const ws = () => {
    for (;;) {
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src.startsWith('/*', i)) {
        const e = src.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
      } else if (src.startsWith('//', i)) {
        const e = src.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
      } else return;
    }
  };
  const fail = (what: string): never => {
    throw new Error(`project.pbxproj: ${what} at offset ${i}`);
  };
  const str = (): string => {
    ws();
    if (src[i] === '"') {
      let out = '';
      i++;
      while (i < n && src[i] !== '"') {
        if (src[i] === '\\') {
          const c = src[i + 1];
          out += c === 'n' ? '\n' : c === 't' ? '\t' : (c ?? '');
          i += 2;
        } else out += src[i++];
      }
      if (i >= n) fail('unterminated string');
      i++;
      return out;
    }
    const m = /^[A-Za-z0-9_$+/:.\-<>@[\]=*~]+/.exec(src.slice(i, i + 4096));
    if (!m) fail(`unexpected ${JSON.stringify(src[i] ?? 'end of file')}`);
    i += m![0].length;
    return m![0];
  };
  const value = (depth: number): PbxValue => {
    if (depth > 64) fail('nesting too deep');
    ws();
    if (src[i] === '{') {
      i++;
      const d: PbxDict = {};
      const offs = new Map<string, number>();
      keyOffsets.set(d, offs);
      for (;;) {
        ws();
        if (src[i] === '}') {
          i++;
          return d;
        }
        if (i >= n) fail('unterminated dictionary');
        const at = i;
        const k = str();
        ws();
        if (src[i] !== '=') fail('expected =');
        i++;
        d[k] = value(depth + 1);
        offs.set(k, at);
        ws();
        if (src[i] !== ';') fail('expected ;');
        i++;
      }
    }
    if (src[i] === '(') {
      i++;
      const a: PbxValue[] = [];
      for (;;) {
        ws();
        if (src[i] === ')') {
          i++;
          return a;
        }
        if (i >= n) fail('unterminated array');
        a.push(value(depth + 1));
        ws();
        if (src[i] === ',') i++;
      }
    }
    return str();
  };
  ws();
  const root = value(0);
  if (typeof root !== 'object' || Array.isArray(root)) fail('the root is not a dictionary');
  return root as PbxDict;
}

const dict = (v: PbxValue | undefined): PbxDict | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const list = (v: PbxValue | undefined): PbxValue[] => (Array.isArray(v) ? v : []);
const text = (v: PbxValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export interface XcodeTarget {
  name: string;
  productType: string;
  /** Project folder (SRCROOT). */
  srcroot: string;
  pbxproj: string;
  /** Build settings per configuration (project settings overlaid with the target's). */
  configurations: Array<{ name: string; settings: Record<string, string>; offsets: Map<string, number> }>;
  /** Resources build phase file names. */
  resources: string[];
  /** Folders synchronised into the target (Xcode 16 `fileSystemSynchronizedGroups`). */
  syncedFolders: string[];
}

const pbxCache = perRunCache<XcodeTarget[]>();

/** The native targets of one `project.pbxproj` (cached per run). */
export function xcodeTargets(files: ProjectFiles, pbxproj: string): XcodeTarget[] {
  return pbxCache(files, pbxproj, () => readXcodeTargets(files, pbxproj));
}

function readXcodeTargets(files: ProjectFiles, pbxproj: string): XcodeTarget[] {
  const src = files.read(pbxproj);
  if (src === undefined) return [];
  let root: PbxDict;
  try {
    root = parsePbxproj(src);
  } catch {
    return [];
  }
  const objects = dict(root.objects) ?? {};
  const obj = (id: PbxValue | undefined) => dict(objects[text(id) ?? '']);
  const project = obj(root.rootObject);
  if (!project) return [];
  const srcroot = join(dirname(dirname(pbxproj)), text(project.projectDirPath) ?? '');
  const configs = (listId: PbxValue | undefined) =>
    list(obj(listId)?.buildConfigurations).flatMap((id) => {
      const c = obj(id);
      const bs = dict(c?.buildSettings) ?? {};
      const settings: Record<string, string> = {};
      for (const [k, v] of Object.entries(bs)) settings[k] = typeof v === 'string' ? v : list(v).filter((x) => typeof x === 'string').join(' ');
      return c ? [{ name: text(c.name) ?? '', settings, offsets: keyOffsets.get(bs) ?? new Map<string, number>() }] : [];
    });
  const projectConfigs = configs(project.buildConfigurationList);
  const fileName = (ref: PbxValue | undefined) => {
    const f = obj(ref);
    return text(f?.path) ?? text(f?.name);
  };
  const out: XcodeTarget[] = [];
  for (const id of list(project.targets)) {
    const t = obj(id);
    if (!t || text(t.isa) !== 'PBXNativeTarget') continue;
    const name = text(t.name) ?? '';
    const configurations = configs(t.buildConfigurationList).map((c) => {
      const base = projectConfigs.find((p) => p.name === c.name)?.settings ?? {};
      return { name: c.name, settings: { ...base, ...c.settings }, offsets: c.offsets };
    });
    const resources: string[] = [];
    for (const ph of list(t.buildPhases)) {
      const phase = obj(ph);
      if (text(phase?.isa) !== 'PBXResourcesBuildPhase') continue;
      for (const bf of list(phase?.files)) {
        const n2 = fileName(obj(bf)?.fileRef);
        if (n2) resources.push(n2);
      }
    }
    const syncedFolders = list(t.fileSystemSynchronizedGroups).flatMap((g) => {
      const p = text(obj(g)?.path);
      return p ? [p] : [];
    });
    out.push({ name, productType: text(t.productType) ?? '', srcroot, pbxproj, configurations, resources, syncedFolders });
  }
  return out;
}

/** Expand `$(VAR)` / `${VAR}` (with `:modifier`s dropped) against build settings; unknown variables stay as written. */
export function expandSettings(value: string, settings: Record<string, string>, depth = 0): string {
  if (depth > 8) return value;
  return value.replace(/\$[({]([A-Za-z0-9_]+)(?::[^)}]*)?[)}]/g, (whole, name: string) => {
    if (name === 'inherited') return '';
    const v = settings[name];
    return v === undefined ? whole : expandSettings(v, settings, depth + 1);
  });
}

// ------------------------------------------------------------------ target details

export interface IosTargetDetails {
  /** Platforms the target builds for (iOS unless the project says otherwise). */
  platforms: ApplePlatform[];
  productType?: string;
  xcode?: XcodeTarget;
  /**
   * False when Info.plist keys may come from build settings bg-doctor cannot
   * see (a partial plist with no pbxproj in the tree): "missing key" findings
   * are then warnings, not errors.
   */
  plistComplete: boolean;
  /** Keys generated from `INFOPLIST_KEY_*` build settings (GENERATE_INFOPLIST_FILE = YES). */
  generatedKeys: Map<string, { value: string; file: string; offset: number }>;
  /** Entitlements named by CODE_SIGN_ENTITLEMENTS (one per configuration), else found beside the plist. */
  entitlementsByConfig: Array<{ config?: string; file: string }>;
  /** True when the entitlements come from the pbxproj (each one is really used by a configuration). */
  entitlementsExact: boolean;
  /** Whether PrivacyInfo.xcprivacy is a member of the target (undefined when unknown). */
  privacyManifestInTarget?: boolean;
}

const details = new WeakMap<IosTarget, IosTargetDetails>();

/** Details of a target built by `loadIosTargets` (defaults for a target built elsewhere, e.g. by a test). */
export function iosDetails(t: IosTarget): IosTargetDetails {
  let d = details.get(t);
  if (!d) {
    d = {
      platforms: ['iOS'],
      plistComplete: true,
      generatedKeys: new Map(),
      entitlementsByConfig: t.entitlementsFiles.map((file) => ({ file })),
      entitlementsExact: false,
    };
    details.set(t, d);
  }
  return d;
}

// ------------------------------------------------------------------ loading

/** Path segments that never hold an audited app target. */
const SKIP_SEGMENT =
  /^(?:Pods|Carthage|DerivedData|build|\.build|node_modules|Flutter|Frameworks|fastlane|\.symlinks|[^/]*\.(?:framework|xcframework|bundle|app|appex|xctest|xcarchive|xcassets|lproj)|(?:[^/]*[a-z0-9])?(?:UI)?Tests?)$/;
/** Folders of macOS-only targets (Flutter `macos/`, Tauri `*_macOS`, …). */
const MAC_DIR = /^(?:macos|macOS|MacOS|OSX|osx|[^/]*[_-]macOS|[^/]*\.macOS)$/;

/** Info.plist-like files that may describe an app or extension target (the detection's filter). */
export function isInfoPlistPath(p: string): boolean {
  const posix = toPosix(p);
  const name = posix.slice(posix.lastIndexOf('/') + 1);
  if (name === 'GoogleService-Info.plist') return false;
  if (!(name === 'Info.plist' || /-Info\.plist$/.test(name))) return false;
  const dirs = posix.split('/').slice(0, -1);
  if (dirs.some((s) => SKIP_SEGMENT.test(s) || MAC_DIR.test(s))) return false;
  // A desktop Tauri app's own macOS Info.plist (src-tauri/Info.plist).
  return !(dirs[dirs.length - 1] === 'src-tauri');
}

export interface IosLoadRequest {
  files: ProjectFiles;
  /** Info.plist files that belong to this app (already filtered with isInfoPlistPath). */
  infoPlists: string[];
}

/**
 * Build the app's iOS targets from its Info.plist files. Where an Xcode
 * project (`*.xcodeproj/project.pbxproj`) sits above a plist, its target that
 * names the plist in INFOPLIST_FILE supplies build settings, entitlements
 * (CODE_SIGN_ENTITLEMENTS per configuration), generated INFOPLIST_KEY_* keys
 * and privacy-manifest membership; test bundles and frameworks are skipped.
 * Without a pbxproj the plist's folder decides (Capacitor `ios/App/App`,
 * Tauri `gen/apple/*_iOS`, Flutter `ios/Runner`, RN/Expo `ios/<name>`).
 */
export function loadIosTargets(req: IosLoadRequest): IosTarget[] {
  const { files } = req;
  const plists = req.infoPlists.filter(isInfoPlistPath);
  const byPlist = new Map<string, XcodeTarget | null>();
  for (const pbx of nearbyPbxprojs(files, plists)) {
    for (const x of xcodeTargets(files, pbx)) {
      const settings = preferredSettings(x);
      const ip = settings.INFOPLIST_FILE;
      if (!ip) continue;
      const plist = resolvePath(x.srcroot, expandSettings(ip, { ...settings, SRCROOT: x.srcroot, PROJECT_DIR: x.srcroot, TARGET_NAME: x.name }));
      if (!byPlist.has(plist)) byPlist.set(plist, AUDITED_PRODUCT_TYPES.includes(x.productType) ? x : null);
    }
  }
  const targetDirs = plists.map((p) => dirname(p));
  const targets: IosTarget[] = [];
  for (const plist of plists) {
    const x = byPlist.get(plist);
    if (x === null) continue; // a test bundle, framework or other non-app target
    const doc = files.plist(plist);
    if (!doc || doc.root.type !== 'dict') continue; // malformed: recorded as a parse problem
    if (!x) {
      const pkg = dictGet(doc.root, 'CFBundlePackageType');
      if (pkg?.type === 'string' && !/^(?:APPL|XPC!|\$\(.*\))$/.test(pkg.value)) continue; // frameworks, bundles
      if (isMacOnlyPlist(doc) || isLaunchdPlist(doc)) continue;
    }
    targets.push(buildTarget(files, plist, doc, x, targetDirs));
  }
  return targets;
}

const pbxIndex = perRunCache<Map<string, string[]>>();

/**
 * Every `*.xcodeproj/project.pbxproj` of the run's walk, by the folder that
 * holds the `.xcodeproj`: one pass over the listing per run instead of a
 * readdir of each plist's ancestors per app (a pbxproj the walk did not list
 * does not exist for `files.exists` either).
 */
function pbxprojsByDir(files: ProjectFiles): Map<string, string[]> {
  return pbxIndex(files, '', () => {
    const m = new Map<string, string[]>();
    for (const pbx of files.glob(files.root, /(?:^|\/)[^/]+\.xcodeproj\/project\.pbxproj$/)) {
      const dir = dirname(dirname(pbx));
      const l = m.get(dir);
      if (l) l.push(pbx);
      else m.set(dir, [pbx]);
    }
    return m;
  });
}

/** `*.xcodeproj/project.pbxproj` files in the plists' folders and up to three levels above them. */
function nearbyPbxprojs(files: ProjectFiles, plists: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const index = pbxprojsByDir(files);
  for (const p of plists) {
    let dir = dirname(p);
    for (let up = 0; up < 4; up++) {
      if (!seen.has(dir)) {
        seen.add(dir);
        const found = index.get(dir);
        if (found) out.push(...found);
      }
      const parent = dirname(dir);
      if (parent === dir || !parent.startsWith(files.root)) break;
      dir = parent;
    }
  }
  return out;
}

function resolvePath(base: string, p: string): string {
  return normalize(isAbsolute(p) ? p : join(base, p));
}

function preferredSettings(x: XcodeTarget): Record<string, string> {
  const c = x.configurations.find((c) => c.name === 'Release') ?? x.configurations[0];
  const s: Record<string, string> = { ...(c?.settings ?? {}) };
  for (const other of x.configurations) for (const [k, v] of Object.entries(other.settings)) if (!(k in s)) s[k] = v;
  return s;
}

function isMacOnlyPlist(doc: PlistDocument): boolean {
  const has = (k: string) => dictEntry(doc.root, k) !== undefined;
  if (has('LSRequiresIPhoneOS') || has('UIBackgroundModes') || has('UILaunchStoryboardName') || has('UIApplicationSceneManifest')) return false;
  return has('LSMinimumSystemVersion') || has('NSMainNibFile') || dictGet(doc.root, 'NSPrincipalClass')?.type === 'string';
}

function isLaunchdPlist(doc: PlistDocument): boolean {
  return dictEntry(doc.root, 'Label') !== undefined && (dictEntry(doc.root, 'ProgramArguments') !== undefined || dictEntry(doc.root, 'Program') !== undefined);
}

function buildTarget(files: ProjectFiles, plist: string, doc: PlistDocument, x: XcodeTarget | undefined, targetDirs: string[]): IosTarget {
  const dir = dirname(plist);
  // Files below the plist's folder that are not inside another target's folder.
  const own = (pattern: RegExp, maxDepth: number) =>
    filesUnder(files, dir, pattern, maxDepth).filter((f) => {
      const rel = toPosix(relative(dir, f));
      if (rel.split('/').slice(0, -1).some((s) => SKIP_SEGMENT.test(s))) return false;
      const fdir = dirname(f);
      return !targetDirs.some((td) => td !== dir && td.startsWith(dir + sep) && (fdir === td || fdir.startsWith(td + sep)));
    });
  const settings: Record<string, string> = x ? preferredSettings(x) : {};
  if (x) {
    Object.assign(settings, { SRCROOT: x.srcroot, PROJECT_DIR: x.srcroot, TARGET_NAME: x.name });
    settings.PRODUCT_NAME ??= x.name;
    settings.EXECUTABLE_NAME ??= settings.PRODUCT_NAME;
    settings.PRODUCT_MODULE_NAME ??= settings.PRODUCT_NAME.replace(/[^A-Za-z0-9_]/g, '_');
  }

  // Entitlements: the pbxproj's CODE_SIGN_ENTITLEMENTS per configuration
  // (the `[sdk=macosx*]` variants are separate keys and not read), else the files beside the plist.
  const byConfig: IosTargetDetails['entitlementsByConfig'] = [];
  if (x) {
    for (const c of x.configurations) {
      const v = c.settings.CODE_SIGN_ENTITLEMENTS;
      if (!v) continue;
      const file = resolvePath(x.srcroot, expandSettings(v, { ...c.settings, SRCROOT: x.srcroot, PROJECT_DIR: x.srcroot, TARGET_NAME: x.name }));
      if (files.exists(file)) byConfig.push({ config: c.name, file });
    }
  }
  const exact = byConfig.length > 0;
  // One pass over the target's folder for entitlements and the privacy manifest.
  const beside = own(/(?:\.entitlements|(?:^|\/)PrivacyInfo\.xcprivacy)$/, 4);
  if (!exact) {
    for (const f of beside.filter((f) => f.endsWith('.entitlements') && toPosix(relative(dir, f)).split('/').length <= 4)) {
      // The macOS variant of a multiplatform target is signed into the Mac build only.
      if (/mac\s*os|[-_ .]mac(?:[-_ .]|$)|osx/i.test(basename(f, '.entitlements'))) continue;
      byConfig.push({ file: f });
    }
  }
  const entitlementsFiles = [...new Set(byConfig.map((e) => e.file))];

  const privacy = beside.find((f) => f.endsWith('PrivacyInfo.xcprivacy'));
  let privacyInTarget: boolean | undefined;
  if (privacy && x) {
    const rel = toPosix(relative(x.srcroot, privacy));
    privacyInTarget =
      x.resources.some((r) => r === 'PrivacyInfo.xcprivacy' || r.endsWith('/PrivacyInfo.xcprivacy')) ||
      x.syncedFolders.some((f) => rel.startsWith(f.replace(/\/$/, '') + '/'));
  }

  const generatedKeys: IosTargetDetails['generatedKeys'] = new Map();
  if (x && /^YES$/i.test(settings.GENERATE_INFOPLIST_FILE ?? '')) {
    const preferred = x.configurations.find((c) => c.name === 'Release') ?? x.configurations[0];
    for (const cfg of [preferred, ...x.configurations]) {
      if (!cfg) continue;
      for (const [k, v] of Object.entries(cfg.settings)) {
        const m = /^INFOPLIST_KEY_(.+)$/.exec(k);
        if (m && !generatedKeys.has(m[1]!)) generatedKeys.set(m[1]!, { value: v, file: x.pbxproj, offset: cfg.offsets.get(k) ?? 0 });
      }
    }
  }

  const isExtension =
    dictEntry(doc.root, 'NSExtension') !== undefined ||
    dictEntry(doc.root, 'EXAppExtensionAttributes') !== undefined ||
    (x !== undefined && /extension/.test(x.productType));

  let sourceList: string[] | undefined;
  const t: IosTarget = {
    dir,
    infoPlistFile: plist,
    infoPlist: doc,
    entitlementsFiles,
    ...(privacy ? { privacyManifestFile: privacy } : {}),
    buildSettings: settings,
    isExtension,
    // Listed on first use: only the rules that scan code pay for it.
    get sourceFiles(): string[] {
      return (sourceList ??= own(/\.(?:swift|m|mm)$/, 8));
    },
    set sourceFiles(v: string[]) {
      sourceList = v;
    },
  };
  const hasBundleKeys = dictEntry(doc.root, 'CFBundleIdentifier') !== undefined || dictEntry(doc.root, 'CFBundleExecutable') !== undefined;
  details.set(t, {
    platforms: targetPlatforms(plist, doc, settings),
    ...(x ? { productType: x.productType, xcode: x } : {}),
    plistComplete: x !== undefined || hasBundleKeys,
    generatedKeys,
    entitlementsByConfig: byConfig,
    entitlementsExact: exact,
    ...(privacyInTarget !== undefined ? { privacyManifestInTarget: privacyInTarget } : {}),
  });
  return t;
}

function targetPlatforms(plist: string, doc: PlistDocument, settings: Record<string, string>): ApplePlatform[] {
  const sdks = [...(settings.SUPPORTED_PLATFORMS ?? '').split(/\s+/), settings.SDKROOT ?? ''].filter(Boolean);
  const fromSdk = sdks
    .map((s) => SDKROOT_PLATFORMS[s.replace(/simulator$/, 'os').replace(/^iphoneos$/, 'iphoneos')] ?? SDKROOT_PLATFORMS[s])
    .filter((p): p is ApplePlatform => p !== undefined);
  if (fromSdk.length) return [...new Set(fromSdk)];
  const dirName = basename(dirname(plist));
  if (/tvos/i.test(dirName)) return ['tvOS'];
  if (/watch/i.test(dirName) || dictEntry(doc.root, 'WKApplication') || dictEntry(doc.root, 'WKWatchKitApp')) return ['watchOS'];
  if (/visionos|xros/i.test(dirName)) return ['xrOS'];
  return ['iOS'];
}

// ------------------------------------------------------------------ queries

/** Line and column of an element in a plist (for reports). */
export function at(doc: PlistDocument, el: XmlElement): { line: number; column: number } {
  return doc.xml.position(el.start);
}

/** An effective Info.plist key: the plist's own entry, or a generated `INFOPLIST_KEY_*` build setting. */
export interface EffectiveKey {
  entry?: PlistEntry;
  generated?: { value: string; file: string; offset: number };
}

export function plistKey(t: IosTarget, key: string): EffectiveKey | undefined {
  const entry = dictEntry(t.infoPlist.root, key);
  if (entry) return { entry };
  const g = iosDetails(t).generatedKeys.get(key);
  return g ? { generated: g } : undefined;
}

export interface ModeValue {
  value: string;
  el: XmlElement;
}

/** `UIBackgroundModes` entries (strings) and the key's entry. */
export function backgroundModes(t: IosTarget): { entry?: PlistEntry; modes: ModeValue[] } {
  const entry = dictEntry(t.infoPlist.root, 'UIBackgroundModes');
  const modes: ModeValue[] = [];
  if (entry?.value.type === 'array') for (const v of entry.value.items) if (v.type === 'string') modes.push({ value: v.value.trim(), el: v.el });
  return { ...(entry ? { entry } : {}), modes };
}

export function hasMode(t: IosTarget, mode: string): boolean {
  return backgroundModes(t).modes.some((m) => m.value === mode);
}

export interface PermittedId {
  /** As written. */
  raw: string;
  /** Build settings expanded. */
  value: string;
  el: XmlElement;
}

/** `BGTaskSchedulerPermittedIdentifiers` entries. */
export function permittedIds(t: IosTarget): { entry?: PlistEntry; ids: PermittedId[] } {
  const entry = dictEntry(t.infoPlist.root, 'BGTaskSchedulerPermittedIdentifiers');
  const ids: PermittedId[] = [];
  if (entry?.value.type === 'array') {
    const bid = bundleId(t);
    const settings = bid ? { ...t.buildSettings, PRODUCT_BUNDLE_IDENTIFIER: bid } : t.buildSettings;
    for (const v of entry.value.items) if (v.type === 'string') ids.push({ raw: v.value, value: expandSettings(v.value.trim(), settings), el: v.el });
  }
  return { ...(entry ? { entry } : {}), ids };
}

/** Does a permitted entry (possibly a `prefix.*` wildcard) admit `id`? */
export function permits(entry: string, id: string): boolean {
  if (entry === id) return true;
  return entry.endsWith('*') && id.startsWith(entry.slice(0, -1));
}

/** The target's bundle identifier, when it resolves to a literal. */
export function bundleId(t: IosTarget): string | undefined {
  const v = dictGet(t.infoPlist.root, 'CFBundleIdentifier');
  const raw = v?.type === 'string' ? v.value : t.buildSettings.PRODUCT_BUNDLE_IDENTIFIER;
  if (!raw) return undefined;
  const out = expandSettings(raw, t.buildSettings);
  return /\$[({]/.test(out) ? undefined : out;
}

/** Expand a scanned identifier value (which may hold `$(PRODUCT_BUNDLE_IDENTIFIER)`). */
export function resolveCodeId(t: IosTarget, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const id = bundleId(t);
  const out = expandSettings(value, id ? { ...t.buildSettings, PRODUCT_BUNDLE_IDENTIFIER: id } : t.buildSettings);
  return /\$[({]/.test(out) ? undefined : out;
}

export interface EntitlementsView {
  file: string;
  config?: string;
  doc: PlistDocument;
}

/** The target's parsed entitlements (malformed files are skipped: they are parse problems). */
export function entitlements(files: ProjectFiles, t: IosTarget): EntitlementsView[] {
  const out: EntitlementsView[] = [];
  for (const e of iosDetails(t).entitlementsByConfig) {
    const doc = files.plist(e.file);
    if (doc && doc.root.type === 'dict') out.push({ file: e.file, ...(e.config ? { config: e.config } : {}), doc });
  }
  return out;
}

/** True for a host app (push and background rules skip extensions). */
export function isHostApp(t: IosTarget): boolean {
  return !t.isExtension;
}

/** The target's source scan, or undefined when the target has no Swift / Objective-C sources in the tree. */
export function targetScan(files: ProjectFiles, t: IosTarget): TargetScan | undefined {
  const sources = t.sourceFiles;
  return sources.length ? scanTarget(files, sources) : undefined;
}

/** Hybrid frameworks whose plugins bring native code that is not in the app's own sources. */
export function isHybrid(project: AppProject): boolean {
  return project.kinds.some((k) => k === 'tauri' || k === 'capacitor' || k === 'react-native' || k === 'expo' || k === 'flutter');
}

/** Severity for a "missing key" finding: lowered when the plist may be completed by unseen build settings. */
export function missingKeySeverity(t: IosTarget): 'error' | 'warning' {
  return iosDetails(t).plistComplete ? 'error' : 'warning';
}

/** A BGTaskScheduler identifier the code uses (registered, requested, or handed to a framework hook). */
export interface CodeTaskId {
  via: 'register' | 'request' | 'hook';
  expr: string;
  value?: string;
  file: string;
  line: number;
  column: number;
  continued: boolean;
}

export function codeTaskIds(scan: TargetScan): CodeTaskId[] {
  const out: CodeTaskId[] = [];
  const add = (via: CodeTaskId['via'], c: { file: string; line: number; column: number }, id: { expr: string; value?: string }, continued: boolean) =>
    out.push({ via, expr: id.expr, ...(id.value !== undefined ? { value: id.value } : {}), file: c.file, line: c.line, column: c.column, continued });
  for (const r of scan.registers) add('register', r, r.id, r.continued);
  for (const r of scan.requests) add('request', r, r.id, r.cls === 'BGContinuedProcessingTaskRequest');
  for (const h of scan.hookRegisters) if (h.id) add('hook', h, h.id, false);
  return out;
}

// ------------------------------------------------------------------ plist fixes

function indentOf(src: string, pos: number): string {
  let s = pos;
  while (s > 0 && src[s - 1] !== '\n' && src[s - 1] !== '\r') s--;
  let e = s;
  while (src[e] === ' ' || src[e] === '\t') e++;
  return src.slice(s, e);
}

/** The indentation unit of a plist (from its root dict's first child). */
function unitOf(doc: PlistDocument): string {
  const src = doc.xml.source;
  const root = doc.root.el;
  const first = root.children.find((c) => c.type === 'element');
  if (first) {
    const a = indentOf(src, first.start);
    const b = indentOf(src, root.start);
    if (a.startsWith(b) && a.length > b.length) return a.slice(b.length);
  }
  return '\t';
}

/** Text edit that appends `<string>` items to an array value (also `<array/>`). */
export function appendToArray(doc: PlistDocument, arr: PlistValue, items: string[]): TextEdit {
  const src = doc.xml.source;
  const eol = doc.xml.eol;
  const el = arr.el;
  const unit = unitOf(doc);
  const base = indentOf(src, el.start);
  const lines = items.map((s) => `${eol}${base}${unit}<string>${plistString(s)}</string>`).join('');
  if (el.selfClosing) return { start: el.start, end: el.end, text: `<array>${lines}${eol}${base}</array>` };
  const last = [...el.children].reverse().find((c) => c.type === 'element');
  const pos = last ? last.end : el.startTagEnd;
  const closeOnOwnLine = /[\r\n][ \t]*$/.test(src.slice(el.startTagEnd, el.closeStart));
  return { start: pos, end: pos, text: last || closeOnOwnLine ? lines : `${lines}${eol}${base}` };
}

/** Text edit that adds `<key>key</key>` + a value (formatted by `valueXml`) at the end of a dict. */
export function appendToDict(doc: PlistDocument, d: PlistValue, key: string, valueXml: (indent: string, unit: string, eol: string) => string): TextEdit {
  const src = doc.xml.source;
  const eol = doc.xml.eol;
  const el = d.el;
  const unit = unitOf(doc);
  const base = indentOf(src, el.start);
  const inner = base + unit;
  const add = `${eol}${inner}<key>${plistString(key)}</key>${eol}${inner}${valueXml(inner, unit, eol)}`;
  if (el.selfClosing) return { start: el.start, end: el.end, text: `<dict>${add}${eol}${base}</dict>` };
  const last = [...el.children].reverse().find((c) => c.type === 'element');
  const pos = last ? last.end : el.startTagEnd;
  return { start: pos, end: pos, text: last ? add : `${add}${eol}${base}` };
}

/** `<array>` of strings, formatted for appendToDict. */
export function arrayXml(items: string[]): (indent: string, unit: string, eol: string) => string {
  return (indent, unit, eol) => `<array>${items.map((s) => `${eol}${indent}${unit}<string>${plistString(s)}</string>`).join('')}${eol}${indent}</array>`;
}

/** A fix that makes sure `key` holds an array containing `items` (adding the key when absent). */
export function ensureArrayItems(file: string, doc: PlistDocument, key: string, items: string[], description: string): Fix | undefined {
  if (doc.root.type !== 'dict' || items.length === 0) return undefined;
  const entry = dictEntry(doc.root, key);
  if (entry && entry.value.type !== 'array') return undefined;
  const edit = entry ? appendToArray(doc, entry.value, items) : appendToDict(doc, doc.root, key, arrayXml(items));
  return { file, edits: [edit], description };
}

/** A fix that removes one array item with its line. */
export function removeArrayItem(file: string, doc: PlistDocument, el: XmlElement, description: string): Fix {
  const src = doc.xml.source;
  let start = el.start;
  while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--;
  if (start > 0 && src[start - 1] === '\n') start--;
  if (start > 0 && src[start - 1] === '\r') start--;
  return { file, edits: [{ start, end: el.end, text: '' }], description };
}
