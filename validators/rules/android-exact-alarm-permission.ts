import { defineRule } from '../rule.js';
import { LATEST_API } from '../data/android-fgs.js';
import { atHit, code, gatedSeverity, hasPermission, P, targetNote } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';
import type { AndroidApp } from '../project/types.js';

export const SCHEDULE_EXACT_ALARM = P('SCHEDULE_EXACT_ALARM');
export const USE_EXACT_ALARM = P('USE_EXACT_ALARM');

/** API levels from 31 at which neither exact-alarm permission is held (USE_EXACT_ALARM exists from 33). */
export function exactAlarmGaps(app: AndroidApp): number[] {
  const gaps: number[] = [];
  for (let level = 31; level <= LATEST_API; level++) {
    if (hasPermission(app, SCHEDULE_EXACT_ALARM, level)) continue;
    if (level >= 33 && hasPermission(app, USE_EXACT_ALARM, level)) continue;
    gaps.push(level);
  }
  return gaps;
}

export default defineRule({
  meta: {
    id: 'android-exact-alarm-permission',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Exact alarms need SCHEDULE_EXACT_ALARM or USE_EXACT_ALARM',
      why: 'From targetSdk 31, AlarmManager.setExact*, setExactAndAllowWhileIdle and setAlarmClock throw a SecurityException unless the app holds SCHEDULE_EXACT_ALARM or (from API 33) USE_EXACT_ALARM.',
      fix: 'Declare SCHEDULE_EXACT_ALARM (and check canScheduleExactAlarms() before use), or USE_EXACT_ALARM if exact alarms are the app\'s core feature (alarm clock, calendar).',
      runtimeErrors: [
        'java.lang.SecurityException: Caller com.example needs to hold android.permission.SCHEDULE_EXACT_ALARM or android.permission.USE_EXACT_ALARM to set exact alarms.',
      ],
      since: 'targetSdk 31 (Android 12)',
      sources: ['[A9] …/about/versions/14/changes/schedule-exact-alarms', '[L] AlarmDetector'],
      notes: 'maxSdkVersion caps count: SCHEDULE_EXACT_ALARM capped at 32 is fine together with USE_EXACT_ALARM, but alone it leaves API 33+ uncovered.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const hits = scan.of('setExactAlarm');
    if (!hits.length) return;
    const severity = gatedSeverity(app, 31, 'error');
    if (!severity) return;
    const gaps = exactAlarmGaps(app);
    if (!gaps.length) return;
    const seen = new Set<string>();
    for (const h of hits) {
      if (seen.has(h.file)) continue;
      seen.add(h.file);
      ctx.report({
        ...atHit(h),
        severity,
        message: `Exact alarm scheduled without ${gaps[0]! < 33 || !hasPermission(app, SCHEDULE_EXACT_ALARM) ? 'SCHEDULE_EXACT_ALARM or USE_EXACT_ALARM' : 'an exact-alarm permission'} on API ${gaps[0]}${gaps.length > 1 ? `–${gaps[gaps.length - 1]}` : ''}: "java.lang.SecurityException: Caller … needs to hold android.permission.SCHEDULE_EXACT_ALARM or android.permission.USE_EXACT_ALARM to set exact alarms."${targetNote(app, 31)}`,
        fix: hasPermission(app, SCHEDULE_EXACT_ALARM) ? undefined : addPermissionFix(app, SCHEDULE_EXACT_ALARM),
      });
    }
  },
});
