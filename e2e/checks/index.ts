/**
 * Every check the declaration matrix runs, per target. Add a target's checks
 * by appending its list here (one line per target).
 */
import type { MatrixCheck } from './types.js';
import { androidChecks } from './android.js';
import { doctorChecks } from './doctor.js';
import { tsChecks } from './ts.js';
import { tauriChecks } from './tauri.js';
import { capacitorChecks } from './capacitor.js';
import { iosChecks } from './ios.js';
import { desktopChecks } from './desktop.js';

export const checks: MatrixCheck[] = [
  ...androidChecks,
  ...doctorChecks,
  ...tsChecks,
  ...tauriChecks,
  ...capacitorChecks,
  ...iosChecks,
  ...desktopChecks,
];
