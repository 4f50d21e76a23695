import { defineRule } from '../rule.js';
import { BGTASK_REQUESTS } from '../data/ios.js';
import { at, backgroundModes, ensureArrayItems, hasMode, isHostApp, permittedIds, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-mode',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'BGTaskScheduler requests have the background mode they need',
      why:
        '`BGAppRefreshTaskRequest` needs the `fetch` mode and `BGProcessingTaskRequest` the `processing` mode; without it `submit` fails ' +
        '(BGTaskSchedulerErrorDomain code 3, notPermitted) and the task never runs. Permitted identifiers with neither mode can never run.',
      fix: 'Add `fetch` (app refresh) and/or `processing` to UIBackgroundModes (Xcode: Signing & Capabilities → Background Modes).',
      runtimeErrors: ['Could not schedule BGAppRefreshTask The operation couldn’t be completed. (BGTaskSchedulerErrorDomain error 3.)'],
      since: 'iOS 13',
      sources: ['[I3]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const doc = t.infoPlist;
      const scan = targetScan(ctx.project.files, t);
      const modes = backgroundModes(t);
      const anchor = modes.entry?.keyEl ?? doc.root.el;
      const needed = new Map<string, { cls: string; file: string; line: number }>();
      for (const r of scan?.requests ?? []) {
        const mode = BGTASK_REQUESTS[r.cls].mode;
        if (mode && !hasMode(t, mode) && !needed.has(mode)) needed.set(mode, { cls: r.cls, file: r.file, line: r.line });
      }
      for (const [mode, use] of needed) {
        ctx.report({
          message: `${use.cls} (${use.file}:${use.line}) needs the "${mode}" background mode, which UIBackgroundModes lacks: submit fails with error 3 (notPermitted)`,
          file: t.infoPlistFile,
          ...at(doc, anchor),
          fix: ensureArrayItems(t.infoPlistFile, doc, 'UIBackgroundModes', [mode], `add "${mode}" to UIBackgroundModes`)!,
        });
      }
      const { entry, ids } = permittedIds(t);
      if (entry && ids.some((p) => !p.value.endsWith('*')) && !hasMode(t, 'fetch') && !hasMode(t, 'processing') && needed.size === 0) {
        ctx.report({
          message: 'BGTaskSchedulerPermittedIdentifiers lists identifiers but UIBackgroundModes has neither "fetch" nor "processing": no BGAppRefreshTask or BGProcessingTask can ever run',
          file: t.infoPlistFile,
          ...at(doc, entry.keyEl),
        });
      }
    }
  },
});
