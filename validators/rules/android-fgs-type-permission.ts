import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE, fgsType, LATEST_API, type FgsType } from '../data/android-fgs.js';
import { at, gatedSeverity, hasPermission, permission, realDecl, services, targetNote } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

/** API levels (from 34) at which none of the service's types has all its permissions. */
function uncoveredLevels(types: FgsType[], has: (name: string, level: number) => boolean): number[] {
  const out: number[] = [];
  for (let level = FGS_TYPES_REQUIRED_SINCE; level <= LATEST_API; level++) {
    const ok = types.some((t) => t.api <= level && t.permissions.every((p) => has(p, level)));
    if (!ok) out.push(level);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'android-fgs-type-permission',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Each declared foreground-service type needs its FOREGROUND_SERVICE_<TYPE> permission',
      why:
        'From targetSdk 34, startForeground() with a type throws a SecurityException unless the app holds that type\'s permission (e.g. FOREGROUND_SERVICE_DATA_SYNC). ' +
        'These are normal permissions: declaring them is enough. The merged manifest counts (a library may declare them), and a permission capped with android:maxSdkVersion is missing above the cap.',
      fix: 'Add `<uses-permission android:name="android.permission.FOREGROUND_SERVICE_<TYPE>"/>` for each type.',
      runtimeErrors: [
        'java.lang.SecurityException: Starting FGS with type dataSync callerApp=… targetSDK=34 requires permissions: all of the permissions allOf=true [android.permission.FOREGROUND_SERVICE_DATA_SYNC]',
      ],
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A2] ForegroundServiceTypePolicy.java', '[L] ForegroundServicePermissionDetector'],
      notes:
        'A type whose permission is missing entirely is an error. A type whose permission is capped below the newest API is accepted when, at every API level from 34 on, another declared type of the same service has all its permissions there (a service that passes dataSync on API 34 and mediaProcessing from 35 caps FOREGROUND_SERVICE_DATA_SYNC at 34 on purpose). Unlike Android Lint, mediaProcessing is covered and maxSdkVersion is honoured.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'error');
    if (!severity) return;
    const has = (name: string, level: number) => hasPermission(app, name, level);
    for (const svc of services(app)) {
      const types = svc.foregroundServiceTypes.map(fgsType).filter((t): t is FgsType => !!t);
      if (!types.length) continue;
      const decl = svc.fgsTypeDeclaration && svc.fgsTypeDeclaration.source.origin !== 'known' ? svc.fgsTypeDeclaration : realDecl(svc);
      if (!decl) continue;
      const missing = types.filter((t) => t.permissions.some((p) => !permission(app, p)));
      for (const t of missing) {
        const perms = t.permissions.filter((p) => !permission(app, p));
        ctx.report({
          ...at(decl.source, decl.el),
          severity,
          message:
            `<service ${svc.name}> declares foregroundServiceType "${t.name}" but ${perms.join(', ')} is not declared in any merged manifest; ` +
            `startForeground() with this type throws "java.lang.SecurityException: Starting FGS with type ${t.name} … requires permissions: all of the permissions allOf=true [${t.permissions.join(', ')}]"${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}.`,
          fix: perms.length === 1 ? addPermissionFix(app, perms[0]!, decl.source) : undefined,
        });
      }
      if (missing.length) continue;
      const gaps = uncoveredLevels(types, has);
      if (!gaps.length) continue;
      const capped = types.flatMap((t) => t.permissions.map((p) => permission(app, p)!)).filter((p) => p.maxSdkVersion !== undefined && p.maxSdkVersion < LATEST_API);
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message:
          `<service ${svc.name}> (foregroundServiceType "${svc.foregroundServiceTypes.join('|')}") has no type whose permission is granted on API ${gaps[0]}${gaps.length > 1 ? `–${gaps[gaps.length - 1]}` : ''}: ` +
          `${capped.map((p) => `${p.name} is capped at maxSdkVersion ${p.maxSdkVersion}`).join(', ')}; startForeground() throws a SecurityException there${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}.`,
      });
    }
  },
});
