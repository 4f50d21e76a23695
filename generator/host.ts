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
  /**
   * The project's web page: its package.json `homepage`, else its `repository`
   * URL, when that is an http(s) URL. The generated packages name it as
   * theirs (a Capacitor plugin's package.json and podspec).
   */
  homepage?: string;
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

/** An http(s) URL as package.json may write it (`git+https://…/x.git` for a repository), or undefined. */
function webUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const url = value.trim().replace(/^git\+/, '').replace(/\.git$/, '');
  if (!/^https?:\/\/[^\s/]/i.test(url) || /[\s\0-\x1f\x7f]/.test(url)) return undefined;
  try {
    new URL(url);
    return url;
  } catch {
    return undefined;
  }
}

/** package.json's `homepage`, else `repository` (a string or `{ url }`), as an http(s) URL. */
export function packageHomepage(pkg: unknown): string | undefined {
  if (typeof pkg !== 'object' || pkg === null) return undefined;
  const { homepage, repository } = pkg as { homepage?: unknown; repository?: unknown };
  const repo = typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : repository;
  return webUrl(homepage) ?? webUrl(repo);
}

function homepageOf(root: string): Pick<HostProject, 'homepage'> {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
  const homepage = packageHomepage(pkg);
  return homepage ? { homepage } : {};
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
      ...homepageOf(root),
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
      ...homepageOf(root),
      files: {
        capacitorConfig,
        androidManifest: first(root, ['android/app/src/main/AndroidManifest.xml']),
        iosInfoPlist: first(root, ['ios/App/App/Info.plist']),
        iosEntitlements: first(root, ['ios/App/App/App.entitlements']),
        iosPrivacyManifest: first(root, ['ios/App/App/PrivacyInfo.xcprivacy']),
      },
    };
  }
  return { kind: 'standalone', root, ...homepageOf(root), files: {} };
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
