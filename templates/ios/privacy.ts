/**
 * The privacy-manifest entries the generated Swift needs, found by scanning
 * the rendered sources with bg-doctor's own required-reason scan, so the
 * manifest follows the code: a required-reason API added to a template
 * without a reason here fails generation (and its tests) instead of an upload.
 */
import type { RequiredReasonCategory } from '../../validators/data/ios.js';
import { scanText } from '../../validators/scan/swift.js';

/** Why the generated code uses each required-reason API it uses. */
const REASONS: Partial<Record<RequiredReasonCategory, string>> = {
  // CA92.1: read and write information only accessible to the app itself (the desired-running flag).
  NSPrivacyAccessedAPICategoryUserDefaults: 'CA92.1',
};

export interface AccessedApi {
  category: RequiredReasonCategory;
  reasons: string[];
}

/** The NSPrivacyAccessedAPITypes entries for `sources` (path → Swift text), in a stable order. */
export function accessedApis(sources: ReadonlyArray<{ path: string; content: string }>): AccessedApi[] {
  const used = new Set<RequiredReasonCategory>();
  for (const s of sources) for (const category of scanText(s.path, s.content).requiredReason.keys()) used.add(category);
  return [...used].sort().map((category) => {
    const reason = REASONS[category];
    if (!reason) throw new Error(`bg-service internal error: the generated Swift uses ${category} and templates/ios/privacy.ts gives no reason for it`);
    return { category, reasons: [reason] };
  });
}
