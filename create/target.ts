/**
 * What the folder is: a Tauri v2 app, a Capacitor app, a new or empty folder
 * (a standalone module), a standalone module made before (so a second run is
 * a no-op), or something else, which is refused unless `--force`, with the
 * reason. Where the declaration goes follows from it:
 *
 *   app                bg-services/<name>/<name>.bg.ts   (one folder per service;
 *                      the generated host plugin goes beside it)
 *   standalone module  <name>.bg.ts at the root          (the folder is the module)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { Exit, UserFacingError } from '../cli/common.js';
import { isDeclarationFile } from '../declaration/find.js';
import { detectHost, type HostProject } from '../generator/host.js';
import { STATE_FILE } from '../generator/state.js';
import type { TargetInfo } from './types.js';

export type FolderState = 'new' | 'empty' | 'app' | 'module' | 'other';

export interface Target {
  /** Absolute folder. */
  dir: string;
  state: FolderState;
  host: HostProject;
  info: TargetInfo;
}

/** Entries that leave a folder "empty" (what `git init` and desktop file managers leave behind). */
const IGNORABLE = new Set(['.git', '.DS_Store', 'Thumbs.db']);

const refuse = (message: string): never => {
  throw new UserFacingError(message, Exit.usage);
};

/** Project-relative path of a service's declaration in this target. */
export function declarationPath(target: Target, name: string): string {
  return target.host.kind === 'standalone' ? `${name}.bg.ts` : `bg-services/${name}/${name}.bg.ts`;
}

/**
 * A Tauri 1 config: its `tauri` and `package` sections moved in v2, where
 * `identifier` is top-level. Only JSON configs are read; other formats are
 * taken as v2.
 */
function tauriOneConfig(host: HostProject): string | undefined {
  const file = host.files.tauriConfig;
  if (!file?.endsWith('.json')) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(join(host.root, file), 'utf8'));
  } catch {
    return undefined; // a broken config is the app's business; generation reports what it needs
  }
  const c = config as Record<string, unknown>;
  if (c && typeof c === 'object' && ('tauri' in c || ('package' in c && !('identifier' in c)))) return file;
  return undefined;
}

/** The nearest app above `dir`, so a folder inside an app is not taken for a new module by mistake. */
function enclosingApp(dir: string): HostProject | undefined {
  for (let up = dirname(dir); ; up = dirname(up)) {
    const host = detectHost(up);
    if (host.kind !== 'standalone') return host;
    if (dirname(up) === up) return undefined;
  }
}

function describeApp(host: HostProject): string {
  return host.kind === 'tauri' ? 'Tauri app' : 'Capacitor app';
}

export function detectTarget(dir: string, force: boolean, cwd: string): Target {
  const shown = relative(cwd, dir) || '.';
  let entries: string[] | undefined;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) refuse(`${shown} exists and is not a folder`);
    entries = readdirSync(dir).filter((e) => !IGNORABLE.has(e)).sort();
  }
  const host: HostProject = entries ? detectHost(dir) : { kind: 'standalone', root: dir, files: {} };
  const info: TargetInfo = { kind: host.kind, folderName: basename(dir), ...(host.appId ? { appId: host.appId } : {}) };

  if (host.kind !== 'standalone') {
    const v1 = tauriOneConfig(host);
    if (v1) refuse(`${shown} is a Tauri 1 app (${v1} has the v1 layout); bg-service supports Tauri 2: migrate first with \`npx @tauri-apps/cli migrate\``);
    return { dir, host, info, state: 'app' };
  }

  const services = (entries ?? []).filter(isDeclarationFile).map((e) => e.slice(0, -'.bg.ts'.length));
  if (entries && (services.length > 0 || existsSync(join(dir, STATE_FILE)))) {
    // A standalone module made before: it holds one service, whose name is the default.
    if (services.length === 1) info.moduleService = services[0]!;
    return { dir, host, info, state: 'module' };
  }

  const state: FolderState = !entries ? 'new' : entries.length === 0 ? 'empty' : 'other';
  if (force) return { dir, host, info, state };
  const app = enclosingApp(dir);
  if (app) {
    const root = relative(cwd, app.root) || '.';
    refuse(
      `${shown} is inside the ${describeApp(app)} at ${root}: to add a service to that app, run create-bg-service in ${root} ` +
        '(the declaration goes to bg-services/<name>/); to make a standalone module here anyway, add --force',
    );
  }
  if (state === 'other') {
    const listed = entries!.slice(0, 5).join(', ') + (entries!.length > 5 ? `, … (${entries!.length} entries)` : '');
    refuse(
      `${shown} is not empty (${listed}) and is neither a Tauri v2 app, a Capacitor app nor a bg-service module; ` +
        'run create-bg-service in an app, give a new folder (`create-bg-service my-service`), or add --force to make a standalone module here',
    );
  }
  return { dir, host, info, state };
}
