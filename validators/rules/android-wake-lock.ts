import { defineRule } from '../rule.js';
import { atHit, code, hasPermission, P } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

export default defineRule({
  meta: {
    id: 'android-wake-lock',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Wake locks need WAKE_LOCK, and a timeout',
      why: 'PowerManager.newWakeLock(…).acquire() throws a SecurityException without android.permission.WAKE_LOCK. A wake lock acquired without a timeout keeps the CPU awake until released — any missed release path drains the battery (Android vitals flags excessive wake locks).',
      fix: 'Declare WAKE_LOCK; call acquire(timeoutMillis) and release in a finally block.',
      runtimeErrors: ['java.lang.SecurityException: Neither user … nor current process has android.permission.WAKE_LOCK.'],
      since: 'all API levels',
      sources: ['[L] WakelockDetector'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const wl = scan.of('newWakeLock');
    if (wl.length && !hasPermission(app, P('WAKE_LOCK'))) {
      for (const h of wl) {
        ctx.report({ ...atHit(h), message: 'newWakeLock() without android.permission.WAKE_LOCK in the merged manifest: acquire() throws a SecurityException.', fix: addPermissionFix(app, P('WAKE_LOCK')) });
      }
    }
    if (!wl.length) return;
    const wlFiles = new Set(wl.map((h) => h.file));
    for (const h of scan.of('acquireWithoutTimeout')) {
      if (!wlFiles.has(h.file)) continue;
      ctx.report({ ...atHit(h), severity: 'warning', message: 'Wake lock acquired without a timeout: use acquire(timeoutMillis) so a missed release cannot keep the device awake.' });
    }
  },
});
