/**
 * Expo (continuous native generation): when android/ is not committed, the
 * manifest is generated at prebuild time from app.json, config plugins and
 * libraries. bg-doctor then knows only what app.json says — the permissions
 * in `expo.android.permissions` and the SDK levels of the
 * `expo-build-properties` plugin — and marks the merged view incomplete, so
 * rules that would report something *missing* stay quiet.
 */
import { dirname } from 'node:path';
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { AndroidApp, AndroidPermission, ExpoIosConfig, ExpoJsonEntry, ProjectFiles, SdkLevel, TextLocation } from './types.js';

export const EXPO_CONFIG_NAMES = ['app.json', 'app.config.json'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when the JSON file is an Expo app config (`{ "expo": { … } }`). */
export function isExpoConfig(files: ProjectFiles, file: string): boolean {
  const v = files.json(file);
  return isObject(v) && isObject(v.expo);
}

function nodeLoc(files: ProjectFiles, file: string, node: JsonNode): TextLocation {
  const p = files.position(file, node.offset);
  return { file, line: p.line, column: p.column, start: node.offset, end: node.offset + node.length };
}

/** SDK levels from `["expo-build-properties", { android: { targetSdkVersion } }]`. */
export function expoSdk(files: ProjectFiles, file: string): Partial<AndroidApp['sdk']> {
  const tree = files.jsonTree(file);
  const out: Partial<AndroidApp['sdk']> = {};
  if (!tree) return out;
  const plugins = findNodeAtLocation(tree, ['expo', 'plugins']);
  for (const entry of plugins?.children ?? []) {
    if (entry.type !== 'array') continue;
    const [name, opts] = entry.children ?? [];
    if (name?.value !== 'expo-build-properties' || !opts) continue;
    for (const [key, prop] of [
      ['targetSdk', 'targetSdkVersion'],
      ['compileSdk', 'compileSdkVersion'],
      ['minSdk', 'minSdkVersion'],
    ] as const) {
      const n = findNodeAtLocation(opts, ['android', prop]);
      if (n && (typeof n.value === 'number' || /^\d+$/.test(String(n.value)))) {
        const lvl: SdkLevel = { value: Number(n.value), loc: nodeLoc(files, file, n) };
        out[key] = lvl;
      }
    }
  }
  return out;
}

/** The Android view of a config-only Expo app. */
export function loadExpoAndroid(files: ProjectFiles, file: string, assumeTargetSdk: number | undefined): AndroidApp | undefined {
  const tree = files.jsonTree(file);
  if (!tree) return undefined;
  const permissions: AndroidPermission[] = [];
  const list = findNodeAtLocation(tree, ['expo', 'android', 'permissions']);
  for (const n of list?.children ?? []) {
    if (n.type !== 'string') continue;
    const raw = String(n.value);
    const name = raw.includes('.') ? raw : `android.permission.${raw}`;
    permissions.push({ name, file, loc: nodeLoc(files, file, n), fromLibrary: false, origin: 'app', declarations: [] });
  }
  const blocked = new Set(
    (findNodeAtLocation(tree, ['expo', 'android', 'blockedPermissions'])?.children ?? []).map((n) => String(n.value)),
  );
  const sdkPart = expoSdk(files, file);
  const targetSdk: SdkLevel = sdkPart.targetSdk ?? (assumeTargetSdk !== undefined ? { value: assumeTargetSdk, assumed: true } : {});
  const sdk = { targetSdk, compileSdk: sdkPart.compileSdk ?? {}, minSdk: sdkPart.minSdk ?? {} };
  return {
    moduleDir: dirname(file),
    manifestFile: file,
    model: 'expo-config',
    targetSdk: sdk.targetSdk.value,
    compileSdk: sdk.compileSdk.value,
    minSdk: sdk.minSdk.value,
    sdk,
    manifests: [],
    merged: {
      permissions: permissions.filter((p) => !blocked.has(p.name)),
      components: [],
      libraries: [],
      removed: [],
      complete: false,
    },
    dependencies: [],
    sourceFiles: [],
  };
}

/** The located entries of the object at `path` (none when it is absent or not an object). */
function objectEntries(files: ProjectFiles, file: string, tree: JsonNode, path: string[]): ExpoJsonEntry[] {
  const obj = findNodeAtLocation(tree, path);
  if (obj?.type !== 'object') return [];
  const out: ExpoJsonEntry[] = [];
  for (const prop of obj.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    out.push({ key: k.value, value: jsonValue(v), node: v, keyLoc: nodeLoc(files, file, k), valueLoc: nodeLoc(files, file, v) });
  }
  return out;
}

function jsonValue(n: JsonNode): unknown {
  if (n.type === 'object') return Object.fromEntries((n.children ?? []).flatMap((p) => (p.children?.[0] && p.children[1] ? [[String(p.children[0].value), jsonValue(p.children[1])]] : [])));
  if (n.type === 'array') return (n.children ?? []).map(jsonValue);
  return n.value;
}

/**
 * The iOS view of an Expo app without a committed ios/ folder: the
 * `expo.ios.infoPlist` and `expo.ios.entitlements` entries prebuild writes
 * into the generated Info.plist and entitlements (config plugins may add more).
 */
export function loadExpoIos(files: ProjectFiles, file: string): ExpoIosConfig | undefined {
  const tree = files.jsonTree(file);
  if (!tree) return undefined;
  const plugins = (findNodeAtLocation(tree, ['expo', 'plugins'])?.children ?? []).flatMap((p) => {
    const name = p.type === 'array' ? p.children?.[0]?.value : p.value;
    return typeof name === 'string' ? [name] : [];
  });
  return {
    configFile: file,
    infoPlist: objectEntries(files, file, tree, ['expo', 'ios', 'infoPlist']),
    entitlements: objectEntries(files, file, tree, ['expo', 'ios', 'entitlements']),
    plugins,
  };
}
