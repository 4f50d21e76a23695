/**
 * The Tauri v2 part of the project model (first version by the core engineer;
 * the Tauri rules' owner refines it).
 */
import { join } from 'node:path';
import type { ProjectFiles, TauriApp } from './types.js';

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
  const src = files.read(join(srcTauriDir, 'Cargo.toml'));
  if (!src) return [];
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(tauri-plugin-[\w-]+)\s*=\s*\{[^}\n]*\bpath\s*=\s*"([^"]+)"/gm)) {
    out.push(join(srcTauriDir, m[2]!, 'android'));
  }
  return out;
}
