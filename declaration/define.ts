/**
 * The public surface of the package: what a `*.bg.ts` declaration imports.
 *
 * `defineService` does nothing at run time (declarations are read statically,
 * never executed); its job is to give editors completion and type errors while
 * the user writes the file. The reader in `declaration/reader.ts` enforces the
 * same rules and more, with located messages.
 */

/** The 14 Android foreground-service types (platform-rules.md §1.1). */
export type ForegroundServiceType =
  | 'dataSync'
  | 'mediaPlayback'
  | 'phoneCall'
  | 'location'
  | 'connectedDevice'
  | 'mediaProjection'
  | 'camera'
  | 'microphone'
  | 'health'
  | 'remoteMessaging'
  | 'systemExempted'
  | 'shortService'
  | 'mediaProcessing'
  | 'specialUse';

export type ServiceKind = 'continuous' | 'periodic' | 'transfer';
export type Host = 'tauri' | 'capacitor';

/** Runtime permissions the service needs; each maps to per-platform entries. */
export type ServicePermission =
  | 'notifications'
  | 'location'
  | 'backgroundLocation'
  | 'bluetooth'
  | 'camera'
  | 'microphone'
  | 'exactAlarm';

/** What happens when Android times a foreground service out (API 34/35 `onTimeout`). */
export type TimeoutPolicy = 'stop' | 'notifyUser' | 'reschedule';

export type NotificationImportance = 'min' | 'low' | 'default' | 'high';

export interface AndroidNotificationOptions {
  /** Notification channel id (created on API 26+). */
  channel: string;
  /** User-visible channel name; defaults to the title. */
  channelName?: string;
  title: string;
  text?: string;
  importance?: NotificationImportance;
  /** Show a "Stop" action on the notification; a string sets its label. */
  stopAction?: boolean | string;
}

export interface AndroidOptions {
  /** Kotlin package of the generated code; defaults to the service identifier. */
  package?: string;
  /**
   * Required for `continuous` services (Android 14+ refuses an untyped
   * foreground service); not allowed for other kinds. `location`, `camera`
   * and `microphone` need the matching entry in `permissions`.
   */
  foregroundServiceType?: ForegroundServiceType[];
  /** Required with `specialUse`: the `PROPERTY_SPECIAL_USE_FGS_SUBTYPE` value. */
  specialUseSubtype?: string;
  /**
   * Required for `continuous` services (a foreground service must show one);
   * optional for `transfer` (the channel of the transfer notifications); not
   * allowed for `periodic`.
   */
  notification?: AndroidNotificationOptions;
  /** Restart after BOOT_COMPLETED / LOCKED_BOOT_COMPLETED / MY_PACKAGE_REPLACED (continuous only; default false). */
  restartOnBoot?: boolean;
  /** Continuous only; default 'stop'. */
  onTimeout?: TimeoutPolicy;
}

export interface IosUsageDescriptions {
  location?: string;
  locationAlways?: string;
  bluetooth?: string;
  camera?: string;
  microphone?: string;
}

export type IosBackgroundMode =
  | 'location'
  | 'remote-notification'
  | 'audio'
  | 'bluetooth-central'
  | 'bluetooth-peripheral';

export interface IosOptions {
  /**
   * BGAppRefreshTask; `everyMinutes` (at least 15) is the earliest begin date
   * offset. `true` means the schedule's period for a periodic service and 15
   * otherwise; a periodic service refreshes at its period unless this is `false`.
   */
  refresh?: { everyMinutes: number } | boolean;
  /** BGProcessingTask, for network, external power or long work. */
  processing?: { requiresNetwork?: boolean; requiresExternalPower?: boolean } | boolean;
  /** Extra UIBackgroundModes beyond `fetch` / `processing`, only when declared. */
  backgroundModes?: IosBackgroundMode[];
  usageDescriptions?: IosUsageDescriptions;
  /** `aps-environment` for remote notifications; defaults to 'development'. */
  pushEnvironment?: 'development' | 'production';
}

