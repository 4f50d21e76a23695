/**
 * Which app a declaration lives in: a Tauri v2 app, a Capacitor app, or none
 * (a standalone module). Generation wires the module into the host it finds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type HostKind = 'tauri' | 'capacitor' | 'standalone';

export interface HostProject {
  kind: HostKind;
  /** Absolute project root. */
  root: string;
  /** The app's id (Tauri `identifier`, Capacitor `appId`), when it has one. */
  appId?: string;
  /** Project-relative paths of files the generator may edit, when present. */
  files: {
    tauriConfig?: string;
    capacitorConfig?: string;
    androidManifest?: string;
    iosInfoPlist?: string;
    iosEntitlements?: string;
    iosPrivacyManifest?: string;
  };
}

const TAURI_CONFIGS = ['src-tauri/tauri.conf.json', 'src-tauri/tauri.conf.json5', 'src-tauri/Tauri.toml'];
const CAPACITOR_CONFIGS = ['capacitor.config.json', 'capacitor.config.ts', 'capacitor.config.js'];

function first(root: string, candidates: string[]): string | undefined {
  return candidates.find((c) => existsSync(join(root, c)));
}

/** The nearest folder at or above `start` that is an app or package root. */
export function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (first(dir, TAURI_CONFIGS) || first(dir, CAPACITOR_CONFIGS)) return dir;
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
}

/** Read a string property from a JSON or JS/TS config without executing it. */
function configString(text: string, key: string): string | undefined {
  const m = new RegExp(`["']?${key}["']?\\s*:\\s*(["'])((?:\\\\.|(?!\\1).)*)\\1`).exec(text);
  return m?.[2];
}

export function detectHost(root: string): HostProject {
  const tauriConfig = first(root, TAURI_CONFIGS);
  const capacitorConfig = first(root, CAPACITOR_CONFIGS);
  if (tauriConfig) {
    const text = readFileSync(join(root, tauriConfig), 'utf8');
    return {
      kind: 'tauri',
      root,
      appId: configString(text, 'identifier'),
      files: {
        tauriConfig,
        androidManifest: first(root, ['src-tauri/gen/android/app/src/main/AndroidManifest.xml']),
        ...tauriAppleFiles(root),
      },
    };
  }
  if (capacitorConfig) {
    const text = readFileSync(join(root, capacitorConfig), 'utf8');
    return {
      kind: 'capacitor',
      root,
      appId: configString(text, 'appId'),
      files: {
        capacitorConfig,
        androidManifest: first(root, ['android/app/src/main/AndroidManifest.xml']),
        iosInfoPlist: first(root, ['ios/App/App/Info.plist']),
        iosEntitlements: first(root, ['ios/App/App/App.entitlements']),
        iosPrivacyManifest: first(root, ['ios/App/App/PrivacyInfo.xcprivacy']),
      },
    };
  }
  return { kind: 'standalone', root, files: {} };
}

/**
 * The iOS app files of a Tauri app: `tauri ios init` writes the Xcode project
 * to src-tauri/gen/apple, with the app target's folder named `<product>_iOS`.
 */
function tauriAppleFiles(root: string): Pick<HostProject['files'], 'iosInfoPlist' | 'iosEntitlements' | 'iosPrivacyManifest'> {
  const apple = 'src-tauri/gen/apple';
  let names: string[];
  try {
    names = readdirSync(join(root, apple)).sort();
  } catch {
    return {};
  }
  const dir = names.find((n) => n.endsWith('_iOS') && existsSync(join(root, apple, n, 'Info.plist')));
  if (!dir) return {};
  const base = `${apple}/${dir}`;
  return {
    iosInfoPlist: `${base}/Info.plist`,
    iosEntitlements: first(root, [`${base}/${dir}.entitlements`]),
    iosPrivacyManifest: first(root, [`${base}/PrivacyInfo.xcprivacy`]),
  };
}
