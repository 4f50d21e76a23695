/**
 * Which Android permissions a service needs, and why: the `<uses-permission>`
 * entries of the manifest, the foreground-service prerequisites the generated
 * code checks before `startForeground`, and the runtime permissions the host
 * bridge asks the user for.
 *
 * The foreground-service facts (per-type permissions, any-of prerequisites)
 * come from the one table in validators/data/android-fgs.ts
 * (platform-rules.md §1.1); this module only decides which of the any-of
 * alternatives to declare.
 */
import type { ServiceModel, ServicePermission } from '../../declaration/model.js';
import { FOREGROUND_SERVICE, type FgsType, type FgsTypeName } from '../../validators/data/android-fgs.js';
import { fgsPlan } from './fgs.js';

const P = (s: string) => `android.permission.${s}`;

export interface ManifestPermission {
  name: string;
  /** `android:maxSdkVersion`, for legacy permissions newer releases replaced. */
  maxSdkVersion?: number;
  /** Why the service needs it (shown in tests and docs). */
  why: string;
}

/** At least one of `anyOf` must be granted before `startForeground` with `type` (Android 14+). */
export interface Prerequisite {
  type: FgsTypeName;
  anyOf: string[];
  /** The alternatives the manifest declares: what to ask the user for. */
  declared: string[];
}

/** A dangerous permission to request at run time, from the API level where it exists. */
export interface RuntimePermission {
  name: string;
  since: number;
}

export interface PermissionPlan {
  manifest: ManifestPermission[];
  /** Checked before the service is started; a missing one stops the start with a clear error. */
  prerequisites: Prerequisite[];
  /** Asked for together by `requestPermissions`. */
  runtime: RuntimePermission[];
  /** ACCESS_BACKGROUND_LOCATION: Android 11+ grants it only in a second, separate request. */
  backgroundLocation: boolean;
  /** SCHEDULE_EXACT_ALARM: special app access, checked with `canScheduleExactAlarms()` (API 31+). */
  exactAlarm: boolean;
}

/** What each declared `permissions` entry means on Android. */
const DECLARED: Record<ServicePermission, ManifestPermission[]> = {
  notifications: [{ name: P('POST_NOTIFICATIONS'), why: "declared permission 'notifications'" }],
  location: [
    { name: P('ACCESS_COARSE_LOCATION'), why: "declared permission 'location' (approximate)" },
    { name: P('ACCESS_FINE_LOCATION'), why: "declared permission 'location' (precise; Android 12+ lets the user pick approximate)" },
  ],
  backgroundLocation: [{ name: P('ACCESS_BACKGROUND_LOCATION'), why: "declared permission 'backgroundLocation'" }],
  bluetooth: [
    { name: P('BLUETOOTH_CONNECT'), why: "declared permission 'bluetooth' (Android 12+)" },
    { name: P('BLUETOOTH_SCAN'), why: "declared permission 'bluetooth' (Android 12+)" },
    { name: P('BLUETOOTH'), maxSdkVersion: 30, why: "declared permission 'bluetooth' (Android 11 and lower)" },
    { name: P('BLUETOOTH_ADMIN'), maxSdkVersion: 30, why: "declared permission 'bluetooth' (Android 11 and lower)" },
  ],
  camera: [{ name: P('CAMERA'), why: "declared permission 'camera'" }],
  microphone: [{ name: P('RECORD_AUDIO'), why: "declared permission 'microphone'" }],
  exactAlarm: [{ name: P('SCHEDULE_EXACT_ALARM'), why: "declared permission 'exactAlarm'" }],
};

/**
 * Dangerous (runtime) permissions this generator can declare, with the API
 * level from which they exist as runtime permissions (below it they are
 * either granted at install or do not exist, and must not be requested).
 */
const RUNTIME_SINCE: Readonly<Record<string, number>> = {
  [P('POST_NOTIFICATIONS')]: 33,
  [P('ACCESS_COARSE_LOCATION')]: 23,
  [P('ACCESS_FINE_LOCATION')]: 23,
  [P('BLUETOOTH_CONNECT')]: 31,
  [P('BLUETOOTH_SCAN')]: 31,
  [P('CAMERA')]: 23,
  [P('RECORD_AUDIO')]: 23,
  [P('ACTIVITY_RECOGNITION')]: 29,
};

