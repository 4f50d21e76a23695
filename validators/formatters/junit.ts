/**
 * JUnit XML for CI test reports: one <testsuite> per app, one failing
 * <testcase> per error or warning (info findings are reported as passing cases
 * with <system-out>), and one passing case for a clean app.
 */
import type { Formatter } from './types.js';
import { relPath } from './util.js';

/** Escape text for XML attributes and content; characters XML 1.0 forbids become U+FFFD. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const junit: Formatter = (result, options) => {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const failures = result.findings.filter((f) => f.severity !== 'info').length;
  const tests = result.apps.reduce((n, a) => n + Math.max(1, a.findings.length), 0);
  out.push(`<testsuites name="bg-doctor" tests="${tests}" failures="${failures}" errors="${result.internalErrors}" time="${(result.durationMs / 1000).toFixed(3)}">`);
  for (const app of result.apps) {
    const f = app.findings.filter((x) => x.severity !== 'info').length;
    out.push(`  <testsuite name="${xmlEscape(app.name)}" tests="${Math.max(1, app.findings.length)}" failures="${f}" errors="0">`);
    if (!app.findings.length) out.push(`    <testcase name="bg-doctor" classname="${xmlEscape(app.name)}"/>`);
    for (const x of app.findings) {
      const file = relPath(options.cwd, x.file);
      const where = `${file}${x.line > 0 ? `:${x.line}:${x.column}` : ''}`;
      out.push(`    <testcase name="${xmlEscape(`${x.ruleId} ${where}`)}" classname="${xmlEscape(file)}" file="${xmlEscape(file)}"${x.line > 0 ? ` line="${x.line}"` : ''}>`);
      if (x.severity === 'info') out.push(`      <system-out>${xmlEscape(`info: ${x.message}`)}</system-out>`);
      else out.push(`      <failure message="${xmlEscape(x.message)}" type="${x.severity}">${xmlEscape(`${x.severity}: ${x.message} (${x.ruleId}) at ${where}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};
