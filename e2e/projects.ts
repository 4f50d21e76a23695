/**
 * Temp projects of each shape the generator supports, for the matrix and the
 * targets' tests: a standalone module (an empty folder), and a Tauri v2 and a
 * Capacitor 8 app as their own scaffolds leave them (fixtures/apps/, with the
 * platform projects already created).
 */
import { cpSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ServiceModel } from '../declaration/model.js';
import { detectHost, type HostProject } from '../generator/host.js';
import { sourcePath } from '../lib/paths.js';

export type Shape = 'standalone' | 'tauri' | 'capacitor';

/** Where declarations go inside an app (beside the app, not inside src-tauri or android). */
export const APP_SERVICES_DIR = 'services';

/**
 * Create a project of `shape` at `root` (which must not exist or be empty)
 * holding a copy of the declaration `declaration` and the folder of types it
 * imports (`types/` beside it, if any). Returns the host and the copy's path.
 */
export function createProject(shape: Shape, root: string, declaration: string): { host: HostProject; declaration: string } {
  mkdirSync(root, { recursive: true });
  if (shape !== 'standalone') cpSync(sourcePath('e2e', 'fixtures', 'apps', shape), root, { recursive: true });
  const dir = shape === 'standalone' ? root : join(root, APP_SERVICES_DIR);
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, basename(declaration));
  cpSync(declaration, copy);
  const types = join(dirname(declaration), 'types');
  try {
    cpSync(types, join(dir, 'types'), { recursive: true });
  } catch {
    // No shared types beside this declaration.
  }
  return { host: detectHost(root), declaration: copy };
}

/**
 * The model of a declaration read elsewhere, as if read from `declaration`
 * (its copy in a project): only the paths change, everything else is data.
 */
export function relocateModel(model: ServiceModel, declaration: string): ServiceModel {
  const moved = structuredClone(model);
  moved.sourceFile = declaration;
  moved.loc = { ...moved.loc, file: declaration };
  return moved;
}
