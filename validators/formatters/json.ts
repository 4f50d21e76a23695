/** Machine-readable output: every app with its findings, paths relative to cwd. */
import type { Formatter } from './types.js';
import { relPath } from './util.js';

export const json: Formatter = (result, options) => {
  const doc = {
    tool: 'bg-doctor',
    version: options.version,
    root: relPath(options.cwd, result.root),
    summary: {
      apps: result.apps.length,
      errors: result.errorCount,
      warnings: result.warningCount,
      infos: result.infoCount,
      internalErrors: result.internalErrors,
      fixable: result.findings.filter((f) => f.fix).length,
    },
    apps: result.apps.map((a) => ({
      name: a.name,
      kinds: a.kinds,
      targetSdk: a.targetSdk,
      findings: a.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: relPath(options.cwd, f.file),
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        fix: f.fix ? { file: relPath(options.cwd, f.fix.file), description: f.fix.description, edits: f.fix.edits } : undefined,
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
};
