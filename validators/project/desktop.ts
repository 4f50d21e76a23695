/**
 * The desktop part of the project model (first version by the core engineer;
 * the desktop rules' owner refines it): systemd units, launchd agents and
 * Windows Task Scheduler definitions found in the app's tree.
 */
import { basename } from 'node:path';
import type { DesktopUnits } from './types.js';
import { toPosix } from './files.js';

export function isSystemdUnitPath(p: string): boolean {
  return /\.(service|timer|socket|path)$/.test(p) && !/\/(node_modules|\.git)\//.test(toPosix(p));
}

export function isLaunchdPlistPath(p: string): boolean {
  const posix = toPosix(p);
  if (!posix.endsWith('.plist') || /Info\.plist$/.test(posix)) return false;
  return /\/Launch(Agents|Daemons)\/[^/]+\.plist$/.test(posix) || /^[a-z][\w-]*(\.[\w-]+){2,}\.plist$/.test(basename(posix));
}

export function isWindowsTaskPath(p: string): boolean {
  return /(^|[\\/])[^\\/]*task[^\\/]*\.xml$/i.test(p) && !/AndroidManifest\.xml$/.test(p);
}

export function loadDesktop(paths: string[]): DesktopUnits {
  return {
    systemdUnits: paths.filter(isSystemdUnitPath),
    launchdPlists: paths.filter(isLaunchdPlistPath),
    windowsTasks: paths.filter(isWindowsTaskPath),
  };
}
