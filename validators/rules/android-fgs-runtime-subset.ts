import { defineRule } from '../rule.js';
import { fgsBits, fgsDescribe, fgsHex } from '../data/android-fgs.js';
import { atHit, code, gatedSeverity, services, targetNote } from '../android/query.js';
import { setComponentAttrsFix } from '../android/fixes.js';
import { androidValue } from '../project/manifest-merge.js';
import { SERVICE_ROOTS } from '../scan/android-code.js';

export default defineRule({
  meta: {
    id: 'android-fgs-runtime-subset',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'The type passed to startForeground() must be declared on the service in the manifest',
      why:
        'startForeground(id, notification, type) throws IllegalArgumentException when `type` has a bit that the <service>\'s android:foregroundServiceType lacks. ' +
        'The exception prints both masks in hex; bg-doctor decodes them into type names.',
      fix: 'Add the type to the service\'s android:foregroundServiceType (and its FOREGROUND_SERVICE_<TYPE> permission), or pass a type the manifest declares.',
      runtimeErrors: [
        'java.lang.IllegalArgumentException: foregroundServiceType 0x00000001 is not a subset of foregroundServiceType attribute 0x00000000 in service element of manifest file',
      ],
      since: 'targetSdk 29 (Android 10)',
      sources: ['[A3] ActiveServices.java'],
      notes: 'Type arguments are read from ServiceInfo.FOREGROUND_SERVICE_TYPE_* constants (also in `or`/`|` combinations, if/else branches, and simple local variables); other expressions are not judged. WorkManager\'s ForegroundInfo is android-workmanager-fgs.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    const severity = gatedSeverity(app, 29, 'error');
    if (!severity) return;
    const svcs = services(app);
    for (const h of [...scan.of('startForeground'), ...scan.of('serviceCompatStartForeground')]) {
      if (!h.types || h.unresolved || h.manifestTypes || !h.className || !scan.extendsAny(h.className, SERVICE_ROOTS)) continue;
      const cls = scan.classNamed(h.className);
      const svc = svcs.find((s) => s.name === cls?.fqn || s.name.endsWith(`.${h.className}`) || s.name === h.className);
      if (!svc) continue;
      const extra = h.types.filter((t) => !svc.foregroundServiceTypes.includes(t));
      if (!extra.length) continue;
      const codeBits = fgsBits(h.types);
      const manifestBits = fgsBits(svc.foregroundServiceTypes);
      const decl = svc.fgsTypeDeclaration ?? svc.declarations.find((d) => d.source.origin === 'app' || d.source.origin === 'module');
      const value = [...svc.foregroundServiceTypes, ...extra].join('|');
      const rawName = decl ? androidValue(decl.el, 'name') : undefined;
      ctx.report({
        ...atHit(h),
        severity,
        message:
          `${h.className} passes ${fgsDescribe(codeBits)} to startForeground(), but <service ${svc.name}> declares foregroundServiceType ${fgsDescribe(manifestBits)}: ` +
          `"java.lang.IllegalArgumentException: foregroundServiceType ${fgsHex(codeBits)} is not a subset of foregroundServiceType attribute ${fgsHex(manifestBits)} in service element of manifest file"${targetNote(app, 29)}. Missing in the manifest: ${extra.join(', ')}.`,
        fix:
          decl && rawName
            ? setComponentAttrsFix(decl.source, 'service', rawName, { 'android:foregroundServiceType': value }, `set android:foregroundServiceType="${value}" on ${svc.name}`)
            : undefined,
      });
    }
  },
});
