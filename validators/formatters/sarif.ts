/**
 * SARIF 2.1.0 (OASIS) for code-scanning UIs: one run, the rules that appear
 * in it with their docs, results with physical locations relative to
 * %SRCROOT% (the audited folder) and fixes as artifact replacements.
 */
import { pathToFileURL } from 'node:url';
import type { Formatter } from './types.js';
import { relPath } from './util.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (result, options) => {
  const used = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const index = new Map(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const m = result.rulesMeta.get(id);
    const d = m?.docs;
    const help = d ? `${d.why}\n\nFix: ${d.fix}${d.runtimeErrors?.length ? `\n\nRuntime errors:\n${d.runtimeErrors.map((e) => `  ${e}`).join('\n')}` : ''}` : id;
    return {
      id,
      name: id.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()),
      shortDescription: { text: d?.title ?? id },
      fullDescription: { text: d?.why ?? id },
      help: { text: help },
      defaultConfiguration: { level: LEVEL[m?.severity ?? 'warning'] },
      properties: { platform: m?.platform ?? 'core', ...(d?.since ? { since: d.since } : {}) },
    };
  });
  const root = result.root.endsWith('/') ? result.root : result.root + '/';
  const uri = (file: string) => relPath(result.root, file).split('/').map(encodeURIComponent).join('/');
  const results = result.findings.map((f) => {
    const physical: Record<string, unknown> = { artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' } };
    if (f.line > 0) {
      const region: Record<string, number> = { startLine: f.line };
      if (f.column > 0) region.startColumn = f.column;
      physical.region = region;
    }
    const r: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physical }],
    };
    if (f.app) r.properties = { app: f.app };
    if (f.fix) {
      r.fixes = [
        {
          description: { text: f.fix.description },
          artifactChanges: [
            {
              artifactLocation: { uri: uri(f.fix.file), uriBaseId: '%SRCROOT%' },
              replacements: f.fix.edits.map((e) => ({
                deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
                ...(e.text ? { insertedContent: { text: e.text } } : {}),
              })),
            },
          ],
        },
      ];
    }
    return r;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'bg-doctor', version: options.version, semanticVersion: options.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root).href } },
        results,
        ...(result.internalErrors ? { invocations: [{ executionSuccessful: false }] } : { invocations: [{ executionSuccessful: true }] }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
