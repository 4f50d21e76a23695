import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE, SPECIAL_USE_PROPERTY } from '../data/android-fgs.js';
import { at, gatedSeverity, realDecl, services } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-fgs-specialuse-subtype',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'A specialUse foreground service declares PROPERTY_SPECIAL_USE_FGS_SUBTYPE',
      why:
        'Google Play reviews every specialUse foreground service; the <property android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE" android:value="…"/> child of the <service> states the use case reviewers read together with the Play Console declaration. Without it the review is likely to fail.',
      fix: 'Add the <property> with a short description of the use case, and fill in the foreground-service declaration form in Play Console.',
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A1] …/fgs/service-types#special-use', '[A14] Play Console help 13392821'],
      notes: 'No automatic fix: only the developer can state the use case, and a placeholder value would make the check pass without one.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'warning');
    if (!severity) return;
    for (const svc of services(app)) {
      if (!svc.foregroundServiceTypes.includes('specialUse')) continue;
      const prop = svc.properties.find((p) => p.name === SPECIAL_USE_PROPERTY);
      if (prop && prop.value && prop.value.trim()) continue;
      const decl = svc.fgsTypeDeclaration ?? realDecl(svc);
      if (!decl || decl.source.origin === 'known') continue;
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message: prop
          ? `<service ${svc.name}> has an empty ${SPECIAL_USE_PROPERTY}; describe the special use case for the Play review.`
          : `<service ${svc.name}> is a specialUse foreground service without <property android:name="${SPECIAL_USE_PROPERTY}" android:value="…"/>; Google Play review needs the use case stated.`,
      });
    }
  },
});
