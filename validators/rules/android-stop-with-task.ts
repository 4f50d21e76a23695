import { defineRule } from '../rule.js';
import { at, realDecl, services } from '../android/query.js';
import { setComponentAttrsFix } from '../android/fixes.js';
import { androidAttr, androidValue } from '../project/manifest-merge.js';

export default defineRule({
  meta: {
    id: 'android-stop-with-task',
    platform: 'android',
    severity: 'warning',
    fixable: true,
    docs: {
      title: 'A foreground service meant to outlive the task does not set stopWithTask="true"',
      why: 'android:stopWithTask="true" stops the service when the user swipes the app away from Recents — the opposite of what a foreground service doing background work (sync, transfer, playback) is for.',
      fix: 'Remove android:stopWithTask (the default is false), or handle onTaskRemoved() deliberately.',
      since: 'all API levels',
      notes: 'Reported for services with a foregroundServiceType. Not verified against primary source.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    for (const svc of services(app)) {
      if (svc.stopWithTask !== true || svc.foregroundServiceTypes.length === 0) continue;
      const decl = svc.declarations.find((d) => androidAttr(d.el, 'stopWithTask')) ?? realDecl(svc);
      if (!decl || decl.source.origin === 'known') continue;
      const raw = androidValue(decl.el, 'name');
      ctx.report({
        ...at(decl.source, decl.el),
        message: `<service ${svc.name}> is a ${svc.foregroundServiceTypes.join('|')} foreground service with android:stopWithTask="true": it is stopped when the user swipes the app away.`,
        fix: raw ? setComponentAttrsFix(decl.source, 'service', raw, { 'android:stopWithTask': null }, 'remove android:stopWithTask') : undefined,
      });
    }
  },
});
