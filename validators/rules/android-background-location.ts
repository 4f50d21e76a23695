import { defineRule } from '../rule.js';
import { atRealPermission, hasPermission, isRealSource, P, permission, services, targetAtLeast } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-background-location',
    platform: 'android',
    severity: 'error',
    docs: {
      title: 'ACCESS_BACKGROUND_LOCATION needs a foreground location permission, and is rarely needed',
      why:
        'ACCESS_BACKGROUND_LOCATION (API 29+) is only granted on top of ACCESS_FINE_LOCATION or ACCESS_COARSE_LOCATION; declared alone it can never be granted (error). ' +
        'An app whose background location work runs in a location-type foreground service does not need it at all, and declaring it triggers Google Play\'s background-location review (warning).',
      fix: 'Declare ACCESS_FINE_LOCATION or ACCESS_COARSE_LOCATION with it — or drop it when a location foreground service does the work.',
      since: 'targetSdk 29 (Android 10); separate request from targetSdk 30',
      sources: ['[A8]', 'developer.android.com …/location/permissions'],
      notes: 'Below targetSdk 29 the permission does not exist and foreground location permissions also cover background access; nothing is reported.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const bg = permission(app, P('ACCESS_BACKGROUND_LOCATION'));
    if (!bg || !(bg.loc || bg.declarations.some((d) => isRealSource(d.source)))) return;
    if (targetAtLeast(app, 29) === 'no') return;
    const where = atRealPermission(bg);
    const fg = hasPermission(app, P('ACCESS_FINE_LOCATION')) || hasPermission(app, P('ACCESS_COARSE_LOCATION'));
    if (!fg) {
      if (!app.merged.complete) return;
      ctx.report({ ...where, message: 'ACCESS_BACKGROUND_LOCATION is declared without ACCESS_FINE_LOCATION or ACCESS_COARSE_LOCATION; background location is only granted on top of a foreground one, so it can never be granted.' });
      return;
    }
    const fgs = services(app).filter((s) => s.foregroundServiceTypes.includes('location'));
    if (fgs.length) {
      ctx.report({
        ...where,
        severity: 'warning',
        message: `ACCESS_BACKGROUND_LOCATION is declared although location work runs in a location foreground service (${fgs.map((s) => s.name).join(', ')}), which needs only the while-in-use permission; the declaration triggers Google Play's background-location review. Drop it or justify it.`,
      });
    }
  },
});
