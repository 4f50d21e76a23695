import { defineRule } from '../rule.js';
import { BGTASK_PENDING_LIMITS, BGTASK_REQUESTS } from '../data/ios.js';
import { isHostApp, resolveCodeId, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-limits',
    platform: 'ios',
    severity: 'info',
    docs: {
      title: 'BGTaskScheduler pending-request limits',
      why:
        `An app may have at most ${BGTASK_PENDING_LIMITS.refresh} pending app-refresh request and ${BGTASK_PENDING_LIMITS.processing} pending processing requests; ` +
        'further submits fail with BGTaskSchedulerErrorDomain code 2 (tooManyPendingTaskRequests).',
      fix: 'Use one refresh identifier and fan the work out inside its handler; keep processing identifiers few.',
      runtimeErrors: ['The operation couldn’t be completed. (BGTaskSchedulerErrorDomain error 2.)'],
      since: 'iOS 13',
      sources: ['[I3]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      for (const kind of ['refresh', 'processing'] as const) {
        const reqs = scan.requests.filter((r) => BGTASK_REQUESTS[r.cls].kind === kind);
        const ids = new Set(reqs.map((r) => resolveCodeId(t, r.id.value) ?? r.id.expr));
        const limit = BGTASK_PENDING_LIMITS[kind];
        if (ids.size > limit) {
          const r = reqs[reqs.length - 1]!;
          ctx.report({
            message: `${ids.size} different ${kind} task identifiers are submitted; at most ${limit} ${kind} request${limit > 1 ? 's' : ''} may be pending (error code 2, tooManyPendingTaskRequests)`,
            file: r.file,
            line: r.line,
            column: r.column,
          });
        }
      }
    }
  },
});
