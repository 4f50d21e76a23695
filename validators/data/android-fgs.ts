/**
 * Android foreground-service types: the one table every FGS rule, the docs
 * and the Android template generator read. Pure data plus tiny helpers, no
 * rule logic.
 *
 * Source: AOSP `core/java/android/app/ForegroundServiceTypePolicy.java` [A2],
 * `ServiceInfo.FOREGROUND_SERVICE_TYPE_*`, cross-checked with
 * developer.android.com …/services/fgs/service-types [A1] and
 * …/about/versions/15/behavior-changes-15 [A5] (see shared/reference/platform-rules.md §1.1).
 */
import type { ForegroundServiceType } from '../../declaration/define.js';

/** The manifest spellings of the 14 types: the declaration's own union (declaration/define.ts), so the two cannot drift apart. */
export type FgsTypeName = ForegroundServiceType;

export interface FgsType {
  /** The manifest spelling (`android:foregroundServiceType`). */
  name: FgsTypeName;
  /** `ServiceInfo.FOREGROUND_SERVICE_TYPE_*` value. */
  bit: number;
  /** The Java/Kotlin constant name. */
  constant: string;
  /** API level that introduced the type (compileSdk must be at least this to use it). */
  api: number;
  /** Install-time permissions that must all be declared (targetSdk ≥ 34). */
  permissions: string[];
  /** At least one must be granted before startForeground (targetSdk ≥ 34); empty = none. */
  anyOf: string[];
  /**
   * How bad a missing any-of prerequisite is from the manifest alone: `error`
   * when a permission is the only way; `warning` when a role, an app-op or a
   * USB grant can satisfy it instead.
   */
  anyOfSeverity?: 'error' | 'warning';
  /** Other ways the prerequisite can be met (for messages). */
  anyOfAlternatives?: string;
  /** targetSdk from which a BOOT_COMPLETED receiver may not start this type. */
  bootRestrictedFrom?: number;
  /** targetSdk from which the system times the service out and calls onTimeout. */
  timeoutFrom?: number;
  /** Short note for messages and docs. */
  note?: string;
}

const P = (s: string) => `android.permission.${s}`;

export const FGS_TYPES: readonly FgsType[] = [
  {
    name: 'dataSync',
    bit: 0x1,
    constant: 'FOREGROUND_SERVICE_TYPE_DATA_SYNC',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_DATA_SYNC')],
    anyOf: [],
    bootRestrictedFrom: 35,
    timeoutFrom: 35,
    note: '6 hours per 24 hours from targetSdk 35',
  },
  {
    name: 'mediaPlayback',
    bit: 0x2,
    constant: 'FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_MEDIA_PLAYBACK')],
    anyOf: [],
    bootRestrictedFrom: 35,
  },
  {
    name: 'phoneCall',
    bit: 0x4,
    constant: 'FOREGROUND_SERVICE_TYPE_PHONE_CALL',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_PHONE_CALL')],
    anyOf: [P('MANAGE_OWN_CALLS')],
    anyOfSeverity: 'warning',
    anyOfAlternatives: 'or hold the default dialer role',
    bootRestrictedFrom: 35,
  },
  {
    name: 'location',
    bit: 0x8,
    constant: 'FOREGROUND_SERVICE_TYPE_LOCATION',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_LOCATION')],
    anyOf: [P('ACCESS_COARSE_LOCATION'), P('ACCESS_FINE_LOCATION')],
    anyOfSeverity: 'error',
    note: 'while-in-use permission: granted and the app eligible when startForeground is called',
  },
  {
    name: 'connectedDevice',
    bit: 0x10,
    constant: 'FOREGROUND_SERVICE_TYPE_CONNECTED_DEVICE',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_CONNECTED_DEVICE')],
    anyOf: [
      P('BLUETOOTH_ADVERTISE'),
      P('BLUETOOTH_CONNECT'),
      P('BLUETOOTH_SCAN'),
      P('CHANGE_NETWORK_STATE'),
      P('CHANGE_WIFI_STATE'),
      P('CHANGE_WIFI_MULTICAST_STATE'),
      P('NFC'),
      P('TRANSMIT_IR'),
      P('UWB_RANGING'),
    ],
    anyOfSeverity: 'warning',
    anyOfAlternatives: 'or a USB device/accessory permission granted through UsbManager',
  },
  {
    name: 'mediaProjection',
    bit: 0x20,
    constant: 'FOREGROUND_SERVICE_TYPE_MEDIA_PROJECTION',
    api: 29,
    permissions: [P('FOREGROUND_SERVICE_MEDIA_PROJECTION')],
    anyOf: [P('CAPTURE_VIDEO_OUTPUT')],
    anyOfSeverity: 'warning',
    anyOfAlternatives: 'or the app-op android:project_media (user consent from MediaProjectionManager.createScreenCaptureIntent() first)',
    bootRestrictedFrom: 35,
  },
  {
    name: 'camera',
    bit: 0x40,
    constant: 'FOREGROUND_SERVICE_TYPE_CAMERA',
    api: 30,
    permissions: [P('FOREGROUND_SERVICE_CAMERA')],
    anyOf: [P('CAMERA'), P('SYSTEM_CAMERA')],
    anyOfSeverity: 'error',
    bootRestrictedFrom: 35,
    note: 'while-in-use permission',
  },
  {
    name: 'microphone',
    bit: 0x80,
    constant: 'FOREGROUND_SERVICE_TYPE_MICROPHONE',
    api: 30,
    permissions: [P('FOREGROUND_SERVICE_MICROPHONE')],
    anyOf: [
      P('RECORD_AUDIO'),
      P('CAPTURE_AUDIO_HOTWORD'),
      P('CAPTURE_AUDIO_OUTPUT'),
      P('CAPTURE_MEDIA_OUTPUT'),
      P('CAPTURE_TUNER_AUDIO_INPUT'),
      P('CAPTURE_VOICE_COMMUNICATION_OUTPUT'),
    ],
    anyOfSeverity: 'error',
    bootRestrictedFrom: 34,
    note: 'while-in-use permission',
  },
  {
    name: 'health',
    bit: 0x100,
    constant: 'FOREGROUND_SERVICE_TYPE_HEALTH',
    api: 34,
    permissions: [P('FOREGROUND_SERVICE_HEALTH')],
    anyOf: [P('ACTIVITY_RECOGNITION'), P('BODY_SENSORS'), P('HIGH_SAMPLING_RATE_SENSORS')],
    anyOfSeverity: 'error',
    note: 'on Wear OS targeting API 36, BODY_SENSORS becomes android.permission.health.READ_HEART_RATE',
  },
  {
    name: 'remoteMessaging',
    bit: 0x200,
    constant: 'FOREGROUND_SERVICE_TYPE_REMOTE_MESSAGING',
    api: 34,
    permissions: [P('FOREGROUND_SERVICE_REMOTE_MESSAGING')],
    anyOf: [],
  },
  {
    name: 'systemExempted',
    bit: 0x400,
    constant: 'FOREGROUND_SERVICE_TYPE_SYSTEM_EXEMPTED',
    api: 34,
    permissions: [P('FOREGROUND_SERVICE_SYSTEM_EXEMPTED')],
    anyOf: [P('SCHEDULE_EXACT_ALARM'), P('USE_EXACT_ALARM')],
    anyOfSeverity: 'warning',
    anyOfAlternatives: 'or the app-op activate_vpn (VPN apps)',
    note: 'reserved for system apps, alarm apps and VPN apps',
  },
  {
    name: 'shortService',
    bit: 0x800,
    constant: 'FOREGROUND_SERVICE_TYPE_SHORT_SERVICE',
    api: 34,
    permissions: [],
    anyOf: [],
    timeoutFrom: 34,
    note: 'about 3 minutes, then Service.onTimeout(int, int)',
  },
  {
    name: 'mediaProcessing',
    bit: 0x2000,
    constant: 'FOREGROUND_SERVICE_TYPE_MEDIA_PROCESSING',
    api: 35,
    permissions: [P('FOREGROUND_SERVICE_MEDIA_PROCESSING')],
    anyOf: [],
    timeoutFrom: 35,
    note: '6 hours per 24 hours',
  },
  {
    name: 'specialUse',
    bit: 0x40000000,
    constant: 'FOREGROUND_SERVICE_TYPE_SPECIAL_USE',
    api: 34,
    permissions: [P('FOREGROUND_SERVICE_SPECIAL_USE')],
    anyOf: [],
    note: 'needs <property android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE" android:value="…"/>',
  },
];

