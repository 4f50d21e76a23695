import { defineRule } from '../rule.js';
import { at, code, componentForClass, P, realDecl, services } from '../android/query.js';
import { setComponentAttrsFix } from '../android/fixes.js';
import { androidValue } from '../project/manifest-merge.js';
import { JOB_SERVICE_ROOTS } from '../scan/android-code.js';

const BIND_JOB_SERVICE = P('BIND_JOB_SERVICE');

export default defineRule({
  meta: {
    id: 'android-jobservice-binding',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'A JobService is declared with android:permission="android.permission.BIND_JOB_SERVICE"',
      why:
        'JobScheduler binds only to a JobService that is declared in the manifest and protected by BIND_JOB_SERVICE; schedule() throws for a service without it, and an undeclared JobService never runs.',
      fix: 'Declare `<service android:name=".MyJobService" android:permission="android.permission.BIND_JOB_SERVICE" android:exported="false"/>`.',
      runtimeErrors: ['java.lang.IllegalArgumentException: Scheduled service ComponentInfo{…} does not require android.permission.BIND_JOB_SERVICE permission'],
      since: 'API 21 (Android 5.0)',
      sources: ['[L] JobSchedulerService lint id', 'JobService reference'],
      notes: 'With sources, JobService subclasses are matched to their <service>; without, a project <service> whose class name ends in "JobService" and lacks the permission is a warning.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const scan = code(ctx.project);
    const checked = new Set<string>();
    const report = (svcName: string, severity: 'error' | 'warning') => {
      const svc = services(app).find((s) => s.name === svcName)!;
      const decl = realDecl(svc);
      if (!decl || svc.permission === BIND_JOB_SERVICE) return;
      const raw = androidValue(decl.el, 'name');
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message: `<service ${svc.name}> is a JobService but ${svc.permission ? `is protected by ${svc.permission}` : 'has no android:permission'}; JobScheduler requires android:permission="${BIND_JOB_SERVICE}" ("Scheduled service … does not require android.permission.BIND_JOB_SERVICE permission").`,
        fix: raw ? setComponentAttrsFix(decl.source, 'service', raw, { 'android:permission': BIND_JOB_SERVICE }, `set android:permission="${BIND_JOB_SERVICE}"`) : undefined,
      });
    };
    if (scan) {
      for (const cls of scan.classes) {
        if (JOB_SERVICE_ROOTS.includes(cls.name) || !scan.extendsAny(cls.name, JOB_SERVICE_ROOTS)) continue;
        if (scan.classes.some((c) => c.supers.includes(cls.name))) continue; // an abstract base; its subclasses are checked
        const svc = componentForClass(app, 'service', cls.name, cls.fqn);
        if (!svc) {
          ctx.report({
            file: cls.file,
            line: cls.line,
            column: 1,
            message: `${cls.name} extends JobService but no <service> declares it; JobScheduler cannot run it (declare it with android:permission="${BIND_JOB_SERVICE}").`,
          });
          continue;
        }
        checked.add(svc.name);
        report(svc.name, 'error');
      }
    }
    for (const svc of services(app)) {
      if (checked.has(svc.name) || !/JobService$/.test(svc.name) || svc.origin === 'known') continue;
      if (scan?.classNamed(svc.name)) continue;
      report(svc.name, 'warning');
    }
  },
});
