import { defineRule } from '../rule.js';
import { at, backgroundModes, codeTaskIds, ensureArrayItems, hasMode, isHostApp, permits, permittedIds, resolveCodeId, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgtask-permitted-ids',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Every BGTaskScheduler identifier is listed in BGTaskSchedulerPermittedIdentifiers',
      why:
        'BGTaskScheduler only accepts identifiers the Info.plist advertises: `register` returns false and `submit` fails with ' +
        'BGTaskSchedulerErrorDomain code 3 (notPermitted), so the task never runs. With the `processing` mode the key is mandatory: ' +
        'App Store Connect rejects the upload (ITMS-90771).',
      fix: 'Add the exact identifier string (as passed to `register(forTaskWithIdentifier:)` / `BG…TaskRequest(identifier:)`) to BGTaskSchedulerPermittedIdentifiers.',
      runtimeErrors: [
        "<id> is not advertised in the application's Info.plist",
        'Could not schedule BGAppRefreshTask The operation couldn’t be completed. (BGTaskSchedulerErrorDomain error 3.)',
        'The Info.plist key BGTaskSchedulerPermittedIdentifiers must contain a list of identifiers used to submit and handle tasks when UIBackgroundModes has a value of processing',
      ],
      since: 'iOS 13',
      sources: ['[I3]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const doc = t.infoPlist;
      const { entry, ids } = permittedIds(t);
      const scan = targetScan(ctx.project.files, t);
      const fromCode = scan ? codeTaskIds(scan).filter((c) => !c.continued) : [];
      const missing = new Map<string, { file: string; line: number }>();
      for (const c of fromCode) {
        const id = resolveCodeId(t, c.value);
        if (id === undefined || ids.some((p) => permits(p.value, id))) continue;
        if (!missing.has(id)) missing.set(id, { file: c.file, line: c.line });
      }
      const modes = backgroundModes(t);
      const anchor = entry?.keyEl ?? modes.entry?.keyEl ?? doc.root.el;
      if (hasMode(t, 'processing') && ids.length === 0) {
        const fix = missing.size ? ensureArrayItems(t.infoPlistFile, doc, 'BGTaskSchedulerPermittedIdentifiers', [...missing.keys()], 'list the task identifiers the code uses') : undefined;
        ctx.report({
          message:
            'UIBackgroundModes has "processing" but BGTaskSchedulerPermittedIdentifiers is missing or empty: App Store Connect rejects the upload (ITMS-90771) and every BGTaskScheduler submit fails with error 3 (notPermitted)' +
            (missing.size ? `; the code uses ${[...missing.keys()].map((s) => `"${s}"`).join(', ')}` : ''),
          file: t.infoPlistFile,
          ...at(doc, modes.entry!.keyEl),
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      for (const [id, where] of missing) {
        const fix = ensureArrayItems(t.infoPlistFile, doc, 'BGTaskSchedulerPermittedIdentifiers', [id], `add "${id}" to BGTaskSchedulerPermittedIdentifiers`);
        ctx.report({
          message: `"${id}" (used at ${where.file}:${where.line}) is not in BGTaskSchedulerPermittedIdentifiers: register returns false and submit fails with error 3 ("${id} is not advertised in the application's Info.plist")`,
          file: t.infoPlistFile,
          ...at(doc, anchor),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
