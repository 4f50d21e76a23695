/**
 * The cache manifest `<cache>/manifest.json`, written by scripts/toolchains.mjs
 * after each install step succeeds; the checkers find their tools through it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cachePath } from '../lib/paths.js';
import { ToolchainMissingError } from './common.js';

export interface KotlinEntry {
  version: string;
  home: string;
  compilerJar: string;
}
export interface MavenEntry {
  repo: string;
  androidAll: string;
  coroutines: string;
  api: number;
}
export interface TreeSitterEntry {
  dir: string;
  how: string;
}
export interface RustEntry {
  warmupDir: string;
  lockfile: string;
  targetDir: string;
  env: Record<string, string>;
  dependencies: string;
}
export interface AndroidHostsEntry {
  tauriVersion: string;
  capacitorAndroid: string;
  /** Tauri's Android library: Kotlin sources (app.tauri.*) and the BuildConfig AGP generates. */
  tauriSources: string;
  /** Capacitor's Android library: Java sources (com.getcapacitor.*). */
  capacitorSources: string;
  /** androidx (classes.jar of each AAR) and jackson: the libraries' compile classpath. */
  classpath: string[];
}
export interface Steps {
  kotlin: KotlinEntry;
  maven: MavenEntry;
  'tree-sitter': TreeSitterEntry;
  rust: RustEntry;
  'android-hosts': AndroidHostsEntry;
}

const WHAT: Record<keyof Steps, string> = {
  kotlin: 'the Kotlin compiler (kotlinc)',
  maven: 'the Android framework jar (android-all) and kotlinx-coroutines',
  'tree-sitter': 'the tree-sitter Swift grammar',
  rust: 'the warmed Rust crate cache (tauri, tokio, serde, …)',
  'android-hosts': "the host plugins' Android libraries (Tauri's and Capacitor's sources, androidx, jackson)",
};

export function manifestPath(): string {
  return cachePath('manifest.json');
}

/**
 * One installed step's entry, checked to exist on disk (a cache folder that
 * was deleted by hand is reported, not trusted). Throws ToolchainMissingError.
 */
export function installed<K extends keyof Steps>(step: K, paths: (e: Steps[K]) => (string | undefined)[]): Steps[K] {
  let entry: Steps[K] | undefined;
  try {
    const m = JSON.parse(readFileSync(manifestPath(), 'utf8')) as { steps?: Partial<Steps> };
    entry = m.steps?.[step];
  } catch {
    throw new ToolchainMissingError(WHAT[step], `no toolchain manifest at ${manifestPath()}`);
  }
  if (!entry) throw new ToolchainMissingError(WHAT[step], `step "${step}" was never installed`);
  const gone = paths(entry).filter((p) => !p || !existsSync(p));
  if (gone.length) throw new ToolchainMissingError(WHAT[step], `not found: ${gone.join(', ')}`);
  return entry;
}
