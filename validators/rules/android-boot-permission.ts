import { defineRule } from '../rule.js';
import { LATEST_API } from '../data/android-fgs.js';
import { at, bootReceivers, hasPermission, P, permission, realDecl } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

const RECEIVE_BOOT_COMPLETED = P('RECEIVE_BOOT_COMPLETED');

export default defineRule({
  meta: {
    id: 'android-boot-permission',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'A BOOT_COMPLETED receiver needs RECEIVE_BOOT_COMPLETED',
      why:
        'Without android.permission.RECEIVE_BOOT_COMPLETED the system never delivers BOOT_COMPLETED (or LOCKED_BOOT_COMPLETED) to the app: the receiver silently never fires, and whatever it re-schedules after a reboot (alarms, geofences, jobs) is gone.',
      fix: 'Add `<uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED"/>` (the merged manifest counts: a library that declares it is enough).',
      runtimeErrors: [
        'Permission Denial: receiving Intent { act=android.intent.action.BOOT_COMPLETED … } to … requires android.permission.RECEIVE_BOOT_COMPLETED',
      ],
      since: 'all API levels',
      sources: ['domoticz/domoticz-android#49'],
      notes: 'android:exported="false" does not stop system broadcasts; it is not a reason to report.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    if (hasPermission(app, RECEIVE_BOOT_COMPLETED, LATEST_API)) return;
    const capped = permission(app, RECEIVE_BOOT_COMPLETED);
    for (const r of bootReceivers(app)) {
      const decl = realDecl(r);
      if (!decl) continue;
      ctx.report({
        ...at(decl.source, decl.el),
        message:
          `Receiver ${r.name} listens for ${r.intentActions.filter((a) => a.endsWith('BOOT_COMPLETED')).join(' and ')} but ` +
          (capped ? `RECEIVE_BOOT_COMPLETED is capped at maxSdkVersion ${capped.maxSdkVersion}` : 'RECEIVE_BOOT_COMPLETED is not declared in any merged manifest') +
          '; the system never delivers the broadcast, so the receiver silently never runs.',
        fix: capped ? undefined : addPermissionFix(app, RECEIVE_BOOT_COMPLETED, decl.source),
      });
    }
  },
});
