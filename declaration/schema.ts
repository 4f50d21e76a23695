/**
 * The shape of `ServiceOptions` (define.ts) as data, so one generic walker
 * can check any options object and say exactly what is wrong where. The
 * mapped types below make the compiler hold this file and define.ts in step:
 * a key missing here, a key that define.ts lacks, a required/optional
 * mismatch or an enum list missing a member is a build error.
 */
import type { DiagnosticCode } from './codes.js';
import { Code } from './codes.js';
import type {
  AndroidNotificationOptions,
  AndroidOptions,
  DesktopOptions,
  ForegroundServiceType,
  Host,
  IosBackgroundMode,
  IosOptions,
  IosUsageDescriptions,
  NetworkRequirement,
  NotificationImportance,
  ScheduleOptions,
  ServiceKind,
  ServiceOptions,
  ServicePermission,
  TimeoutPolicy,
  TransferNotification,
  TransferOptions,
  TransferSharedStorage,
} from './define.js';

export type Spec =
  | { type: 'string'; nonEmpty?: boolean }
  | { type: 'number'; integer?: boolean; min?: number; max?: number; code?: DiagnosticCode; reason?: string }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; of: Spec; nonEmpty?: boolean }
  | { type: 'object'; fields: Record<string, FieldSpec> }
  /** The first alternative whose literal kind matches is used (`boolean | {…}`). */
  | { type: 'oneOf'; options: readonly Spec[] };

export interface FieldSpec {
  spec: Spec;
  required: boolean;
}

/** `true` when K is a required key of T. */
type IsRequired<T, K extends keyof T> = {} extends Pick<T, K> ? false : true;

type Fields<T> = { [K in keyof T]-?: { spec: Spec; required: IsRequired<T, K> } };

function object<T>(fields: Fields<T>): Spec {
  return { type: 'object', fields: fields as Record<string, FieldSpec> };
}

/** An enum from a complete record of its members (the compiler checks completeness). */
function enumOf<T extends string>(members: Record<T, true>): Spec & { values: readonly T[] } {
  return { type: 'enum', values: Object.keys(members) as T[] };
}

const str: Spec = { type: 'string', nonEmpty: true };
const bool: Spec = { type: 'boolean' };
const opt = (spec: Spec) => ({ spec, required: false as const });
const req = (spec: Spec) => ({ spec, required: true as const });

export const foregroundServiceTypes = enumOf<ForegroundServiceType>({
  dataSync: true,
  mediaPlayback: true,
  phoneCall: true,
  location: true,
  connectedDevice: true,
  mediaProjection: true,
  camera: true,
  microphone: true,
  health: true,
  remoteMessaging: true,
  systemExempted: true,
  shortService: true,
  mediaProcessing: true,
  specialUse: true,
});

export const kinds = enumOf<ServiceKind>({ continuous: true, periodic: true, transfer: true });
export const hosts = enumOf<Host>({ tauri: true, capacitor: true });
export const permissions = enumOf<ServicePermission>({
  notifications: true,
  location: true,
  backgroundLocation: true,
  bluetooth: true,
  camera: true,
  microphone: true,
  exactAlarm: true,
});

const notification = object<AndroidNotificationOptions>({
  channel: req(str),
  channelName: opt(str),
  title: req(str),
  text: opt(str),
  importance: opt(enumOf<NotificationImportance>({ min: true, low: true, default: true, high: true })),
  stopAction: opt({ type: 'oneOf', options: [bool, str] }),
});

const android = object<AndroidOptions>({
  package: opt(str),
  foregroundServiceType: opt({ type: 'array', of: foregroundServiceTypes, nonEmpty: true }),
  specialUseSubtype: opt(str),
  notification: opt(notification),
  restartOnBoot: opt(bool),
  onTimeout: opt(enumOf<TimeoutPolicy>({ stop: true, notifyUser: true, reschedule: true })),
});

const FIFTEEN_MINUTES =
  "Android's JobScheduler does not run periodic work more often than every 15 minutes, and iOS treats shorter intervals as 15 at best";

