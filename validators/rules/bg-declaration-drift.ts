import { defineRule } from '../rule.js';
import { DRIFT_RULE, reportDrift } from '../drift/analyze.js';

export default defineRule({
  meta: {
    id: DRIFT_RULE,
    platform: 'declaration',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'The app still has every entry its bg-service declarations need',
      why:
        'A `*.bg.ts` declaration makes `bg-service generate` add entries to files the app owns: `<uses-permission>`, `<service>`, `<receiver>` and `<property>` in ' +
        'AndroidManifest.xml; UIBackgroundModes, BGTaskSchedulerPermittedIdentifiers and usage strings in Info.plist; `aps-environment` in the entitlements; ' +
        'privacy-manifest reasons; the plugin grant in a Tauri capability. When one is removed by hand, or the declaration changed and generate was not run ' +
        'again, the generated code meets a project without it: a SecurityException or MissingForegroundServiceTypeException on Android, a task that never ' +
        'runs or an App Store rejection on iOS, a command the ACL denies in Tauri.',
      fix:
        'Run `bg-service generate` (or `bg-doctor validate --fix`, which applies exactly the edit generate would make to that file). An entry the declaration ' +
        'no longer needs is reported as a warning and removed the same way.',
      runtimeErrors: [
        'java.lang.SecurityException: Starting FGS with type dataSync callerApp=… targetSDK=34 requires permissions: all of the permissions allOf=true [android.permission.FOREGROUND_SERVICE_DATA_SYNC]',
        'NSInternalInconsistencyException … No launch handler registered for task with identifier <id>',
        'Command plugin:<name>|<command> not allowed by ACL',
      ],
      sources: ['bg-service generate (the planner of generator/engine.ts, run in memory)'],
      notes:
        'Only apps with a declaration are checked; the declaration reader (ts-morph) is loaded only then. The check asks the generator what it would change ' +
        'now, reading every declaration of the project as `generate` does; it never writes. The finding sits at the element or key concerned (an existing ' +
        'element, else the `<manifest>` / `<application>` start tag or the plist key where the entry goes).',
    },
  },
  check(ctx) {
    return reportDrift(ctx, DRIFT_RULE);
  },
});
