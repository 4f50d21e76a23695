import { defineRule } from '../rule.js';
import { at, backgroundModes, ensureArrayItems, hasMode, isHostApp, permits, permittedIds, targetScan } from '../project/ios.js';
import { capacitorConfig, runnerScriptCandidates } from '../project/capacitor.js';
import { inTree } from '../project/memo.js';

export default defineRule({
  meta: {
    id: 'capacitor-background-runner',
    platform: 'capacitor',
    severity: 'error',
    fixable: true,
    docs: {
      title: '@capacitor/background-runner is wired up on iOS',
      why:
        'The runner schedules a BGAppRefreshTaskRequest with `plugins.BackgroundRunner.label` as identifier: without that label in BGTaskSchedulerPermittedIdentifiers and the ' +
        '`fetch` background mode, or without `BackgroundRunnerPlugin.registerBackgroundTask()` in `application(_:didFinishLaunchingWithOptions:)`, the task never runs. ' +
        'The runner script (`src`) must exist and handle the configured `event` with `addEventListener`.',
      fix: 'Add the label to BGTaskSchedulerPermittedIdentifiers, add `fetch` (and `processing` if you schedule processing work) to UIBackgroundModes, call `BackgroundRunnerPlugin.registerBackgroundTask()` in didFinishLaunching, and make the runner script handle the event.',
      runtimeErrors: ["<label> is not advertised in the application's Info.plist", 'All launch handlers must be registered before application finishes launching'],
      sources: ['[C2]', 'hosts.md §4'],
      notes: 'The iOS runner submits only BGAppRefreshTaskRequest, so `fetch` is the mode it needs. With capacitor.config.ts the values are read by a light scan of string literals.',
    },
  },
  check(ctx) {
    const app = ctx.project.capacitor;
    if (!app) return;
    const files = ctx.project.files;
    const cfg = capacitorConfig(files, app);
    const br = cfg.backgroundRunner;
    if (!br) return;
    const target = ctx.project.ios.find((t) => isHostApp(t) && /\/ios\/App\/App$/.test(t.dir)) ?? ctx.project.ios.find(isHostApp);
    const label = br.label?.value;
    if (target) {
      const doc = target.infoPlist;
      const { entry, ids } = permittedIds(target);
      if (label && !ids.some((p) => permits(p.value, label))) {
        ctx.report({
          message: `BackgroundRunner label "${label}" (${br.label!.file}:${br.label!.line}) is not in BGTaskSchedulerPermittedIdentifiers: the runner's task is never scheduled ("${label} is not advertised in the application's Info.plist")`,
          file: target.infoPlistFile,
          ...at(doc, entry?.keyEl ?? doc.root.el),
          fix: ensureArrayItems(target.infoPlistFile, doc, 'BGTaskSchedulerPermittedIdentifiers', [label], `add "${label}" to BGTaskSchedulerPermittedIdentifiers`)!,
        });
      }
      if (!hasMode(target, 'fetch')) {
        ctx.report({
          message: 'BackgroundRunner is configured but UIBackgroundModes lacks "fetch": its BGAppRefreshTask can never run',
          file: target.infoPlistFile,
          ...at(doc, backgroundModes(target).entry?.keyEl ?? doc.root.el),
          fix: ensureArrayItems(target.infoPlistFile, doc, 'UIBackgroundModes', ['fetch'], 'add "fetch" to UIBackgroundModes')!,
        });
      }
      const scan = targetScan(files, target);
      if (scan) {
        const calls = scan.backgroundRunnerRegisters;
        const delegate = scan.files.find((f) => /didFinishLaunchingWithOptions/.test(files.read(f.file) ?? ''));
        if (calls.length === 0) {
          const where = delegate ? { file: delegate.file, ...files.position(delegate.file, (files.read(delegate.file) ?? '').indexOf('didFinishLaunchingWithOptions')) } : { file: target.infoPlistFile, line: 0 };
          ctx.report({ message: 'BackgroundRunnerPlugin.registerBackgroundTask() is never called: add it to application(_:didFinishLaunchingWithOptions:), or the runner never launches on iOS', ...where });
        }
        for (const c of calls) {
          if (c.context === 'launch') continue;
          ctx.report({ message: 'BackgroundRunnerPlugin.registerBackgroundTask() must be called in application(_:didFinishLaunchingWithOptions:): "All launch handlers must be registered before application finishes launching"', file: c.file, line: c.line, column: c.column });
        }
      }
    }
    if (!label) ctx.report({ message: 'plugins.BackgroundRunner has no "label": the runner has no task identifier', file: br.at.file, line: br.at.line, column: br.at.column });
    if (br.src) {
      const script = runnerScriptCandidates(app, cfg, br.src.value).find((p) => inTree(files, p));
      if (!script) {
        ctx.report({ message: `runner script "${br.src.value}" was not found in the web sources (${cfg.webDir ?? 'public'}/, public/, src/): the runner fails to load`, file: br.src.file, line: br.src.line, column: br.src.column, severity: 'warning' });
      } else if (br.event) {
        const text = files.read(script) ?? '';
        const events = new Set([...text.matchAll(/addEventListener\s*\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!));
        if (!events.has(br.event.value)) {
          ctx.report({
            message: `the runner script ${script} has no addEventListener('${br.event.value}', …) for the configured event${events.size ? ` (it handles ${[...events].join(', ')})` : ''}: the scheduled run does nothing`,
            file: br.event.file,
            line: br.event.line,
            column: br.event.column,
          });
        }
      }
    }
  },
});
