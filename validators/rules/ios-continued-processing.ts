import { defineRule } from '../rule.js';
import { CONTINUED_PROCESSING_GPU_ENTITLEMENT } from '../data/ios.js';
import { dictEntry } from '../../parsers/plist.js';
import { at, bundleId, ensureArrayItems, entitlements, isHostApp, permittedIds, resolveCodeId, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-continued-processing',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'BGContinuedProcessingTask identifiers, wildcard entries and GPU entitlement',
      why:
        'A continued-processing request is only accepted when BGTaskSchedulerPermittedIdentifiers holds a wildcard entry ' +
        '`<bundleID>.<context>.*` that admits it and the submitted identifier starts with the bundle ID; asking for the GPU needs the ' +
        `\`${CONTINUED_PROCESSING_GPU_ENTITLEMENT}\` entitlement. The task must start from a user action.`,
      fix: 'List `<bundleID>.<context>.*` in BGTaskSchedulerPermittedIdentifiers, submit `<bundleID>.<context>.<unique>` from a button or similar, and add the GPU entitlement if `requiredResources` includes `.gpu`.',
      since: 'iOS 26',
      sources: ['[I4]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const doc = t.infoPlist;
      const bid = bundleId(t);
      const { entry, ids } = permittedIds(t);
      for (const p of ids) {
        if (!p.value.includes('*')) continue;
        const form = /^[^*]+\.[^.*]+\.\*$/.test(p.value);
        const prefixOk = bid === undefined || p.value.startsWith(bid + '.');
        if (!form || !prefixOk) {
          ctx.report({
            message: `"${p.value}" is not a valid continued-processing wildcard: it must read <bundleID>.<context>.*${bid ? ` (here "${bid}.<context>.*")` : ''}`,
            file: t.infoPlistFile,
            ...at(doc, p.el),
          });
        }
      }
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      const continued = scan.requests.filter((r) => r.cls === 'BGContinuedProcessingTaskRequest');
      for (const r of continued) {
        const id = resolveCodeId(t, r.id.value);
        if (r.context !== 'other') {
          ctx.report({
            message: 'BGContinuedProcessingTaskRequest is submitted at launch or from deferred code; it must start from an explicit user action',
            file: r.file,
            line: r.line,
            column: r.column,
            severity: 'warning',
          });
        }
        if (id === undefined) continue;
        if (bid && !id.startsWith(bid + '.')) {
          ctx.report({ message: `continued-processing identifier "${id}" must start with the bundle ID "${bid}."`, file: r.file, line: r.line, column: r.column });
          continue;
        }
        const wild = ids.find((p) => p.value.endsWith('.*') && id.startsWith(p.value.slice(0, -1)));
        if (!wild) {
          const cut = id.lastIndexOf('.');
          const suggestion = cut > 0 ? id.slice(0, cut) + '.*' : undefined;
          const fix = suggestion ? ensureArrayItems(t.infoPlistFile, doc, 'BGTaskSchedulerPermittedIdentifiers', [suggestion], `add "${suggestion}"`) : undefined;
          ctx.report({
            message: `continued-processing identifier "${id}" (${r.file}:${r.line}) needs a wildcard entry${suggestion ? ` such as "${suggestion}"` : ''} in BGTaskSchedulerPermittedIdentifiers`,
            file: t.infoPlistFile,
            ...at(doc, entry?.keyEl ?? doc.root.el),
            ...(fix ? { fix } : {}),
          });
        }
      }
      if (continued.length) {
        const gpu = scan.files.filter((f) => (f.symbols.get('requiredResources') ?? []).length > 0 && /\.gpu\b|BGContinuedProcessingTaskRequestResourcesGPU/.test(ctx.project.files.read(f.file) ?? ''));
        const ents = entitlements(ctx.project.files, t);
        const hasGpu = ents.some((e) => dictEntry(e.doc.root, CONTINUED_PROCESSING_GPU_ENTITLEMENT) !== undefined);
        if (gpu.length && !hasGpu) {
          const u = gpu[0]!.symbols.get('requiredResources')![0]!;
          ctx.report({
            message: `the continued-processing request asks for the GPU but no entitlements file has ${CONTINUED_PROCESSING_GPU_ENTITLEMENT}`,
            file: u.file,
            line: u.line,
            column: u.column,
          });
        }
      }
    }
  },
});
