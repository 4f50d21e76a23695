import { defineRule } from '../rule.js';
import { atRealPermission, fgsEvidence, gatedSeverity, isRealSource, P, permission } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-fgs-overlay-exemption',
    platform: 'android',
    severity: 'info',
    docs: {
      title: 'SYSTEM_ALERT_WINDOW alone no longer allows background foreground-service starts',
      why:
        'Before Android 15, holding SYSTEM_ALERT_WINDOW exempted an app from the background foreground-service start restriction. From targetSdk 35 the app must also have a visible overlay window when it starts the service.',
      fix: 'Show the overlay window (TYPE_APPLICATION_OVERLAY) before starting the service from the background, or use another exemption.',
      since: 'targetSdk 35 (Android 15)',
      sources: ['[A5] …/behavior-changes-15#fgs-sysalert', '[A8]'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const severity = gatedSeverity(app, 35, 'info');
    if (!severity) return;
    const saw = permission(app, P('SYSTEM_ALERT_WINDOW'));
    if (!saw || !(saw.loc || saw.declarations.some((d) => isRealSource(d.source)))) return;
    const ev = fgsEvidence(ctx.project);
    if (!ev.typedServices.length && !ev.basePermission && !ev.calls.length) return;
    ctx.report({
      ...atRealPermission(saw),
      severity,
      message: 'The app holds SYSTEM_ALERT_WINDOW and runs foreground services: from targetSdk 35 the permission exempts background foreground-service starts only while an overlay window is visible.',
    });
  },
});
