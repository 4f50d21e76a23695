/**
 * What a service asks of iOS, decided once from the model: which
 * BGTaskScheduler requests it submits (with their identifiers, constraints,
 * earliest begin dates and safety budgets), which UIBackgroundModes, usage
 * strings and entitlements the app needs. The Swift templates and the
 * Info.plist contributions both read this, so they cannot disagree; the tests
 * still check the generated files against each other independently.
 */
import type { GenerationContext } from '../../generator/context.js';
import { BACKGROUND_MODES, USAGE_KEYS, MODE_USAGE_KEYS } from '../../validators/data/ios.js';

/**
 * Seconds of a BGAppRefreshTask's ~30 s budget the work may use before the
 * safety timer cancels it and completes the task itself: the rest is for
 * `onStop`, rescheduling and `setTaskCompleted` before the system kills the app.
 */
export const REFRESH_BUDGET_SECONDS = 25;

/** A run longer than one refresh window is "long work": it gets a BGProcessingTask too. */
const REFRESH_WINDOW_SECONDS = 30;

export interface RefreshRequest {
  identifier: string;
  /** `earliestBeginDate` = now + this. */
  everyMinutes: number;
  /** Safety timer, seconds. */
  budgetSeconds: number;
}

export interface ProcessingRequest {
  identifier: string;
  requiresNetwork: boolean;
  requiresExternalPower: boolean;
  /** `earliestBeginDate` = now + this; undefined: as soon as the system allows. */
  everyMinutes?: number;
  /** Safety timer, seconds; undefined: until the system's expiration handler. */
  budgetSeconds?: number;
}

export interface UsageString {
  key: string;
  value: string;
}

export interface IosPlan {
  refresh: RefreshRequest;
  processing?: ProcessingRequest;
  /** Continuous services run `run` in the foreground too; periodic ones only in background windows. */
  continuous: boolean;
  /** UIBackgroundModes, in a stable order. */
  backgroundModes: string[];
  /** BGTaskSchedulerPermittedIdentifiers: exactly the submitted identifiers. */
  permittedIdentifiers: string[];
  usageStrings: UsageString[];
  /** `aps-environment`, when remote notifications are declared. */
  apsEnvironment?: 'development' | 'production';
  /** UserDefaults key prefix (the service identifier). */
  defaultsPrefix: string;
  /** Problems worth printing after generation (none when the reader did its job). */
  warnings: string[];
}

/** The iOS plan of `ctx`'s service; undefined for kinds the iOS target does not generate (yet). */
export function iosPlan(ctx: GenerationContext): IosPlan | undefined {
  const { model, ids } = ctx;
  if (model.kind === 'transfer') return undefined;
  const ios = model.ios;
  const continuous = model.kind === 'continuous';
  const schedule = model.schedule;
  const warnings: string[] = [];

  const refresh: RefreshRequest = {
    identifier: ids.iosRefresh,
    everyMinutes: ios.refresh?.everyMinutes ?? schedule?.everyMinutes ?? 15,
    budgetSeconds: Math.min(REFRESH_BUDGET_SECONDS, schedule?.maxRunSeconds ?? REFRESH_BUDGET_SECONDS),
  };

  // Continuous: always a processing request too (minutes of work when the
  // system allows). Periodic: only when the declaration asks for network,
  // external power or more than one refresh window of work.
  const wantsProcessing =
    continuous ||
    ios.processing !== undefined ||
    (schedule !== undefined &&
      (schedule.network !== 'none' || schedule.requiresCharging || schedule.maxRunSeconds > REFRESH_WINDOW_SECONDS));
  const processing: ProcessingRequest | undefined = wantsProcessing
    ? {
        identifier: ids.iosProcessing,
        requiresNetwork: ios.processing?.requiresNetwork ?? (schedule !== undefined && schedule.network !== 'none'),
        requiresExternalPower: ios.processing?.requiresExternalPower ?? schedule?.requiresCharging ?? false,
        ...(continuous ? {} : { everyMinutes: refresh.everyMinutes, budgetSeconds: schedule?.maxRunSeconds }),
      }
    : undefined;

  const backgroundModes = ['fetch', ...(processing ? ['processing'] : [])];
  for (const mode of ios.backgroundModes) {
    if (!(mode in BACKGROUND_MODES)) throw new Error(`bg-service internal error: unknown background mode ${JSON.stringify(mode)}`);
    if (!backgroundModes.includes(mode)) backgroundModes.push(mode);
  }

  const u = ios.usageDescriptions;
  const usageStrings: UsageString[] = [
    [USAGE_KEYS.locationWhenInUse, u.location],
    [USAGE_KEYS.locationAlways, u.locationAlways],
    [USAGE_KEYS.bluetooth, u.bluetooth],
    [USAGE_KEYS.camera, u.camera],
    [USAGE_KEYS.microphone, u.microphone],
  ]
    .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
    .map(([key, value]) => ({ key, value }));
  // Always-authorization's key only matters when the service asks for background location.
  const wantsAlways = model.permissions.includes('backgroundLocation');
  for (const mode of backgroundModes) {
    for (const key of MODE_USAGE_KEYS[mode] ?? []) {
      if (key === USAGE_KEYS.locationAlways && !wantsAlways) continue;
      const given = usageStrings.find((s) => s.key === key);
      if (!given || given.value.trim() === '') {
        warnings.push(`iOS background mode '${mode}' needs ${key} in Info.plist, and the declaration gives no usage description for it`);
      }
    }
  }

  return {
    refresh,
    ...(processing ? { processing } : {}),
    continuous,
    backgroundModes,
    permittedIdentifiers: [refresh.identifier, ...(processing ? [processing.identifier] : [])],
    usageStrings,
    ...(ios.backgroundModes.includes('remote-notification') ? { apsEnvironment: ios.pushEnvironment } : {}),
    defaultsPrefix: ids.identifier,
    warnings,
  };
}
