import { defineRule } from '../rule.js';
import { at, isHostApp, isHybrid, permittedIds, resolveCodeId, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-handler',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'Every permitted BGTask identifier has exactly one launch handler',
      why:
        'When iOS launches the app for a task whose identifier has no registered launch handler, BGTaskScheduler throws and the app ' +
        'crashes in the background; registering the same identifier twice is also an exception that kills the app.',
      fix: 'Call `BGTaskScheduler.shared.register(forTaskWithIdentifier:using:launchHandler:)` once for every identifier in BGTaskSchedulerPermittedIdentifiers, before launch finishes.',
      runtimeErrors: [
        "NSInternalInconsistencyException … No launch handler registered for task with identifier <id>",
        'Launch handler for task with identifier <id> has already been registered',
      ],
      since: 'iOS 13',
      sources: ['[I3]'],
      notes:
        'Needs the Swift / Objective-C sources of the target; without them the rule is silent. When an identifier may be registered ' +
        'by a framework plugin (hybrid apps) or through an expression the scan cannot resolve, a missing handler is a warning.',
    },
  },
  check(ctx) {
    const hybrid = isHybrid(ctx.project);
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      const registered = new Map<string, { file: string; line: number }>();
      let unresolved = 0;
      for (const r of scan.registers) {
        const id = resolveCodeId(t, r.id.value);
        if (id === undefined) {
          unresolved++;
          continue;
        }
        const first = registered.get(id);
        if (first && !(first.file === r.file && first.line === r.line)) {
          ctx.report({
            message: `"${id}" is registered again (first at ${first.file}:${first.line}): "Launch handler for task with identifier ${id} has already been registered" kills the app`,
            file: r.file,
            line: r.line,
            column: r.column,
          });
        } else registered.set(id, { file: r.file, line: r.line });
      }
      for (const h of scan.hookRegisters) {
        const id = resolveCodeId(t, h.id?.value);
        if (id !== undefined) registered.set(id, { file: h.file, line: h.line });
        else unresolved++;
      }
      const requested = new Set(scan.requests.map((r) => resolveCodeId(t, r.id.value)));
      for (const p of permittedIds(t).ids) {
        if (p.value.includes('*') || registered.has(p.value)) continue;
        const mentioned = scan.strings.has(p.value) && !requested.has(p.value);
        const soft = hybrid || unresolved > 0 || mentioned || scan.backgroundRunnerRegisters.length > 0;
        ctx.report({
          message:
            `no launch handler is registered for "${p.value}": when iOS launches the task the app crashes ("No launch handler registered for task with identifier ${p.value}")` +
            (soft ? ' — no register call with this identifier was found in the app sources; if a plugin or an unresolved expression registers it, this is fine' : ''),
          file: t.infoPlistFile,
          ...at(t.infoPlist, p.el),
          ...(soft ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
});
