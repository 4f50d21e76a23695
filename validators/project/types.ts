/**
 * The project model bg-doctor audits: one `AppProject` per app found under the
 * audited folder (a monorepo yields many). Each platform part is filled by its
 * own loader module in this folder and is absent when the app has no such part.
 *
 * Parsing is lazy and memoised by the loaders (`ProjectFiles`), so a rule that
 * never looks at plists never parses one.
 */
import type { XmlDocument, XmlElement } from '../../parsers/xml.js';
import type { PlistDocument } from '../../parsers/plist.js';

export type ProjectKind =
  | 'tauri'
  | 'capacitor'
  | 'react-native'
  | 'expo'
  | 'flutter'
  | 'android-native'
  | 'ios-native'
  | 'desktop-units';

/** A parse problem: a malformed file is a located finding (`parse-error`), not a crash. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Reads and parses files once per run; every path is absolute. */
export interface ProjectFiles {
  /** The audited folder. */
  readonly root: string;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Entries of a folder (names), [] when it does not exist. */
  list(dir: string): string[];
  read(path: string): string | undefined;
  /** Parsed XML, or undefined when missing or malformed (the problem is recorded). */
  xml(path: string): XmlDocument | undefined;
  plist(path: string): PlistDocument | undefined;
  /** Parsed JSON (comments and trailing commas tolerated), undefined when missing or malformed. */
  json(path: string): unknown;
  /** Located JSON tree (jsonc-parser `Node`) for line lookups; undefined when missing/malformed. */
  jsonTree(path: string): import('jsonc-parser').Node | undefined;
  /** 1-based line/column of an offset in a file's text. */
  position(path: string, offset: number): { line: number; column: number };
  /**
   * Files below `dir` whose paths (relative to `dir`, `/`-separated) match, taken
   * from the one walk of the audited tree (node_modules, build output and VCS
   * folders are not in it).
   */
  glob(dir: string, pattern: RegExp, options?: { maxDepth?: number }): string[];
  /** Parse problems met so far. */
  readonly problems: FileProblem[];
  /** How many files were read from disk (for the benchmark and tests). */
  readonly readCount: number;
  /** The text of a file this run has already read, without reading it (undefined when it has not, or it is no text file). */
  readAlready?(path: string): string | undefined;
}

// ------------------------------------------------------------------ Android

/** Where a manifest comes from, in merge priority order (app highest). */
export type ManifestOrigin =
  /** The app module's own manifests (main and other source sets). */
  | 'app'
  /** A library module of the same Gradle build (project(':core')). */
  | 'module'
  /** A plugin from node_modules / Flutter / Tauri plugin folders. */
  | 'plugin'
  /** A well-known Maven library that is not in the tree (validators/data/known-libraries.ts). */
  | 'known'
  /** Gradle's own merged manifest (build/intermediates). */
  | 'gradle';

export interface ManifestSource {
  /** Absolute path; for `known` libraries a pseudo path `known:<group:artifact>`. */
  file: string;
  doc: XmlDocument;
  origin: ManifestOrigin;
  /** Short label for messages: module path, package name, or Maven coordinates. */
  label: string;
  /** Package of the manifest (for resolving `.Relative` class names). */
  packageName?: string;
  /** Source set of an app/module manifest (`main`, `gplay`, …). */
  sourceSet?: string;
}

/** One declaration of a merged element in one manifest. */
export interface Declaration {
  source: ManifestSource;
  el: XmlElement;
}

/** A location in a non-XML file (app.json, build.gradle). */
export interface TextLocation {
  file: string;
  line: number;
  column: number;
  start: number;
  end: number;
}

export interface AndroidPermission {
  name: string;
  /** The merged cap (undefined = no cap): a permission capped below an API level is missing there. */
  maxSdkVersion?: number;
  /** The highest-priority declaration's file (what findings point at). */
  file: string;
  /** That declaration's element; absent for permissions listed in a JSON config (Expo). */
  el?: XmlElement;
  /** Located span for JSON-declared permissions. */
  loc?: TextLocation;
  source?: ManifestSource;
  /** From a library/plugin manifest rather than the app's own. */
  fromLibrary: boolean;
  origin: ManifestOrigin;
  declarations: Declaration[];
}

export interface AndroidComponent {
  tag: 'activity' | 'activity-alias' | 'service' | 'receiver' | 'provider';
  /** Fully qualified class name where resolvable (otherwise as written). */
  name: string;
  /** The highest-priority declaration in a real file (an app override of a library component wins). */
  file: string;
  el: XmlElement;
  source: ManifestSource;
  fromLibrary: boolean;
  origin: ManifestOrigin;
  declarations: Declaration[];
  exported?: boolean;
  /** The declaration that carries `android:foregroundServiceType` (for fixes and locations). */
  fgsTypeDeclaration?: Declaration;
  foregroundServiceTypes: string[];
  permission?: string;
  stopWithTask?: boolean;
  enabled?: string;
  intentActions: string[];
  /** At least one `<intent-filter>` after merging. */
  hasIntentFilter: boolean;
  /** `<property android:name=… android:value=…>` children. */
  properties: Array<{ name: string; value?: string; el: XmlElement }>;
}

