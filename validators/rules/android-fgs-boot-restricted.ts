import { defineRule } from '../rule.js';
import { fgsType, type FgsType } from '../data/android-fgs.js';
import { at, bootReceivers, code, componentForClass, gatedSeverity, realDecl, services, targetAtLeast, targetNote } from '../android/query.js';
import type { AndroidApp } from '../project/types.js';

/** Types of a service that may not be started from BOOT_COMPLETED at this targetSdk (unknown targetSdk: all restricted ones). */
function restricted(app: AndroidApp, types: string[]): FgsType[] {
  return types
    .map(fgsType)
    .filter((t): t is FgsType => !!t && t.bootRestrictedFrom !== undefined && targetAtLeast(app, t.bootRestrictedFrom) !== 'no');
}

export default defineRule({
  meta: {
    id: 'android-fgs-boot-restricted',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'BOOT_COMPLETED receivers may not start restricted foreground-service types',
      why:
        'From targetSdk 35, a BOOT_COMPLETED receiver may not start a foreground service of type dataSync, camera, mediaPlayback, phoneCall or mediaProjection (microphone already from targetSdk 34): ' +
        'startForegroundService() throws ForegroundServiceStartNotAllowedException. Play Console reports it as "Restricted foreground service types … cannot use BOOT_COMPLETED broadcast receivers to launch certain foreground service types".',
      fix: 'Schedule the work with WorkManager (expedited work) or a user-initiated job from the receiver, or start the service on a user action; remove a plugin\'s boot receiver with tools:node="remove" if the app does not need it.',
      runtimeErrors: [
        'android.app.ForegroundServiceStartNotAllowedException: FGS type dataSync not allowed to start from BOOT_COMPLETED!',
        'Restricted foreground service types … cannot use BOOT_COMPLETED broadcast receivers to launch certain foreground service types',
      ],
      since: 'targetSdk 34 (microphone) / 35 (dataSync, camera, mediaPlayback, phoneCall, mediaProjection)',
      sources: ['[A5] …/about/versions/15/behavior-changes-15#fgs-boot-completed'],
      notes:
        'Error when the receiver\'s code starts a service whose types are restricted; warning when a project or plugin boot receiver merely coexists with a service all of whose types are restricted (a service that also has an unrestricted type, e.g. dataSync|specialUse, may be started with that one and is not reported). WorkManager\'s own RescheduleReceiver does not start services and is ignored.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const receivers = bootReceivers(app);
    if (!receivers.length) return;
    const scan = code(ctx.project);
    const traced = new Set<string>();
    if (scan) {
      for (const r of receivers) {
        const cls = scan.classNamed(r.name);
        if (!cls) continue;
        traced.add(r.name);
        for (const h of scan.hitsIn(cls.name, 'startForegroundService')) {
          if (!h.target) continue;
          const svc = componentForClass(app, 'service', h.target);
          if (!svc) continue;
          const bad = restricted(app, svc.foregroundServiceTypes);
          if (!bad.length || bad.length < svc.foregroundServiceTypes.length) continue;
          const first = bad.sort((a, b) => a.bootRestrictedFrom! - b.bootRestrictedFrom!)[0]!;
          const severity = gatedSeverity(app, first.bootRestrictedFrom!, 'error');
          const decl = realDecl(r);
          if (!severity || !decl) continue;
          ctx.report({
            ...at(decl.source, decl.el),
            severity,
            message: `${cls.name} handles BOOT_COMPLETED and starts ${h.target} (${h.file.split('/').pop()}:${h.line}), a ${bad.map((t) => t.name).join('|')} foreground service: "android.app.ForegroundServiceStartNotAllowedException: FGS type ${first.name} not allowed to start from BOOT_COMPLETED!"${targetNote(app, first.bootRestrictedFrom!)}.`,
          });
        }
      }
    }
    const suspects = services(app).filter((s) => {
      const bad = restricted(app, s.foregroundServiceTypes);
      return bad.length > 0 && bad.length === s.foregroundServiceTypes.length;
    });
    if (!suspects.length) return;
    for (const r of receivers) {
      if (traced.has(r.name)) continue;
      const decl = realDecl(r);
      if (!decl) continue;
      const types = [...new Set(suspects.flatMap((s) => restricted(app, s.foregroundServiceTypes)))];
      const from = Math.min(...types.map((t) => t.bootRestrictedFrom!));
      if (!gatedSeverity(app, from, 'warning')) continue;
      ctx.report({
        ...at(decl.source, decl.el),
        severity: 'warning',
        message:
          `Boot receiver ${r.name}${decl.source.origin === 'plugin' ? ` (from ${decl.source.label})` : ''} coexists with ${suspects.map((s) => `${s.name} (${s.foregroundServiceTypes.join('|')})`).join(', ')}; ` +
          `if it starts that service after boot, Android throws "ForegroundServiceStartNotAllowedException: FGS type ${types[0]!.name} not allowed to start from BOOT_COMPLETED!"${targetNote(app, from)}. Defer the work with WorkManager or a user action.`,
      });
    }
  },
});
