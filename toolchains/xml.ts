/**
 * verifyXml: well-formedness, namespaces included (an undeclared `android:`
 * prefix is an error), with saxes; every error located at line:column.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { type CheckResult, type Diagnostic, finish } from './common.js';

/** Check a string of XML; `file` only names it in the diagnostics. */
export function xmlProblems(text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (err: Error) => {
    out.push({
      file,
      line: parser.line,
      column: Math.max(1, parser.column),
      severity: 'error',
      message: err.message.replace(/^\d+:\d+: /, ''),
      tool: 'saxes',
    });
  });
  parser.write(text.startsWith('\uFEFF') ? text.slice(1) : text).close();
  return out;
}

/** Verify one XML file is well-formed. */
export async function verifyXml(file: string): Promise<CheckResult> {
  const start = performance.now();
  const abs = resolve(file);
  return finish(xmlProblems(await readFile(abs, 'utf8'), abs), start);
}
