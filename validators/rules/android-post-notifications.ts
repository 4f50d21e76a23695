import { defineRule } from '../rule.js';
import { LATEST_API } from '../data/android-fgs.js';
import { at, atHit, atRealPermission, code, fgsEvidence, gatedSeverity, hasPermission, P, realDecl, targetNote } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

const POST_NOTIFICATIONS = P('POST_NOTIFICATIONS');

export default defineRule({
  meta: {
    id: 'android-post-notifications',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Notifications need POST_NOTIFICATIONS from targetSdk 33',
      why:
        'From targetSdk 33, notifications are shown only when the user granted POST_NOTIFICATIONS, which must be declared in the manifest and requested at run time. ' +
        'notify() without it silently posts nothing (error). A foreground service still runs without it, but its notification appears only in the Task Manager, not in the shade (warning).',
      fix: 'Add `<uses-permission android:name="android.permission.POST_NOTIFICATIONS"/>` and request it at run time (ActivityResultContracts.RequestPermission) before posting.',
      since: 'targetSdk 33 (Android 13)',
      sources: ['[A10] …/notifiers/notification-permission', '[L] NotificationPermissionDetector'],
      notes: 'A notify() call in a file that also checks areNotificationsEnabled() is treated as guarded. The FGS-only warning is anchored at the FOREGROUND_SERVICE permission, because the missing permission has no line of its own. Libraries (e.g. notification plugins) often declare POST_NOTIFICATIONS: the merged manifest counts.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    if (hasPermission(app, POST_NOTIFICATIONS, LATEST_API)) return;
    const scan = code(ctx.project);
    const fix = addPermissionFix(app, POST_NOTIFICATIONS);
    if (scan) {
      const guarded = new Set(scan.of('areNotificationsEnabled').map((h) => h.file));
      const seenFiles = new Set<string>();
      for (const h of scan.of('notify')) {
        if (guarded.has(h.file) || seenFiles.has(h.file)) continue;
        seenFiles.add(h.file);
        const severity = gatedSeverity(app, 33, 'error');
        if (!severity) return;
        ctx.report({
          ...atHit(h),
          severity,
          message: `notify() posts a notification but POST_NOTIFICATIONS is not declared in any merged manifest; from targetSdk 33 the notification is silently dropped${targetNote(app, 33)}.`,
          fix,
        });
      }
      if (seenFiles.size) return;
    }
    const severity = gatedSeverity(app, 33, 'warning');
    if (!severity) return;
    const ev = fgsEvidence(ctx.project);
    const svc = ev.typedServices[0];
    const decl = svc ? svc.fgsTypeDeclaration ?? realDecl(svc) : undefined;
    const where = ev.basePermission ? atRealPermission(ev.basePermission) : decl ? at(decl.source, decl.el) : ev.calls[0] ? atHit(ev.calls[0]) : undefined;
    if (!where) return;
    ctx.report({
      ...where,
      severity,
      message: `The app runs a foreground service but does not declare POST_NOTIFICATIONS: the service still runs, but its notification is hidden (shown only in the Task Manager) until the permission is declared and granted${targetNote(app, 33).replace('an error', 'required')}.`,
      fix,
    });
  },
});