/** A targetSdk/compileSdk/minSdk value and where it was read. */
export interface SdkLevel {
  value?: number;
  /** Where the value is set (build.gradle line, version catalog, manifest `<uses-sdk>`). */
  loc?: TextLocation;
  /** The expression as written when it could not be resolved (e.g. `flutter.targetSdkVersion`). */
  unresolved?: string;
  /** Given by the caller (`--target-sdk`) because the build files do not say. */
  assumed?: boolean;
}

export interface AndroidApp {
  /** The app module folder (where build.gradle(.kts) is). */
  moduleDir: string;
  /** The app's own src/main/AndroidManifest.xml (or app.json for an Expo config-only app). */
  manifestFile: string;
  /** Parsed app manifest; absent for an Expo app without a native android/ folder. */
  manifest?: XmlDocument;
  /** `gradle`: real manifests; `expo-config`: only app.json's android.permissions are known. */
  model: 'gradle' | 'expo-config';
  targetSdk?: number;
  compileSdk?: number;
  minSdk?: number;
  sdk: { targetSdk: SdkLevel; compileSdk: SdkLevel; minSdk: SdkLevel };
  /** Every manifest merged, app first. */
  manifests: ManifestSource[];
  /** The merged view: app + library/plugin manifests with tools:node applied. */
  merged: {
    /** Gradle's own merged manifest, when it was found under build/intermediates. */
    fromGradle?: string;
    permissions: AndroidPermission[];
    components: AndroidComponent[];
    /** Library manifests that were merged (labels, for messages). */
    libraries: string[];
    /** Elements removed with tools:node="remove" (by the removing declaration). */
    removed: Array<{ tag: string; name: string; by: Declaration }>;
    /**
     * False when the component list is not knowable (Expo config-only apps):
     * rules that would report something *missing* must stay quiet.
     */
    complete: boolean;
  };
  /** Maven coordinates (group:artifact) the app depends on, from its Gradle files. */
  dependencies: string[];
  /**
   * Kotlin/Java source files of the app and its project modules (for light code
   * scans), and of the plugins in the user's own tree it links: bg-service
   * modules of `.bg-service/state.json`, `file:` Capacitor plugins, Tauri
   * plugins by path (project/plugins.ts).
   */
  sourceFiles: string[];
}

// ------------------------------------------------------------------ iOS / desktop / hosts

export interface IosTarget {
  /** Folder of the app target (where Info.plist is). */
  dir: string;
  infoPlistFile: string;
  infoPlist: PlistDocument;
  entitlementsFiles: string[];
  privacyManifestFile?: string;
  /** Build settings that `$(VAR)` references in the plist resolve against. */
  buildSettings: Record<string, string>;
  /** True for app extensions (NSExtension present): push/background rules skip them. */
  isExtension: boolean;
  /** Swift / Objective-C sources of the target (for light code scans). */
  sourceFiles: string[];
  /**
   * Swift / Objective-C sources of the plugins the app links (bg-service
   * modules of `.bg-service/state.json`, Capacitor plugins among its
   * dependencies, Tauri plugins by path; project/plugins.ts): code its launch
   * may call into. Listed on first use; absent for targets that cannot link any.
   */
  pluginSourceFiles?: string[];
}

export interface TauriApp {
  /** The src-tauri folder. */
  dir: string;
  configFile?: string;
  capabilityFiles: string[];
  cargoTomlFile?: string;
}

export interface CapacitorApp {
  dir: string;
  configFile?: string;
}

/** A key of a JSON object in an Expo config, located. */
export interface ExpoJsonEntry {
  key: string;
  /** The value as plain data. */
  value: unknown;
  /** The value's node (jsonc-parser), for item locations and edits. */
  node: import('jsonc-parser').Node;
  keyLoc: TextLocation;
  valueLoc: TextLocation;
}

/**
 * The iOS part of a config-only Expo app (no committed ios/ folder): what
 * app.json says the generated Info.plist and entitlements hold. Config plugins
 * (`plugins`) may add keys at prebuild, so this is a lower bound: rules check
 * the values it has, never report a key as missing from it.
 */
export interface ExpoIosConfig {
  configFile: string;
  /** `expo.ios.infoPlist` entries. */
  infoPlist: ExpoJsonEntry[];
  /** `expo.ios.entitlements` entries. */
  entitlements: ExpoJsonEntry[];
  /** Names of the config plugins in `expo.plugins`. */
  plugins: string[];
}

/** An Expo app's config (app.json / app.config.json): the native files are generated from it. */
export interface ExpoApp {
  configFile: string;
  /** True when android/ is not committed (continuous native generation). */
  androidGenerated: boolean;
  iosGenerated: boolean;
  /** Present when ios/ is not committed: app.json's Info.plist and entitlements entries. */
  ios?: ExpoIosConfig;
}

export interface DesktopUnits {
  systemdUnits: string[];
  launchdPlists: string[];
  windowsTasks: string[];
}

export interface AppProject {
  /** Absolute folder of the app. */
  root: string;
  /** The app's folder relative to the audited root ('.' for a single app). */
  name: string;
  kinds: ProjectKind[];
  files: ProjectFiles;
  android?: AndroidApp;
  ios: IosTarget[];
  tauri?: TauriApp;
  capacitor?: CapacitorApp;
  expo?: ExpoApp;
  desktop: DesktopUnits;
  /** `*.bg.ts` declarations found in the app (drift is checked against them). */
  declarations: string[];
}
