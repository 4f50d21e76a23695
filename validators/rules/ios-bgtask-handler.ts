import { defineRule } from '../rule.js';
import { relative } from 'node:path';
import { at, isHostApp, isHybrid, permittedIds, resolveCodeId, targetScan } from '../project/ios.js';
import { toPosix } from '../project/files.js';
import { scanTarget, type BgRegister } from '../scan/swift.js';
import { hookReported, launchHooks } from '../scan/launch-hooks.js';

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
        'by a framework plugin (hybrid apps) or through an expression the scan cannot resolve, a missing handler is a warning. The sources of the plugins ' +
        'the app links (bg-service modules, Capacitor plugins among its dependencies, Tauri plugins by path) count when the launch code reaches their ' +
        'register call (e.g. `NotesSyncBackgroundTasks.registerAtLaunch()` from didFinishLaunching); a plugin registration it does not reach is a warning. ' +
        'The identifiers a bg-service Capacitor plugin registers in `<Name>BackgroundTasks.registerAtLaunch()` are left to `capacitor-register-at-launch` ' +
        'when the app never calls that hook or calls it too late: one finding for the one missing line.',
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
      const permitted = permittedIds(t).ids.filter((p) => !p.value.includes('*') && !registered.has(p.value));
      // Registrations in the plugins the app links, credited when the app's launch reaches them
      // (didFinishLaunching → <Name>BackgroundTasks.registerAtLaunch() → register(…)).
      const inPlugins = new Map<string, BgRegister>();
      const plugins = permitted.length ? (t.pluginSourceFiles ?? []) : [];
      if (plugins.length) {
        const own = new Set(plugins);
        for (const r of scanTarget(ctx.project.files, [...t.sourceFiles, ...plugins]).registers) {
          const id = own.has(r.file) ? resolveCodeId(t, r.id.value) : undefined;
          if (id === undefined) continue;
          if (r.context === 'launch') registered.set(id, { file: r.file, line: r.line });
          else if (!inPlugins.has(id)) inPlugins.set(id, r);
        }
      }
      // A bg-service plugin's hook (<Name>BackgroundTasks.registerAtLaunch()) that the app never calls, or calls too late, is
      // capacitor-register-at-launch's one finding: the identifiers it registers are not reported again here.
      const hooks = launchHooks(ctx.project);
      const deferTo = new Set(hooks?.target === t ? hooks.hooks.filter(hookReported).map((h) => h.file) : []);
      for (const p of permitted) {
        if (registered.has(p.value)) continue;
        const late = inPlugins.get(p.value);
        if (late && deferTo.has(late.file)) continue;
        if (late) {
          const where = `${toPosix(relative(ctx.project.root, late.file))}:${late.line}${late.enclosing ? `, in ${late.enclosing}()` : ''}`;
          ctx.report({
            message:
              `"${p.value}" is registered by a plugin (${where}) but nothing the app runs in application(_:didFinishLaunchingWithOptions:) reaches that call: ` +
              `unless it runs before launch finishes, iOS launching the app for the task crashes it ("No launch handler registered for task with identifier ${p.value}")` +
              (late.enclosing ? `; call ${late.enclosing}() from didFinishLaunching` : ''),
            file: t.infoPlistFile,
            ...at(t.infoPlist, p.el),
            severity: 'warning',
          });
          continue;
        }
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
