import { defineRule } from '../rule.js';
import { atHit, BOOT_ACTIONS, code, componentForClass, gatedSeverity, targetNote } from '../android/query.js';
import { RECEIVER_ROOTS, WORKER_ROOTS } from '../scan/android-code.js';

/** Broadcasts whose receivers are exempt from the background-start restriction ([A8]). */
const EXEMPT_ACTIONS = [...BOOT_ACTIONS, 'android.intent.action.MY_PACKAGE_REPLACED', 'android.intent.action.ACTION_MEDIA_BUTTON', 'android.intent.action.MEDIA_BUTTON'];

export default defineRule({
  meta: {
    id: 'android-fgs-bg-start',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'Foreground services started from the background need an exemption',
      why:
        'From targetSdk 31, an app in the background may start a foreground service only under an exemption (boot, package replaced, exact alarms, high-priority FCM, a visible activity, …). ' +
        'startForegroundService() from an ordinary broadcast receiver or a WorkManager worker throws ForegroundServiceStartNotAllowedException.',
      fix: 'Use WorkManager expedited work (setForeground in the worker) or a user-initiated job instead of starting a service from the background.',
      runtimeErrors: [
        'android.app.ForegroundServiceStartNotAllowedException: startForegroundService() not allowed due to mAllowStartForeground false: service …',
        'Context.startForegroundService() did not then call Service.startForeground()',
      ],
      since: 'targetSdk 31 (Android 12)',
      sources: ['[A8] …/fgs/restrictions-bg-start'],
      notes: 'Receivers for BOOT_COMPLETED, LOCKED_BOOT_COMPLETED, MY_PACKAGE_REPLACED and MEDIA_BUTTON are exempt (boot starts are judged by android-fgs-boot-restricted). Needs sources.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const severity = gatedSeverity(app, 31, 'warning');
    if (!severity) return;
    for (const h of scan.of('startForegroundService')) {
      if (!h.className) continue;
      const isWorker = scan.extendsAny(h.className, WORKER_ROOTS);
      const isReceiver = scan.extendsAny(h.className, RECEIVER_ROOTS);
      if (!isWorker && !isReceiver) continue;
      if (isReceiver) {
        const cls = scan.classNamed(h.className);
        const r = componentForClass(app, 'receiver', h.className, cls?.fqn);
        if (r && r.intentActions.length && r.intentActions.every((a) => EXEMPT_ACTIONS.includes(a))) continue;
      }
      ctx.report({
        ...atHit(h),
        severity,
        message: `${h.className} (a ${isWorker ? 'WorkManager worker' : 'broadcast receiver'}) calls startForegroundService() while the app may be in the background; without an exemption Android throws "ForegroundServiceStartNotAllowedException: startForegroundService() not allowed due to mAllowStartForeground false"${targetNote(app, 31)}. ${isWorker ? 'Call setForeground() in the worker instead.' : 'Enqueue expedited WorkManager work instead.'}`,
      });
    }
  },
});
