import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { toPosix } from '../project/files.js';

export function relPath(cwd: string, file: string): string {
  const r = toPosix(relative(cwd, file));
  return r === '' ? '.' : r;
}

export function readFileOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
