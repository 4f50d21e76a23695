import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE, fgsBits, fgsHex, fgsType } from '../data/android-fgs.js';
import { WORK_MANAGER_FGS } from '../data/known-libraries.js';
import { atHit, code, gatedSeverity, services, targetNote } from '../android/query.js';
import { addComponentOverrideFix } from '../android/fixes.js';

export default defineRule({
  meta: {
    id: 'android-workmanager-fgs',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'WorkManager foreground work needs SystemForegroundService typed in the manifest',
      why:
        'A worker that calls setForeground()/setForegroundAsync() runs in WorkManager\'s androidx.work.impl.foreground.SystemForegroundService. The library\'s manifest declares that service WITHOUT a foregroundServiceType, ' +
        'so from targetSdk 34 the app must re-declare it with tools:node="merge" and every type its ForegroundInfo passes — otherwise the start fails with the "is not a subset" IllegalArgumentException or the missing-type exception.',
      fix: 'Add `<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="<types>" tools:node="merge"/>` to <application>, plus each FOREGROUND_SERVICE_<TYPE> permission.',
      runtimeErrors: [
        'java.lang.IllegalArgumentException: foregroundServiceType 0x00000001 is not a subset of foregroundServiceType attribute 0x00000000 in service element of manifest file',
        'android.app.MissingForegroundServiceTypeException: Starting FGS without a type  callerApp=ProcessRecord{…} targetSDK=34',
      ],
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A12] …/background/persistent/how-to/long-running', '[W] work-runtime AndroidManifest.xml, SpecifyForegroundServiceTypeIssueDetector'],
      notes: 'Unlike androidx.work\'s lint check (bits 1–32 only), every type is covered. Needs sources; the FOREGROUND_SERVICE_<TYPE> permissions of the override are checked by android-fgs-type-permission.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'error');
    if (!severity) return;
    const infos = scan.of('foregroundInfo');
    const sets = scan.of('setForeground');
    if (!infos.length && !sets.length) return;
    const sfs = services(app).find((s) => s.name === WORK_MANAGER_FGS);
    const declared = sfs?.foregroundServiceTypes ?? [];
    const used = new Set<string>();
    for (const h of infos) for (const t of h.types ?? []) used.add(t);
    for (const h of infos) {
      if (h.unresolved || h.manifestTypes) continue;
      const types = h.types ?? [];
      const extra = types.filter((t) => !declared.includes(t));
      if (types.length && !extra.length) continue;
      if (!types.length && declared.length) continue;
      const want = [...new Set([...declared, ...used])].filter((t) => fgsType(t));
      const codeBits = fgsBits(types);
      const manifestBits = fgsBits(declared);
      ctx.report({
        ...atHit(h),
        severity,
        message: types.length
          ? `ForegroundInfo passes ${extra.join('|')} but WorkManager's SystemForegroundService ${sfs && declared.length ? `declares only ${declared.join('|')}` : 'has no foregroundServiceType in the merged manifest (the library declares none)'}: "java.lang.IllegalArgumentException: foregroundServiceType ${fgsHex(codeBits)} is not a subset of foregroundServiceType attribute ${fgsHex(manifestBits)} in service element of manifest file"${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}.`
          : `ForegroundInfo has no type and WorkManager's SystemForegroundService has no foregroundServiceType in the merged manifest: starting the foreground work throws "MissingForegroundServiceTypeException: Starting FGS without a type"${targetNote(app, FGS_TYPES_REQUIRED_SINCE)}.`,
        fix: want.length
          ? addComponentOverrideFix(app, 'service', WORK_MANAGER_FGS, { 'android:foregroundServiceType': want.join('|') }, `re-declare SystemForegroundService with foregroundServiceType="${want.join('|')}"`)
          : undefined,
      });
    }
  },
});
