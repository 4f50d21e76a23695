import { defineRule } from '../rule.js';
import { fgsType } from '../data/android-fgs.js';
import { at, code, gatedSeverity, realDecl, services, targetNote } from '../android/query.js';

export default defineRule({
  meta: {
    id: 'android-fgs-timeout-handler',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'Time-limited foreground services override onTimeout and stop',
      why:
        'shortService (targetSdk 34) and dataSync / mediaProcessing (targetSdk 35) foreground services are timed out by the system (about 3 minutes; 6 hours per 24 hours). The system then calls Service.onTimeout(int, int); ' +
        'a service that does not stop itself within a few seconds crashes the app with ForegroundServiceDidNotStopInTimeException.',
      fix: 'Override onTimeout(int startId, int fgsType) and call stopSelf() (or stopForeground) there.',
      runtimeErrors: [
        'android.app.RemoteServiceException$ForegroundServiceDidNotStopInTimeException: A foreground service of type dataSync did not stop within its timeout: ComponentInfo{…}',
        'A foreground service of type FOREGROUND_SERVICE_TYPE_SHORT_SERVICE did not stop within its timeout',
      ],
      since: 'targetSdk 34 (shortService) / 35 (dataSync, mediaProcessing)',
      sources: ['[A5] …/about/versions/15/behavior-changes-15#datasync-timeout', '[A6] …/services/fgs/timeout'],
      notes: 'Needs the service\'s source: services from libraries (WorkManager\'s SystemForegroundService handles its own timeout) and services whose class is not in the scanned sources are not judged.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan) return;
    for (const svc of services(app)) {
      const limited = svc.foregroundServiceTypes.map(fgsType).filter((t) => t?.timeoutFrom !== undefined);
      if (!limited.length) continue;
      const cls = scan.classNamed(svc.name);
      if (!cls) continue;
      const chain = [cls.name];
      for (let c = cls; c; ) {
        const next = c.supers.map((s) => scan.classNamed(s)).find(Boolean);
        if (!next || chain.includes(next.name)) break;
        chain.push(next.name);
        c = next;
      }
      const hasTimeout = chain.some((n) => scan.hitsIn(n, 'onTimeout').length > 0);
      const stops = chain.some((n) => scan.hitsIn(n, 'stopSelf').length > 0);
      if (hasTimeout && stops) continue;
      const t = limited.sort((a, b) => a!.timeoutFrom! - b!.timeoutFrom!)[0]!;
      const severity = gatedSeverity(app, t.timeoutFrom!, 'warning');
      if (!severity) continue;
      const decl = svc.fgsTypeDeclaration ?? realDecl(svc);
      if (!decl || decl.source.origin === 'known') continue;
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message: hasTimeout
          ? `${cls.name} overrides onTimeout() but never calls stopSelf()/stopForeground(); the ${t.name} foreground service then crashes with ForegroundServiceDidNotStopInTimeException${targetNote(app, t.timeoutFrom!)}.`
          : `<service ${svc.name}> is a ${t.name} foreground service (time-limited${t.note ? `: ${t.note}` : ''}) but ${cls.name} does not override onTimeout(int, int); when the limit is reached the app crashes with "ForegroundServiceDidNotStopInTimeException: A foreground service of type ${t.name} did not stop within its timeout"${targetNote(app, t.timeoutFrom!)}.`,
      });
    }
  },
});
