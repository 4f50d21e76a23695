import { defineRule } from '../rule.js';
import { atRealPermission, isRealSource, permission, targetAtLeast } from '../android/query.js';
import { SCHEDULE_EXACT_ALARM, USE_EXACT_ALARM } from './android-exact-alarm-permission.js';

export default defineRule({
  meta: {
    id: 'android-use-exact-alarm',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'USE_EXACT_ALARM: only from targetSdk 33, and only for alarm-clock or calendar apps',
      why:
        'USE_EXACT_ALARM exists from API 33; with a lower targetSdk it has no effect (error). From 33 it is granted automatically, which is why Google Play allows it only for apps whose core function is an alarm clock or calendar (warning). ' +
        'An app declaring both USE_EXACT_ALARM and SCHEDULE_EXACT_ALARM should cap SCHEDULE_EXACT_ALARM with android:maxSdkVersion="32".',
      fix: 'Remove USE_EXACT_ALARM and use SCHEDULE_EXACT_ALARM with canScheduleExactAlarms(), unless the app is an alarm clock or calendar; cap SCHEDULE_EXACT_ALARM at 32 when both are declared.',
      since: 'targetSdk 33 (Android 13)',
      sources: ['[A9]', '[L] AlarmDetector ExactAlarm'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const p = permission(app, USE_EXACT_ALARM);
    if (!p || !(p.loc || p.declarations.some((d) => isRealSource(d.source)))) return;
    const g = targetAtLeast(app, 33);
    const where = atRealPermission(p);
    if (g === 'no') {
      ctx.report({
        ...where,
        message: `USE_EXACT_ALARM exists only from API 33 but the app targets ${app.sdk.targetSdk.value}: it grants nothing. Use SCHEDULE_EXACT_ALARM (with canScheduleExactAlarms()).`,
      });
      return;
    }
    const sched = permission(app, SCHEDULE_EXACT_ALARM);
    const both = sched && (sched.maxSdkVersion === undefined || sched.maxSdkVersion > 32);
    ctx.report({
      ...where,
      severity: 'warning',
      message:
        'USE_EXACT_ALARM is granted without user consent, so Google Play allows it only for apps whose core function is an alarm clock or calendar; other apps are rejected.' +
        (both ? ' SCHEDULE_EXACT_ALARM is also declared without android:maxSdkVersion="32": cap it so API 33+ uses USE_EXACT_ALARM only.' : ''),
    });
  },
});
