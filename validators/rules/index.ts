/**
 * The rule registry: a plain list, one module per rule (`validators/rules/<id>.ts`).
 * Add a rule by importing it here; `bg-doctor rules`, `explain`, the docs
 * generator and the runner all read this list.
 */
import type { Rule } from '../rule.js';
import androidBackgroundLocation from './android-background-location.js';
import androidBatteryOptPolicy from './android-battery-opt-policy.js';
import androidBootPermission from './android-boot-permission.js';
import androidExactAlarmCheck from './android-exact-alarm-check.js';
import androidExactAlarmPermission from './android-exact-alarm-permission.js';
import androidExportedExplicit from './android-exported-explicit.js';
import androidFgsBasePermission from './android-fgs-base-permission.js';
import androidFgsBgStart from './android-fgs-bg-start.js';
import androidFgsBootRestricted from './android-fgs-boot-restricted.js';
import androidFgsOverlayExemption from './android-fgs-overlay-exemption.js';
import androidFgsRuntimeSubset from './android-fgs-runtime-subset.js';
import androidFgsSpecialuseSubtype from './android-fgs-specialuse-subtype.js';
import androidFgsSystemExempted from './android-fgs-system-exempted.js';
import androidFgsTimeoutHandler from './android-fgs-timeout-handler.js';
import androidFgsTypeInvalid from './android-fgs-type-invalid.js';
import androidFgsTypeMissing from './android-fgs-type-missing.js';
import androidFgsTypePermission from './android-fgs-type-permission.js';
import androidFgsTypePrerequisite from './android-fgs-type-prerequisite.js';
import androidInternet from './android-internet.js';
import androidJobPersistedBoot from './android-job-persisted-boot.js';
import androidJobserviceBinding from './android-jobservice-binding.js';
import androidPermissionTypo from './android-permission-typo.js';
import androidPostNotifications from './android-post-notifications.js';
import androidStopWithTask from './android-stop-with-task.js';
import androidTargetSdk from './android-target-sdk.js';
import androidUidt from './android-uidt.js';
import androidUseExactAlarm from './android-use-exact-alarm.js';
import androidWakeLock from './android-wake-lock.js';
import androidWorkmanagerFgs from './android-workmanager-fgs.js';
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
import windowsTask from './windows-task.js';
import bgDeclarationDrift from './bg-declaration-drift.js';
import bgDeclarationInvalid from './bg-declaration-invalid.js';
import bgGeneratedStale from './bg-generated-stale.js';
import capacitorBackgroundRunner from './capacitor-background-runner.js';
import capacitorRegisterAtLaunch from './capacitor-register-at-launch.js';
import capacitorNativeFiles from './capacitor-native-files.js';
import tauriAppCommands from './tauri-app-commands.js';
import tauriCapabilityShape from './tauri-capability-shape.js';
import tauriPermissionKnown from './tauri-permission-known.js';
import tauriPluginGranted from './tauri-plugin-granted.js';
import tauriV1Allowlist from './tauri-v1-allowlist.js';
import tauriWindowCovered from './tauri-window-covered.js';

export const RULES: readonly Rule[] = [
  // Android
  androidBackgroundLocation,
  androidBatteryOptPolicy,
  androidBootPermission,
  androidExactAlarmCheck,
  androidExactAlarmPermission,
  androidExportedExplicit,
  androidFgsBasePermission,
  androidFgsBgStart,
  androidFgsBootRestricted,
  androidFgsOverlayExemption,
  androidFgsRuntimeSubset,
  androidFgsSpecialuseSubtype,
  androidFgsSystemExempted,
  androidFgsTimeoutHandler,
  androidFgsTypeInvalid,
  androidFgsTypeMissing,
  androidFgsTypePermission,
  androidFgsTypePrerequisite,
  androidInternet,
  androidJobPersistedBoot,
  androidJobserviceBinding,
  androidPermissionTypo,
  androidPostNotifications,
  androidStopWithTask,
  androidTargetSdk,
  androidUidt,
  androidUseExactAlarm,
  androidWakeLock,
  androidWorkmanagerFgs,
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
  capacitorRegisterAtLaunch,
  tauriAppCommands,
  tauriCapabilityShape,
  tauriPermissionKnown,
  tauriPluginGranted,
  tauriV1Allowlist,
  tauriWindowCovered,
  // Declarations (drift between the app and its *.bg.ts)
  bgDeclarationDrift,
  bgDeclarationInvalid,
  bgGeneratedStale,
];
