/**
 * Findings bg-doctor reports about the audit itself rather than about a
 * platform rule: unreadable files, crashed rules, and inline suppressions.
 * They have metadata and docs like every rule (listed by `bg-doctor rules`,
 * explained by `bg-doctor explain`), but no `check`: the runner emits them.
 */
import type { RuleMeta } from './rule.js';

export const PARSE_ERROR: RuleMeta = {
  id: 'parse-error',
  platform: 'core',
  severity: 'error',
  docs: {
    title: 'A manifest, plist or JSON file cannot be parsed',
    why: 'A malformed AndroidManifest.xml, Info.plist, entitlements file or JSON config fails the build (aapt2, Xcode, tauri-build) — and bg-doctor cannot check what it cannot read, so the file is reported at the exact place parsing stopped instead of being skipped silently.',
    fix: 'Fix the syntax at the reported line and column. Binary plists must be converted to XML first (`plutil -convert xml1 <file>`). XML entity declarations (DOCTYPE internal subsets) are refused on purpose.',
  },
};

export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal-error',
  platform: 'core',
  severity: 'error',
  docs: {
    title: 'A rule crashed',
    why: 'A rule that throws is isolated so the others still run, but its checks did not happen: the run exits with 2 rather than passing silently.',
    fix: 'Report the message and stack to the bg-doctor maintainers; disable the rule in the config (`"rules": { "<id>": "off" }`) to unblock CI meanwhile.',
  },
};

export const INVALID_SUPPRESSION: RuleMeta = {
  id: 'invalid-suppression',
  platform: 'core',
  severity: 'warning',
  docs: {
    title: 'An inline suppression without a reason or with an unknown rule id',
    why: 'A suppression hides a finding from everyone who reads the file later; without a reason nobody can tell whether it is still justified. An unknown rule id suppresses nothing.',
    fix: 'Write `<!-- bg-doctor-disable-next-line <rule-id> -- <why this is fine> -->` on the line before the reported element.',
  },
};

export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'unused-suppression',
  platform: 'core',
  severity: 'info',
  docs: {
    title: 'An inline suppression that suppresses nothing',
    why: 'The finding it was written for is gone (fixed, or moved to another line); the comment now only misleads.',
    fix: 'Delete the comment.',
  },
};

export const CORE_RULES: readonly RuleMeta[] = [PARSE_ERROR, INTERNAL_ERROR, INVALID_SUPPRESSION, UNUSED_SUPPRESSION];