const usageDescriptions = object<IosUsageDescriptions>({
  location: opt(str),
  locationAlways: opt(str),
  bluetooth: opt(str),
  camera: opt(str),
  microphone: opt(str),
});

const ios = object<IosOptions>({
  refresh: opt({
    type: 'oneOf',
    options: [
      bool,
      object<{ everyMinutes: number }>({
        everyMinutes: req({ type: 'number', integer: true, min: 15, code: Code.periodTooShort, reason: FIFTEEN_MINUTES }),
      }),
    ],
  }),
  processing: opt({
    type: 'oneOf',
    options: [
      bool,
      object<{ requiresNetwork?: boolean; requiresExternalPower?: boolean }>({
        requiresNetwork: opt(bool),
        requiresExternalPower: opt(bool),
      }),
    ],
  }),
  backgroundModes: opt({
    type: 'array',
    of: enumOf<IosBackgroundMode>({
      location: true,
      'remote-notification': true,
      audio: true,
      'bluetooth-central': true,
      'bluetooth-peripheral': true,
    }),
  }),
  usageDescriptions: opt(usageDescriptions),
  pushEnvironment: opt(enumOf<'development' | 'production'>({ development: true, production: true })),
});

const schedule = object<ScheduleOptions>({
  everyMinutes: req({ type: 'number', integer: true, min: 15, code: Code.periodTooShort, reason: FIFTEEN_MINUTES }),
  network: opt(enumOf<NetworkRequirement>({ none: true, any: true, unmetered: true })),
  requiresCharging: opt(bool),
  requiresDeviceIdle: opt(bool),
  requiresBatteryNotLow: opt(bool),
  maxRunSeconds: opt({
    type: 'number',
    integer: true,
    min: 1,
    max: 600,
    reason: 'Android stops a JobScheduler job after 10 minutes; longer work belongs in a continuous or transfer service',
  }),
});

const desktop = object<DesktopOptions>({
  runtime: req(enumOf<DesktopOptions['runtime']>({ rust: true, node: true })),
  mode: req(enumOf<DesktopOptions['mode']>({ inProcess: true, osService: true })),
  autostart: opt(bool),
  keepAlive: opt(bool),
  outliveLogout: opt(bool),
});

const transferNotification = object<TransferNotification>({ title: req(str), body: opt(str) });

const transfer = object<TransferOptions>({
  retries: opt({ type: 'number', integer: true, min: 0, max: 10 }),
  requiresUnmetered: opt(bool),
  requiresCharging: opt(bool),
  allowPause: opt(bool),
  group: opt(str),
  maxConcurrentPerHost: opt({ type: 'number', integer: true, min: 1, max: 32 }),
  sharedStorage: opt(object<TransferSharedStorage>({ androidLegacyStorage: opt(bool), iosPhotosUsage: opt(str) })),
  notifications: opt(
    object<NonNullable<TransferOptions['notifications']>>({
      running: opt(transferNotification),
      complete: opt(transferNotification),
      error: opt(transferNotification),
      paused: opt(transferNotification),
    }),
  ),
});

/** The whole options object of `defineService({...})`. */
export const serviceOptionsSpec: Spec = object<ServiceOptions>({
  name: req(str),
  identifier: opt(str),
  description: opt(str),
  kind: req(kinds),
  hosts: req({ type: 'array', of: hosts, nonEmpty: true }),
  android: opt(android),
  ios: opt(ios),
  desktop: opt(desktop),
  schedule: opt(schedule),
  transfer: opt(transfer),
  permissions: opt({ type: 'array', of: permissions }),
});

/** Every key path in the schema, for "this key belongs under `android`" hints. */
export function keyPaths(spec: Spec = serviceOptionsSpec, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (s: Spec, path: string): void => {
    if (s.type === 'object') {
      for (const [k, f] of Object.entries(s.fields)) {
        const p = path ? `${path}.${k}` : k;
        out.set(k, [...(out.get(k) ?? []), p]);
        visit(f.spec, p);
      }
    } else if (s.type === 'oneOf') s.options.forEach((o) => visit(o, path));
    else if (s.type === 'array') visit(s.of, path);
  };
  visit(spec, prefix);
  return out;
}
