import { defineRule } from '../rule.js';
import { LATEST_API } from '../data/android-fgs.js';
import { atRealPermission, code, hasPermission, isRealSource, permission, targetAtLeast, targetNote } from '../android/query.js';
import { SCHEDULE_EXACT_ALARM, USE_EXACT_ALARM } from './android-exact-alarm-permission.js';

export default defineRule({
  meta: {
    id: 'android-exact-alarm-check',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'SCHEDULE_EXACT_ALARM must be checked with canScheduleExactAlarms()',
      why:
        'SCHEDULE_EXACT_ALARM is a special app access the user can revoke, and on Android 14 it is denied by default for new installs of apps targeting 33+. ' +
        'An app that calls setExact* without checking canScheduleExactAlarms() (or catching the SecurityException) crashes.',
      fix: 'Check AlarmManager.canScheduleExactAlarms(); if false, send the user to ACTION_REQUEST_SCHEDULE_EXACT_ALARM and fall back to an inexact alarm meanwhile.',
      runtimeErrors: [
        'java.lang.SecurityException: Caller com.example needs to hold android.permission.SCHEDULE_EXACT_ALARM or android.permission.USE_EXACT_ALARM to set exact alarms.',
      ],
      since: 'targetSdk 31 (warning) / 33 (error: denied by default on Android 14)',
      sources: ['[A9]', '[L] AlarmDetector ScheduleExactAlarm'],
      notes: 'Needs sources: judged only when the app\'s own code schedules exact alarms and no scanned file calls canScheduleExactAlarms() or catches SecurityException. Not reported when USE_EXACT_ALARM covers API 33+.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const p = permission(app, SCHEDULE_EXACT_ALARM);
    if (!p || !p.declarations.some((d) => isRealSource(d.source))) return;
    if (hasPermission(app, USE_EXACT_ALARM, LATEST_API)) return;
    if (!scan.of('setExactAlarm').length) return;
    if (scan.of('canScheduleExactAlarms').length || scan.of('catchSecurityException').length) return;
    const g33 = targetAtLeast(app, 33);
    const g31 = targetAtLeast(app, 31);
    if (g31 === 'no') return;
    const severity = g33 === 'yes' ? 'error' : 'warning';
    ctx.report({
      ...atRealPermission(p),
      severity,
      message: `The app schedules exact alarms relying on SCHEDULE_EXACT_ALARM but never calls canScheduleExactAlarms() nor catches SecurityException; the permission can be revoked and is denied by default for new installs on Android 14${targetNote(app, 33)}.`,
    });
  },
});