/**
 * The any-of alternative declared for a type when the declaration's own
 * permissions satisfy none, for the types whose prerequisite is a permission
 * the app can hold: the first alternative of the table (for health,
 * ACTIVITY_RECOGNITION; the reader requires 'location', 'camera' and
 * 'microphone' to be declared for those types), and MANAGE_OWN_CALLS for
 * phoneCall (its other alternative, the dialer role, cannot be declared).
 * connectedDevice (a USB grant), mediaProjection (the project_media app-op
 * after the user's consent) and systemExempted (the VPN app-op) have
 * alternatives that are not permissions, so nothing is added for them.
 */
function defaultPrerequisite(t: FgsType): string | undefined {
  if (t.anyOfSeverity === 'error') return t.anyOf[0];
  if (t.name === 'phoneCall') return P('MANAGE_OWN_CALLS');
  return undefined;
}

export function permissionPlan(model: ServiceModel): PermissionPlan {
  const locationService = model.kind === 'continuous' && model.android.foregroundServiceTypes.includes('location');
  const out = new Map<string, ManifestPermission>();
  const add = (p: ManifestPermission) => {
    if (!out.has(p.name)) out.set(p.name, p);
  };
  for (const declared of model.permissions) {
    // A location foreground service reads the location with the while-in-use permission:
    // ACCESS_BACKGROUND_LOCATION would only add Google Play's background-location review
    // (platform-rules.md §1.2 android-background-location). Declared for iOS, it stays there.
    if (declared === 'backgroundLocation' && locationService) continue;
    DECLARED[declared].forEach(add);
  }

  const prerequisites: Prerequisite[] = [];
  if (model.kind === 'continuous') {
    add({ name: FOREGROUND_SERVICE, why: 'every foreground service (Android 9+)' });
    add({ name: P('POST_NOTIFICATIONS'), why: "the service's notification (Android 13+ shows it only with this permission)" });
    const fgs = fgsPlan(model);
    for (const t of fgs.declared) {
      for (const name of t.permissions) add({ name, why: `foreground service type ${t.name} (Android 14+)` });
      if (t.anyOf.length && !t.anyOf.some((p) => out.has(p))) {
        const chosen = defaultPrerequisite(t);
        if (chosen) add({ name: chosen, why: `prerequisite of foreground service type ${t.name} (one of ${t.anyOf.length})` });
      }
      // Checked in code only where a permission is the only way to meet it.
      if (t.anyOfSeverity === 'error') prerequisites.push({ type: t.name, anyOf: [...t.anyOf], declared: t.anyOf.filter((p) => out.has(p)) });
    }
    if (fgs.fallback) {
      const { type, below } = fgs.fallback;
      for (const name of type.permissions) add({ name, maxSdkVersion: below - 1, why: `foreground service type ${type.name}, which carries the service below API ${below}` });
    }
    if (model.android.restartOnBoot) add({ name: P('RECEIVE_BOOT_COMPLETED'), why: 'restartOnBoot: the boot receiver' });
  }
  if (model.kind === 'periodic' && model.schedule) {
    add({ name: P('RECEIVE_BOOT_COMPLETED'), why: 'the job is persisted across reboots (setPersisted)' });
    if (model.schedule.network !== 'none') {
      // JobScheduler refuses network constraints without both (Android 14+; AOSP 056e4e775e4d).
      add({ name: P('INTERNET'), why: `network constraint '${model.schedule.network}'` });
      add({ name: P('ACCESS_NETWORK_STATE'), why: `network constraint '${model.schedule.network}'` });
    }
  }

  const manifest = [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const runtime = manifest
    .filter((p) => RUNTIME_SINCE[p.name] !== undefined)
    .map((p) => ({ name: p.name, since: RUNTIME_SINCE[p.name]! }));
  return {
    manifest,
    prerequisites,
    runtime,
    backgroundLocation: out.has(P('ACCESS_BACKGROUND_LOCATION')),
    exactAlarm: out.has(P('SCHEDULE_EXACT_ALARM')),
  };
}
