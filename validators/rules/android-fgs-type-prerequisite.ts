import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE, FGS_TYPES, fgsType } from '../data/android-fgs.js';
import { at, code, gatedSeverity, hasPermission, realDecl, services, targetNote } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-fgs-type-prerequisite',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'A foreground-service type\'s runtime prerequisite must be declarable',
      why:
        'From targetSdk 34, besides FOREGROUND_SERVICE_<TYPE>, several types need one of a set of permissions granted before startForeground(): location needs ACCESS_COARSE_LOCATION or ACCESS_FINE_LOCATION, camera needs CAMERA, microphone needs RECORD_AUDIO, health needs ACTIVITY_RECOGNITION, BODY_SENSORS or HIGH_SAMPLING_RATE_SENSORS. ' +
        'If none is even declared, it can never be granted and startForeground() throws. connectedDevice, phoneCall, mediaProjection and systemExempted can also be satisfied by a USB grant, a role or an app-op, so for them this is a warning (and for mediaProjection none at all when the app\'s code asks for screen-capture consent with createScreenCaptureIntent(), which grants the app-op).',
      fix: 'Declare the permission in the manifest, then request it at run time and start the service only after it is granted (while the app is in the foreground for while-in-use permissions).',
      runtimeErrors: [
        'java.lang.SecurityException: Starting FGS with type location callerApp=… targetSDK=34 requires permissions: all of the permissions allOf=true [android.permission.FOREGROUND_SERVICE_LOCATION] any of the permissions allOf=false [android.permission.ACCESS_COARSE_LOCATION, android.permission.ACCESS_FINE_LOCATION]  and the app must be in the eligible state/exemptions to access the foreground only permission',
      ],
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A2] ForegroundServiceTypePolicy.java'],
      notes: `Any-of sets: ${FGS_TYPES.filter((t) => t.anyOf.length)
        .map((t) => `${t.name}: ${t.anyOf.map((p) => p.slice(19)).join(' | ')}${t.anyOfAlternatives ? ` (${t.anyOfAlternatives})` : ''}`)
        .join('; ')}. On Wear OS targeting API 36, android.permission.health.READ_HEART_RATE replaces BODY_SENSORS: accepted with a warning.`,
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    // mediaProjection's prerequisite can be the project_media app-op, which the
    // user grants through the createScreenCaptureIntent() consent screen.
    const screenCaptureConsent = (code(ctx.project)?.of('screenCaptureConsent').length ?? 0) > 0;
    for (const svc of services(app)) {
      const decl = svc.fgsTypeDeclaration && svc.fgsTypeDeclaration.source.origin !== 'known' ? svc.fgsTypeDeclaration : realDecl(svc);
      if (!decl) continue;
      for (const name of svc.foregroundServiceTypes) {
        const t = fgsType(name);
        if (!t || t.anyOf.length === 0) continue;
        if (t.anyOf.some((p) => hasPermission(app, p, FGS_TYPES_REQUIRED_SINCE))) continue;
        if (t.name === 'mediaProjection' && screenCaptureConsent) continue;
        let base = t.anyOfSeverity ?? 'error';
        let extra = t.anyOfAlternatives ? ` (${t.anyOfAlternatives})` : '';
        if (t.name === 'health' && app.merged.permissions.some((p) => p.name.startsWith('android.permission.health.'))) {
          base = 'warning';
          extra = ' (android.permission.health.* is declared, which replaces BODY_SENSORS on Wear OS targeting API 36 only)';
        }
        const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, base);
        if (!severity) continue;
        ctx.report({
          ...at(decl.source, decl.el),
          severity,
          message:
            `<service ${svc.name}> declares foregroundServiceType "${t.name}", which needs one of ${t.anyOf.join(', ')} granted before startForeground()${extra}, ` +
            `but none is declared, so it can never be granted${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}.`,
        });
      }
    }
  },
});
