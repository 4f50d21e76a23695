import { defineRule } from '../rule.js';
import { isHostApp, permittedIds, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-legacy-fetch',
    platform: 'ios',
    severity: 'warning',
    docs: {
      title: 'No legacy background fetch next to BGTaskScheduler',
      why:
        'Once an app lists BGTaskSchedulerPermittedIdentifiers, iOS disables the legacy background fetch API: ' +
        '`setMinimumBackgroundFetchInterval` has no effect and `application(_:performFetchWithCompletionHandler:)` is never called.',
      fix: 'Move the fetch work into a BGAppRefreshTask handler and remove the legacy calls.',
      since: 'iOS 13',
      sources: ['[I7]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t) || permittedIds(t).ids.length === 0) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      for (const sym of ['setMinimumBackgroundFetchInterval', 'performFetchWithCompletionHandler']) {
        for (const u of scan.uses(sym)) {
          ctx.report({
            message: `${sym} is legacy background fetch, disabled because the app lists BGTaskSchedulerPermittedIdentifiers: it never runs; use BGAppRefreshTask`,
            file: u.file,
            line: u.line,
            column: u.column,
          });
        }
      }
    }
  },
});
