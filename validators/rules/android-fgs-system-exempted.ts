import { defineRule } from '../rule.js';
import { FGS_TYPES_REQUIRED_SINCE } from '../data/android-fgs.js';
import { at, gatedSeverity, hasPermission, P, realDecl, services } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-fgs-system-exempted',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'systemExempted is only for system, alarm and VPN apps',
      why:
        'The systemExempted foreground-service type is reserved for system applications, alarm-clock apps (holding SCHEDULE_EXACT_ALARM or USE_EXACT_ALARM) and VPN apps; an ordinary app that uses it cannot satisfy the runtime prerequisite and is rejected by Play policy.',
      fix: 'Choose the type that describes the work (dataSync, connectedDevice, location, specialUse, …).',
      since: 'targetSdk 34 (Android 14)',
      sources: ['[A1] …/fgs/service-types#system-exempted'],
      notes: 'An app counts as an alarm app when it declares USE_EXACT_ALARM, and as a VPN app when a <service> is protected by android.permission.BIND_VPN_SERVICE.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const severity = gatedSeverity(app, FGS_TYPES_REQUIRED_SINCE, 'warning');
    if (!severity) return;
    const vpn = services(app).some((s) => s.permission === P('BIND_VPN_SERVICE'));
    const alarm = hasPermission(app, P('USE_EXACT_ALARM'));
    if (vpn || alarm) return;
    for (const svc of services(app)) {
      if (!svc.foregroundServiceTypes.includes('systemExempted')) continue;
      const decl = svc.fgsTypeDeclaration ?? realDecl(svc);
      if (!decl || decl.source.origin === 'known') continue;
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message: `<service ${svc.name}> uses foregroundServiceType "systemExempted", which is reserved for system, alarm-clock and VPN apps; this app is none of them (no USE_EXACT_ALARM, no BIND_VPN_SERVICE service). Choose a type that describes the work.`,
      });
    }
  },
});
