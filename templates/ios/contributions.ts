/**
 * What the iOS target adds to files the app owns (Info.plist, the
 * entitlements, PrivacyInfo.xcprivacy), as contributions: plain data the
 * engine records, applied and removed with the byte-preserving plist editor.
 *
 * One contribution per array value, so a value the app already had (say
 * `fetch` in UIBackgroundModes) is never recorded as ours and never removed.
 */
import type { Contribution } from '../../generator/contributions.js';
import { registerContributionKind } from '../../generator/contributions.js';
import { plist } from '../../editors/index.js';

/** A string in the array at `key` (UIBackgroundModes, BGTaskSchedulerPermittedIdentifiers). */
export const PLIST_ARRAY_VALUE = 'ios-plist-array-value';
/** The string at `key` (a usage description, `aps-environment`); `keepExisting` leaves the app's own non-empty value. */
export const PLIST_STRING = 'ios-plist-string';
/** An NSPrivacyAccessedAPITypes entry: a required-reason API category and its reasons. */
export const PRIVACY_ACCESSED_API = 'ios-privacy-accessed-api';

const str = (d: Record<string, unknown>, k: string): string => String(d[k]);
const reasons = (d: Record<string, unknown>): string[] => (d.reasons as unknown[]).map(String);

registerContributionKind(PLIST_ARRAY_VALUE, {
  ensure: (src, d, file) => plist.ensureArrayValues(src, str(d, 'key'), [str(d, 'value')], { file }),
  remove: (src, d, file) => plist.removeArrayValues(src, str(d, 'key'), [str(d, 'value')], { file, dropEmpty: true }),
  describe: (d) => `${str(d, 'value')} in ${str(d, 'key')}`,
});

registerContributionKind(PLIST_STRING, {
  ensure: (src, d, file) => plist.setString(src, str(d, 'key'), str(d, 'value'), { file, keepExisting: d.keepExisting === true }),
  remove: (src, d, file) => plist.removeKey(src, str(d, 'key'), { file }),
  describe: (d) => str(d, 'key'),
});

registerContributionKind(PRIVACY_ACCESSED_API, {
  ensure: (src, d, file) => plist.ensureAccessedAPI(src, str(d, 'category'), reasons(d), { file }),
  remove: (src, d, file) => plist.removeAccessedAPI(src, str(d, 'category'), reasons(d), { file, dropEmpty: true }),
  describe: (d) => `${str(d, 'category')} (${reasons(d).join(', ')})`,
});

export function arrayValue(file: string, key: string, value: string): Contribution {
  return { file, kind: PLIST_ARRAY_VALUE, key: `${key}=${value}`, data: { key, value } };
}

export function stringValue(file: string, key: string, value: string, keepExisting = false): Contribution {
  return { file, kind: PLIST_STRING, key, data: { key, value, ...(keepExisting ? { keepExisting } : {}) } };
}

export function accessedApi(file: string, category: string, apiReasons: readonly string[]): Contribution {
  return { file, kind: PRIVACY_ACCESSED_API, key: category, data: { category, reasons: [...apiReasons] } };
}
