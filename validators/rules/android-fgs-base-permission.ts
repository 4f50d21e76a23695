import { defineRule } from '../rule.js';
import { FOREGROUND_SERVICE, FOREGROUND_SERVICE_SINCE, LATEST_API } from '../data/android-fgs.js';
import { at, atHit, fgsEvidence, gatedSeverity, hasPermission, permission, realDecl, targetNote } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

export default defineRule({
  meta: {
    id: 'android-fgs-base-permission',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'A foreground service needs android.permission.FOREGROUND_SERVICE',
      why:
        'From targetSdk 28, startForeground() throws a SecurityException unless the app holds FOREGROUND_SERVICE (a normal, install-time permission). ' +
        'The check runs on the merged manifest: libraries such as WorkManager contribute the permission, and a maxSdkVersion cap makes it missing on newer devices.',
      fix: 'Add `<uses-permission android:name="android.permission.FOREGROUND_SERVICE"/>` to the app manifest.',
      runtimeErrors: ['Permission Denial: startForeground from pid=…, uid=… requires android.permission.FOREGROUND_SERVICE'],
      since: 'targetSdk 28 (Android 9)',
      sources: ['[A7] developer.android.com …/fgs/changes'],
      notes: 'Evidence of a foreground service: a <service> with android:foregroundServiceType in a project manifest, or a startForeground / ServiceCompat.startForeground / setForeground / ForegroundInfo call in the app sources. The message text is from issue reports, not verified against AOSP.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const severity = gatedSeverity(app, FOREGROUND_SERVICE_SINCE, 'error');
    if (!severity) return;
    if (hasPermission(app, FOREGROUND_SERVICE, LATEST_API)) return;
    const ev = fgsEvidence(ctx.project);
    const capped = permission(app, FOREGROUND_SERVICE);
    const capNote = capped ? ` It is declared with android:maxSdkVersion="${capped.maxSdkVersion}", so it is missing on newer devices.` : '';
    const svc = ev.typedServices[0];
    const decl = svc && (svc.fgsTypeDeclaration ?? realDecl(svc));
    const where = decl ? at(decl.source, decl.el) : ev.calls[0] ? atHit(ev.calls[0]) : undefined;
    if (!where) return;
    const what = svc ? `<service ${svc.name}> is a foreground service (foregroundServiceType="${svc.foregroundServiceTypes.join('|')}")` : `${ev.calls[0]!.className ?? 'this code'} starts a foreground service`;
    ctx.report({
      ...where,
      severity,
      message: `${what}, but no merged manifest declares android.permission.FOREGROUND_SERVICE.${capNote} startForeground() throws "Permission Denial: startForeground … requires android.permission.FOREGROUND_SERVICE"${targetNote(app, FOREGROUND_SERVICE_SINCE)}.`,
      fix: addPermissionFix(app, FOREGROUND_SERVICE),
    });
  },
});