/** The base permission every foreground service needs from targetSdk 28. */
export const FOREGROUND_SERVICE = P('FOREGROUND_SERVICE');
/** targetSdk from which the base permission is enforced. */
export const FOREGROUND_SERVICE_SINCE = 28;
/** targetSdk from which a type is mandatory and each type needs its permission. */
export const FGS_TYPES_REQUIRED_SINCE = 34;
/** The `<property>` a specialUse service carries for the Play declaration. */
export const SPECIAL_USE_PROPERTY = 'android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE';
/** `ServiceInfo.FOREGROUND_SERVICE_TYPE_MANIFEST`: "every type in the manifest". */
export const FGS_TYPE_MANIFEST = -1;

const BY_NAME = new Map<string, FgsType>(FGS_TYPES.map((t) => [t.name, t]));
const BY_CONSTANT = new Map<string, FgsType>(FGS_TYPES.map((t) => [t.constant, t]));

export function fgsType(name: string): FgsType | undefined {
  return BY_NAME.get(name);
}

export function fgsTypeByConstant(constant: string): FgsType | undefined {
  return BY_CONSTANT.get(constant);
}

/** Types not in FGS_TYPES that developers write, with what they meant. */
export const FGS_TYPE_MISSPELLINGS: Record<string, string> = {
  fileManagement: 'fileManagement (0x1000) is hidden from apps: it is not a valid manifest type',
};

/** Split an attribute value such as `dataSync|location` (whitespace tolerated). */
export function splitFgsTypes(value: string): string[] {
  return value
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Bits of a set of type names (unknown names contribute nothing). */
export function fgsBits(names: Iterable<string>): number {
  let bits = 0;
  for (const n of names) bits |= BY_NAME.get(n)?.bit ?? 0;
  return bits >>> 0;
}

/** Type names of a bit mask, e.g. 0x9 → ['dataSync', 'location']. */
export function fgsNames(bits: number): string[] {
  const out: string[] = [];
  for (const t of FGS_TYPES) if ((bits & t.bit) !== 0) out.push(t.name);
  return out;
}

/** `0x00000001` as AOSP prints it in exceptions. */
export function fgsHex(bits: number): string {
  return '0x' + (bits >>> 0).toString(16).padStart(8, '0');
}

/** `0x00000009 (dataSync|location)`: hex as the exception prints it, then the names. */
export function fgsDescribe(bits: number): string {
  const names = fgsNames(bits);
  return `${fgsHex(bits)} (${names.length ? names.join('|') : 'no type'})`;
}

/** Case-insensitive lookup, for "did you mean" on a wrongly cased type. */
export function fgsTypeIgnoringCase(name: string): FgsType | undefined {
  const lower = name.toLowerCase();
  return FGS_TYPES.find((t) => t.name.toLowerCase() === lower);
}

/** The newest API level bg-doctor knows; a maxSdkVersion cap below it means "missing on newer devices". */
export const LATEST_API = 36;
