/**
 * The rule registry: a plain list, one module per rule (`validators/rules/<id>.ts`).
 * Add a rule by importing it here; `bg-doctor rules`, `explain`, the docs
 * generator and the runner all read this list.
 */
import type { Rule } from '../rule.js';
import capacitorBackgroundRunner from './capacitor-background-runner.js';
import capacitorNativeFiles from './capacitor-native-files.js';
import iosBgUrlsession from './ios-bg-urlsession.js';
import iosBgmodeUnused from './ios-bgmode-unused.js';
import iosBgmodesValid from './ios-bgmodes-valid.js';
import iosBgtaskHandler from './ios-bgtask-handler.js';
import iosBgtaskLegacyFetch from './ios-bgtask-legacy-fetch.js';
import iosBgtaskLimits from './ios-bgtask-limits.js';
import iosBgtaskMode from './ios-bgtask-mode.js';
import iosBgtaskPermittedIds from './ios-bgtask-permitted-ids.js';
import iosBgtaskRegisterEarly from './ios-bgtask-register-early.js';
import iosBluetoothStrings from './ios-bluetooth-strings.js';
import iosContinuedProcessing from './ios-continued-processing.js';
import iosLocationBg from './ios-location-bg.js';
import iosPrivacyManifest from './ios-privacy-manifest.js';
import iosPushEntitlement from './ios-push-entitlement.js';
import iosUsageStringNonempty from './ios-usage-string-nonempty.js';
import iosVoipCallkit from './ios-voip-callkit.js';
import launchdPaths from './launchd-paths.js';
import launchdPersistence from './launchd-persistence.js';
import launchdPlistLint from './launchd-plist-lint.js';
import launchdRequiredKeys from './launchd-required-keys.js';
import macosSmappservice from './macos-smappservice.js';
import systemdLinger from './systemd-linger.js';
import systemdRestartPolicy from './systemd-restart-policy.js';
import systemdUserNoUser from './systemd-user-no-user.js';
import systemdUserWantedby from './systemd-user-wantedby.js';
import systemdVerify from './systemd-verify.js';
import tauriAppCommands from './tauri-app-commands.js';
import tauriCapabilityShape from './tauri-capability-shape.js';
import tauriPermissionKnown from './tauri-permission-known.js';
import tauriPluginGranted from './tauri-plugin-granted.js';
import tauriV1Allowlist from './tauri-v1-allowlist.js';
import tauriWindowCovered from './tauri-window-covered.js';
import windowsTask from './windows-task.js';

export const RULES: readonly Rule[] = [
  // Android
  // iOS
  iosBgUrlsession,
  iosBgmodeUnused,
  iosBgmodesValid,
  iosBgtaskHandler,
  iosBgtaskLegacyFetch,
  iosBgtaskLimits,
  iosBgtaskMode,
  iosBgtaskPermittedIds,
  iosBgtaskRegisterEarly,
  iosBluetoothStrings,
  iosContinuedProcessing,
  iosLocationBg,
  iosPrivacyManifest,
  iosPushEntitlement,
  iosUsageStringNonempty,
  iosVoipCallkit,
  // Desktop
  launchdPaths,
  launchdPersistence,
  launchdPlistLint,
  launchdRequiredKeys,
  macosSmappservice,
  systemdLinger,
  systemdRestartPolicy,
  systemdUserNoUser,
  systemdUserWantedby,
  systemdVerify,
  windowsTask,
  // Tauri / Capacitor
  capacitorBackgroundRunner,
  capacitorNativeFiles,
  tauriAppCommands,
  tauriCapabilityShape,
  tauriPermissionKnown,
  tauriPluginGranted,
  tauriV1Allowlist,
  tauriWindowCovered,
];