export type NetworkRequirement = 'none' | 'any' | 'unmetered';

/** Scheduling of a `periodic` service (seed 001). */
export interface ScheduleOptions {
  /** At least 15 (Android's JobScheduler floor). */
  everyMinutes: number;
  network?: NetworkRequirement;
  requiresCharging?: boolean;
  requiresDeviceIdle?: boolean;
  requiresBatteryNotLow?: boolean;
  /** Time budget for one run, in seconds: 1–600 (JobScheduler's 10 minutes); default 600. */
  maxRunSeconds?: number;
}

/** Defaults when absent: runtime 'rust' with a Tauri host, else 'node'; mode 'inProcess'. */
export interface DesktopOptions {
  /** 'rust' needs the 'tauri' host; 'node' in mode 'inProcess' needs the 'capacitor' host. */
  runtime: 'rust' | 'node';
  /** `autostart`, `keepAlive` and `outliveLogout` need 'osService'. */
  mode: 'inProcess' | 'osService';
  /** Start with the user session (systemd `WantedBy`, launchd `RunAtLoad`). */
  autostart?: boolean;
  /** Restart when the service exits (systemd `Restart=on-failure`, launchd `KeepAlive`). */
  keepAlive?: boolean;
  /** Keep running after the user logs out (systemd linger guidance). */
  outliveLogout?: boolean;
}

export interface TransferNotification {
  title: string;
  /** May use `{filename}`, `{progress}`, `{metadata}`. */
  body?: string;
}

/** moveToSharedStorage's opt-ins (each adds a permission or a usage string to the app). */
export interface TransferSharedStorage {
  /**
   * Android 9 and below: move files into the public folders, with WRITE_EXTERNAL_STORAGE
   * (`android:maxSdkVersion="28"`, asked for at run time). Without it moveToSharedStorage returns
   * null there; Android 10+ uses MediaStore, which needs no permission.
   */
  androidLegacyStorage?: boolean;
  /**
   * iOS: images and video go to the Photos library (PHPhotoLibrary, add-only access); the text is
   * NSPhotoLibraryAddUsageDescription, shown to the user. Without it they go to folders in the
   * app's Documents.
   */
  iosPhotosUsage?: string;
}

/** Defaults for a `transfer` service (seed 002). */
export interface TransferOptions {
  retries?: number;
  requiresUnmetered?: boolean;
  requiresCharging?: boolean;
  allowPause?: boolean;
  group?: string;
  /** Parallel transfers at most, per host. */
  maxConcurrentPerHost?: number;
  /** What moveToSharedStorage may use beyond what needs no permission. */
  sharedStorage?: TransferSharedStorage;
  notifications?: {
    running?: TransferNotification;
    complete?: TransferNotification;
    error?: TransferNotification;
    paused?: TransferNotification;
  };
}

export interface ServiceOptions {
  /** kebab-case (`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`, at most 40 characters); every type and file name derives from it. */
  name: string;
  /** Reverse-DNS id; defaults to the host app's id + "." + name. */
  identifier?: string;
  /** One line shown in docs and generated headers. */
  description?: string;
  kind: ServiceKind;
  hosts: Host[];
  android?: AndroidOptions;
  ios?: IosOptions;
  desktop?: DesktopOptions;
  /** Required for `periodic` services; not allowed for other kinds. */
  schedule?: ScheduleOptions;
  /** Only for `transfer` services. */
  transfer?: TransferOptions;
  permissions?: ServicePermission[];
}

/** A branded number that generates as an integer type (Int / Int64 / i64). */
export type Integer = number & { readonly __bgInteger?: never };

/** Marker the reader recognises; carries the event and command types. */
export interface ServiceDefinition<Events, Commands> {
  readonly options: ServiceOptions;
  /** Phantom fields: never present at run time. */
  readonly __events?: Events;
  readonly __commands?: Commands;
}

export function defineService<
  Events extends object = Record<never, never>,
  Commands extends object = Record<never, never>,
>(options: ServiceOptions): ServiceDefinition<Events, Commands> {
  return { options };
}
