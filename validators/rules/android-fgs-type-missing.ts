import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE, FOREGROUND_SERVICE } from '../data/android-fgs.js';
import { at, atRealPermission, code, gatedSeverity, hasPermission, isRealSource, P, permission, realDecl, services, targetAtLeast, targetNote } from '../android/query.js';
import { SERVICE_ROOTS } from '../scan/android-code.js';

const WHILE_IN_USE = [P('ACCESS_FINE_LOCATION'), P('ACCESS_COARSE_LOCATION'), P('CAMERA'), P('RECORD_AUDIO')];

export default defineRule({
  meta: {
    id: 'android-fgs-type-missing',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'A foreground service must declare android:foregroundServiceType',
      why:
        'From targetSdk 34, startForeground() on a service whose manifest entry has no foregroundServiceType throws MissingForegroundServiceTypeException. ' +
        'Below 34 the service runs, but without a type its location access (targetSdk ≥ 29) and camera/microphone access (targetSdk ≥ 30) are silently blocked while in the background.',
      fix: 'Add `android:foregroundServiceType="<type>"` (see `bg-doctor explain android-fgs-type-permission` for the type list) to the <service> that calls startForeground, and the matching FOREGROUND_SERVICE_<TYPE> permission.',
      runtimeErrors: [
        'android.app.MissingForegroundServiceTypeException: Starting FGS without a type  callerApp=ProcessRecord{…} targetSDK=34',
      ],
      since: 'targetSdk 34 (Android 14) for the exception; attribute since API 29',
      sources: ['[A4] …/about/versions/14/changes/fgs-types-required', '[A7]', '[A3] ActiveServices.java'],
      notes:
        'With sources, each Service subclass that calls startForeground is mapped to its <service> entry and reported there. From the manifest alone (no sources), the finding is made only when the app declares FOREGROUND_SERVICE and no <service> has any type — like Android Lint — and anchored at the FOREGROUND_SERVICE permission, because the manifest cannot say which service is the foreground one. Below targetSdk 34 a warning is given only when code shows the service and the app uses location, camera or microphone.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const scan = code(ctx.project);
    const svcs = services(app);
    const reported = new Set<string>();
    if (scan) {
      for (const h of [...scan.of('startForeground'), ...scan.of('serviceCompatStartForeground')]) {
        if (!h.className || !scan.extendsAny(h.className, SERVICE_ROOTS)) continue;
        const cls = scan.classNamed(h.className);
        const svc = svcs.find((s) => s.name === cls?.fqn || s.name.endsWith(`.${h.className}`) || s.name === h.className);
        if (!svc || svc.foregroundServiceTypes.length > 0 || reported.has(svc.name)) continue;
        const decl = realDecl(svc);
        if (!decl) continue;
        let severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'error');
        let why = `startForeground() throws MissingForegroundServiceTypeException ("Starting FGS without a type")${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}`;
        if (!severity) {
          const uses = WHILE_IN_USE.filter((p) => hasPermission(app, p));
          if (targetAtLeast(app, 29) !== 'yes' || uses.length === 0) continue;
          severity = 'warning';
          why = `below targetSdk 34 it runs, but without a type its ${uses.map((u) => u.slice(19)).join('/')} access is blocked while the app is in the background`;
        }
        reported.add(svc.name);
        ctx.report({
          ...at(decl.source, decl.el),
          severity,
          message: `${h.className} calls startForeground() (${h.file.split('/').pop()}:${h.line}) but its <service> has no android:foregroundServiceType; ${why}.`,
        });
      }
      if (reported.size) return;
    }
    const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'error');
    if (!severity) return;
    const base = permission(app, FOREGROUND_SERVICE);
    if (!base || !base.declarations.some((d) => isRealSource(d.source))) return;
    if (svcs.some((s) => s.foregroundServiceTypes.length > 0)) return;
    const candidates = svcs.filter((s) => s.origin !== 'known').map((s) => s.name.slice(s.name.lastIndexOf('.') + 1));
    ctx.report({
      ...atRealPermission(base),
      severity,
      message:
        `The app requests FOREGROUND_SERVICE but no <service> in the merged manifest declares android:foregroundServiceType; ` +
        `startForeground() then throws "android.app.MissingForegroundServiceTypeException: Starting FGS without a type"${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}. ` +
        `Add the type to the service(s) that call startForeground${candidates.length ? ` (candidates: ${candidates.slice(0, 6).join(', ')}${candidates.length > 6 ? ', …' : ''})` : ''}.`,
    });
  },
});
