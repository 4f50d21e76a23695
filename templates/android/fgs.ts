/**
 * The foreground-service types a continuous service runs with, per API level.
 *
 * `startForeground(id, notification, types)` (API 29) passes only the
 * declared types the device's Android knows (each type's `api` in the data
 * table). From targetSdk 34 a service must start with at least one type, so
 * when every declared type is newer than API 34 (today only mediaProcessing,
 * API 35) the service also declares dataSync and starts with it below that
 * level, its permission capped at API 34 with `maxSdkVersion` — the pattern
 * bg-doctor's android-fgs-type-permission rule accepts.
 */
import type { ServiceModel } from '../../declaration/model.js';
import { FGS_TYPES, FGS_TYPES_REQUIRED_SINCE, fgsType, type FgsType } from '../../validators/data/android-fgs.js';

/** `startForeground` with a type argument exists from API 29. */
const TYPED_START_SINCE = 29;

export interface FgsPlan {
  /** The declared types, in the data table's order. */
  declared: FgsType[];
  /** Declared types every API level from 29 knows. */
  always: FgsType[];
  /** Declared types newer than API 29, passed from their API level on. */
  gated: FgsType[];
  /** The type carrying the service below `below` when no declared type exists there yet. */
  fallback?: { type: FgsType; below: number };
  /** `android:foregroundServiceType`: the declared types and the fallback. */
  manifestTypes: FgsType[];
}

export function fgsPlan(model: ServiceModel): FgsPlan {
  const declared = model.kind === 'continuous' ? FGS_TYPES.filter((t) => model.android.foregroundServiceTypes.includes(t.name)) : [];
  const always = declared.filter((t) => t.api <= TYPED_START_SINCE);
  const gated = declared.filter((t) => t.api > TYPED_START_SINCE);
  const oldest = Math.min(...declared.map((t) => t.api));
  let fallback: FgsPlan['fallback'];
  if (declared.length && oldest > FGS_TYPES_REQUIRED_SINCE) fallback = { type: fgsType('dataSync')!, below: oldest };
  const manifestTypes = fallback ? FGS_TYPES.filter((t) => declared.includes(t) || t === fallback!.type) : declared;
  return { declared, always, gated, fallback, manifestTypes };
}
