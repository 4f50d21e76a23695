import { defineRule } from '../rule.js';
import { LATEST_API } from '../data/android-fgs.js';
import { atHit, code, hasPermission, P } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

const RECEIVE_BOOT_COMPLETED = P('RECEIVE_BOOT_COMPLETED');

export default defineRule({
  meta: {
    id: 'android-job-persisted-boot',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'A persisted job needs RECEIVE_BOOT_COMPLETED',
      why: 'JobInfo.Builder.setPersisted(true) makes the job survive reboots, which JobScheduler allows only to apps holding RECEIVE_BOOT_COMPLETED; schedule() throws otherwise.',
      fix: 'Add `<uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED"/>`.',
      runtimeErrors: ['java.lang.IllegalArgumentException: Error: requested job be persisted without holding RECEIVE_BOOT_COMPLETED permission.'],
      since: 'API 21 (Android 5.0)',
      sources: ['JobInfo.Builder.setPersisted reference; issue reports'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan || hasPermission(app, RECEIVE_BOOT_COMPLETED, LATEST_API)) return;
    const fix = addPermissionFix(app, RECEIVE_BOOT_COMPLETED);
    for (const h of scan.of('setPersisted')) {
      ctx.report({
        ...atHit(h),
        message: 'setPersisted(true) without RECEIVE_BOOT_COMPLETED in the merged manifest: JobScheduler.schedule() throws "IllegalArgumentException: Error: requested job be persisted without holding RECEIVE_BOOT_COMPLETED permission."',
        fix,
      });
    }
  },
});
