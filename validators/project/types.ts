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

/** Reads and parses files once per run; every path is absolute. */
export interface ProjectFiles {
  exists(path: string): boolean;
  read(path: string): string | undefined;
  xml(path: string): XmlDocument | undefined;
  plist(path: string): PlistDocument | undefined;
  json(path: string): unknown;
  /** Files below `dir` whose names match, skipping node_modules, build output and VCS folders. */
  glob(dir: string, pattern: RegExp, options?: { includeNodeModules?: boolean; maxDepth?: number }): string[];
  /** Parse problems met so far (a malformed file is a finding, not a crash). */
  readonly problems: Array<{ file: string; line: number; column: number; message: string }>;
}

export interface AndroidPermission {
  name: string;
  maxSdkVersion?: number;
  /** The manifest that declares it (app or library). */
  file: string;
  el: XmlElement;
  /** From a library/plugin manifest rather than the app's own. */
  fromLibrary: boolean;
}

export interface AndroidComponent {
  tag: 'activity' | 'activity-alias' | 'service' | 'receiver' | 'provider';
  /** Fully qualified class name where resolvable. */
  name: string;
  file: string;
  el: XmlElement;
  fromLibrary: boolean;
  exported?: boolean;
  foregroundServiceTypes: string[];
  permission?: string;
  stopWithTask?: boolean;
  intentActions: string[];
  /** `<property android:name=… android:value=…>` children. */
  properties: Array<{ name: string; value?: string; el: XmlElement }>;
}

export interface AndroidApp {
  /** The app module folder (where build.gradle(.kts) is). */
  moduleDir: string;
  /** The app's own src/main/AndroidManifest.xml. */
  manifestFile: string;
  manifest: XmlDocument;
  targetSdk?: number;
  compileSdk?: number;
  minSdk?: number;
  /** The merged view: app + library/plugin manifests with tools:node applied. */
  merged: {
    /** Gradle's own merged manifest, when it was found under build/intermediates. */
    fromGradle?: string;
    permissions: AndroidPermission[];
    components: AndroidComponent[];
    /** Library manifests that were merged (for messages). */
    libraries: string[];
  };
  /** Kotlin/Java source files of the app module (for light code scans). */
  sourceFiles: string[];
}

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
  desktop: DesktopUnits;
  /** `*.bg.ts` declarations found in the app (drift is checked against them). */
  declarations: string[];
}
