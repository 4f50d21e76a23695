/**
 * When a continuous service may start without the user: after a reboot or
 * app update (the boot receiver), and from a background retry. Decided at
 * generation time from the declared foreground-service types.
 */
import type { FgsType } from '../../validators/data/android-fgs.js';

/**
 * Types that need the app in the foreground to start at all: the
 * while-in-use permissions (location, camera, microphone, body sensors) are
 * not usable by a foreground service created from the background, even with
 * an exemption such as BOOT_COMPLETED (developer.android.com
 * …/fgs/restrictions-bg-start, "Restrictions on starting foreground services
 * that need while-in-use permissions"), and a media projection needs the
 * user's consent for every session.
 */
const FOREGROUND_ONLY: ReadonlySet<string> = new Set(['location', 'camera', 'microphone', 'health', 'mediaProjection']);

export type BootStart =
  /** Never start from the background: post the "tap to resume" notification. */
  | { kind: 'never'; types: string[] }
  /** Start directly below `api` (device and targetSdk); from `api` on, post the notification. */
  | { kind: 'below'; api: number; types: string[] }
  | { kind: 'always' };

export function bootStart(types: readonly FgsType[]): BootStart {
  const foregroundOnly = types.filter((t) => FOREGROUND_ONLY.has(t.name)).map((t) => t.name);
  if (foregroundOnly.length) return { kind: 'never', types: foregroundOnly };
  const restricted = types.filter((t) => t.bootRestrictedFrom !== undefined);
  if (restricted.length === 0) return { kind: 'always' };
  return { kind: 'below', api: Math.min(...restricted.map((t) => t.bootRestrictedFrom!)), types: restricted.map((t) => t.name) };
}

/** Whether "tap to resume" must open the app (foreground-only types) rather than start the service directly. */
export function resumeOpensApp(types: readonly FgsType[]): boolean {
  return types.some((t) => FOREGROUND_ONLY.has(t.name));
}
