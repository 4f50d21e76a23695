import { defineRule } from '../rule.js';
import { isHostApp, permits, permittedIds, resolveCodeId, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-register-early',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'BGTaskScheduler launch handlers are registered before launch finishes',
      why:
        'All launch handlers must be registered before the app finishes launching: `application(_:didFinishLaunchingWithOptions:)` ' +
        '(or `App.init` in SwiftUI). Registering later — in a SceneDelegate, async code, a plugin\'s `load`, a JS bridge — raises an exception, ' +
        'and a task launched in the background before that point has no handler.',
      fix: 'Move the `register(forTaskWithIdentifier:…)` call into `application(_:didFinishLaunchingWithOptions:)` / `App.init`, synchronously (a helper called from there is fine).',
      runtimeErrors: ['All launch handlers must be registered before application finishes launching'],
      since: 'iOS 13',
      sources: ['[I3] BGTaskScheduler.h'],
      notes: 'BGContinuedProcessingTask handlers are exempt (they may be registered when the user starts the work).',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      const wildcards = permittedIds(t).ids.filter((p) => p.value.endsWith('*'));
      for (const r of scan.registers) {
        if (r.context === 'launch' || r.continued) continue;
        const id = resolveCodeId(t, r.id.value);
        if (id !== undefined && wildcards.some((w) => permits(w.value, id))) continue;
        const where = r.context === 'deferred' ? 'in deferred (async) code' : r.enclosing ? `in ${r.enclosing}()` : 'outside the launch path';
        ctx.report({
          message: `BGTaskScheduler register(forTaskWithIdentifier: ${r.id.expr}) runs ${where}, not during application(_:didFinishLaunchingWithOptions:) / App.init: "All launch handlers must be registered before application finishes launching"`,
          file: r.file,
          line: r.line,
          column: r.column,
        });
      }
    }
  },
});
