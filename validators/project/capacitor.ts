/**
 * The Capacitor part of the project model (first version by the core
 * engineer; the Capacitor rules' owner refines it).
 */
import { join } from 'node:path';
import type { CapacitorApp, ProjectFiles } from './types.js';

export const CAPACITOR_CONFIG_NAMES = ['capacitor.config.json', 'capacitor.config.ts', 'capacitor.config.js', 'capacitor.config.mjs'];

export function loadCapacitor(files: ProjectFiles, dir: string): CapacitorApp {
  return { dir, configFile: CAPACITOR_CONFIG_NAMES.map((n) => join(dir, n)).find((f) => files.exists(f)) };
}
