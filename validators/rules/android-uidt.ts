import { defineRule } from '../rule.js';
import { atHit, code, gatedSeverity, hasPermission, P, targetNote } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';
import { JOB_SERVICE_ROOTS } from '../scan/android-code.js';

const RUN_USER_INITIATED_JOBS = P('RUN_USER_INITIATED_JOBS');

export default defineRule({
  meta: {
    id: 'android-uidt',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'User-initiated data transfer jobs: permission, network constraint, notification',
      why:
        'JobInfo.Builder.setUserInitiated(true) (Android 14) needs RUN_USER_INITIATED_JOBS declared — schedule() throws a SecurityException without it. ' +
        'A user-initiated job must also set a network constraint (setRequiredNetwork/setRequiredNetworkType) and call setNotification() in onStartJob, or the system stops it.',
      fix: 'Declare RUN_USER_INITIATED_JOBS, add the network constraint, and call setNotification(params, id, notification, JOB_END_NOTIFICATION_POLICY_…) in onStartJob.',
      runtimeErrors: ['java.lang.SecurityException: … requires android.permission.RUN_USER_INITIATED_JOBS'],
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A11] …/background-tasks/uidt'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const uses = scan.of('setUserInitiated');
    if (!uses.length) return;
    const severity = gatedSeverity(app, 34, 'error');
    if (!severity) return;
    if (!hasPermission(app, RUN_USER_INITIATED_JOBS)) {
      for (const h of uses) {
        ctx.report({
          ...atHit(h),
          severity,
          message: `setUserInitiated(true) without RUN_USER_INITIATED_JOBS in the merged manifest: schedule() throws a SecurityException${targetNote(app, 34)}.`,
          fix: addPermissionFix(app, RUN_USER_INITIATED_JOBS),
        });
      }
    }
    const netFiles = new Set(scan.of('setRequiredNetwork').map((h) => h.file));
    for (const h of uses) {
      if (netFiles.has(h.file)) continue;
      ctx.report({ ...atHit(h), severity: 'warning', message: 'A user-initiated job must declare a network constraint (setRequiredNetwork / setRequiredNetworkType); none is set in this file.' });
    }
    for (const cls of scan.classes) {
      if (!scan.extendsAny(cls.name, JOB_SERVICE_ROOTS) || JOB_SERVICE_ROOTS.includes(cls.name)) continue;
      if (scan.hitsIn(cls.name, 'setJobNotification').length) continue;
      ctx.report({
        file: cls.file,
        line: cls.line,
        column: 1,
        severity: 'warning',
        message: `${cls.name} runs jobs while the app uses user-initiated jobs, but never calls setNotification(…) in onStartJob; a user-initiated job without its notification is stopped by the system.`,
      });
    }
  },
});
