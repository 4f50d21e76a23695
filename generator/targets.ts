/** Every target, in the order their outputs are planned. */
import type { Target } from './target.js';
import { tsTypesTarget } from '../templates/ts/plan.js';
import { androidTarget } from '../templates/android/plan.js';
import { iosTarget } from '../templates/ios/plan.js';
import { tauriTarget } from '../templates/tauri/plan.js';
import { capacitorTarget } from '../templates/capacitor/plan.js';
import { desktopNodeTarget, desktopNodeTransferTarget, desktopRustTarget, desktopRustTransferTarget } from '../templates/desktop/plan.js';

export const targets: Target[] = [
  tsTypesTarget,
  androidTarget,
  iosTarget,
  desktopRustTarget,
  desktopNodeTarget,
  desktopRustTransferTarget,
  desktopNodeTransferTarget,
  tauriTarget,
  capacitorTarget,
];
