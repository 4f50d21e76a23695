/**
 * GitHub Actions workflow commands: one annotation per finding,
 * `::error file=…,line=…,col=…,title=…::message` (warning → ::warning, info → ::notice).
 * Property values escape % CR LF : , and messages escape % CR LF, as the runner requires.
 */
import type { Formatter } from './types.js';
import { relPath } from './util.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export const github: Formatter = (result, options) => {
  const lines = result.findings.map((f) => {
    const props = [`file=${escapeProperty(relPath(options.cwd, f.file))}`];
    if (f.line > 0) {
      props.push(`line=${f.line}`);
      if (f.column > 0) props.push(`col=${f.column}`);
      if (f.endLine && f.endLine >= f.line) props.push(`endLine=${f.endLine}`);
    }
    props.push(`title=${escapeProperty(`bg-doctor ${f.ruleId}`)}`);
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
};
