import { defineRule } from '../rule.js';
import { atAppManifest } from '../android/query.js';

/** Rules whose behaviour switches on at a higher targetSdk (for the message). */
const SWITCHES: Array<[number, string]> = [
  [33, 'android-post-notifications, android-use-exact-alarm'],
  [34, 'android-fgs-type-missing, android-fgs-type-permission, android-fgs-type-prerequisite, android-workmanager-fgs, android-uidt, android-fgs-timeout-handler (shortService)'],
  [35, 'android-fgs-boot-restricted, android-fgs-timeout-handler (dataSync, mediaProcessing), android-fgs-overlay-exemption'],
];

/** The minimum targetSdk Google Play accepts for new apps and updates (since 2025-08-31). */
export const PLAY_MIN_TARGET_SDK = 35;

export default defineRule({
  meta: {
    id: 'android-target-sdk',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'targetSdk meets Google Play\'s current minimum',
      why:
        `Since 2025-08-31 Google Play rejects new apps and updates that target below API ${PLAY_MIN_TARGET_SDK}. Raising targetSdk also switches on platform behaviour that other rules check (foreground-service types at 34, boot restrictions and dataSync timeouts at 35).`,
      fix: `Raise targetSdk to ${PLAY_MIN_TARGET_SDK} or later, then re-run bg-doctor: the rules that switch on are listed in the finding.`,
      since: 'Google Play requirement of 2025-08-31',
      sources: ['[A13] …/google/play/requirements/target-sdk'],
      notes: 'Reported only when the targetSdk is read from the project (not when it is unknown or given with --target-sdk).',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const t = app.sdk.targetSdk;
    if (t.value === undefined || t.assumed || t.value >= PLAY_MIN_TARGET_SDK) return;
    const next = SWITCHES.filter(([lvl]) => lvl > t.value!).map(([lvl, rules]) => `${lvl}: ${rules}`);
    const where = t.loc ? { file: t.loc.file, line: t.loc.line, column: t.loc.column } : atAppManifest(app);
    ctx.report({
      ...where,
      message: `targetSdk ${t.value} is below ${PLAY_MIN_TARGET_SDK}, the minimum Google Play accepts for new apps and updates.${next.length ? ` Raising it switches on: ${next.join('; ')}.` : ''}`,
    });
  },
});
