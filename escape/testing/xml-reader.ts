/**
 * Reading generated XML back with real parsers: saxes (in process) and
 * Python's expat-based ElementTree / plistlib (the strict parsers the project
 * checks plists with) in one batched subprocess.
 */
import { SaxesParser } from 'saxes';
import { run } from './toolchains.js';

export interface Parsed {
  /** Attributes of the root element, decoded. */
  attributes: Record<string, string>;
  /** The decoded text of every element without child elements, in document order. */
  leafTexts: string[];
}

/** Parse a whole document with saxes; throws on any well-formedness error. */
export function parseWithSaxes(doc: string): Parsed {
  const parser = new SaxesParser();
  const result: Parsed = { attributes: {}, leafTexts: [] };
  // One entry per open element: its text so far, or null once it has a child element.
  const open: Array<string | null> = [];
  parser.on('opentag', (tag) => {
    if (open.length === 0) result.attributes = tag.attributes as Record<string, string>;
    else open[open.length - 1] = null;
    open.push('');
  });
  parser.on('text', (t) => {
    const top = open.length - 1;
    if (top >= 0 && open[top] !== null) open[top] += t;
  });
  parser.on('closetag', () => {
    const text = open.pop();
    if (text !== null && text !== undefined) result.leafTexts.push(text);
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(doc).close();
  return result;
}

/**
 * Run a Python snippet that reads the UTF-8 document on stdin and prints JSON
 * on stdout; returns the parsed JSON. Throws with Python's message on failure.
 */
export function python<T>(script: string, stdin: string): T {
  const r = run('python3', ['-c', script], { input: stdin });
  if (r.status !== 0) throw new Error(`python3 failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
