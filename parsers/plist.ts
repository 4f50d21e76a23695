/**
 * A strict, located reader of XML property lists (Info.plist, entitlements,
 * PrivacyInfo.xcprivacy, launchd agents) on top of parsers/xml.ts.
 *
 * Strict like Python's plistlib: a `<key>` without a value, an unknown tag,
 * a malformed integer or date is an error at its exact location. Every value
 * keeps its element so findings can point at a line and editors can splice.
 */
import { childElements, parseXml, textContent, XmlParseError, type XmlDocument, type XmlElement } from './xml.js';

export type PlistValue =
  | { type: 'dict'; entries: PlistEntry[]; el: XmlElement }
  | { type: 'array'; items: PlistValue[]; el: XmlElement }
  | { type: 'string'; value: string; el: XmlElement }
  | { type: 'integer'; value: number; raw: string; el: XmlElement }
  | { type: 'real'; value: number; raw: string; el: XmlElement }
  | { type: 'boolean'; value: boolean; el: XmlElement }
  | { type: 'date'; value: string; el: XmlElement }
  | { type: 'data'; value: string; el: XmlElement };

export type PlistDict = Extract<PlistValue, { type: 'dict' }>;
export type PlistArray = Extract<PlistValue, { type: 'array' }>;

export interface PlistEntry {
  key: string;
  keyEl: XmlElement;
  value: PlistValue;
}

export interface PlistDocument {
  xml: XmlDocument;
  /** The `<plist>` element. */
  plistEl: XmlElement;
  root: PlistValue;
}

export class PlistParseError extends XmlParseError {
  constructor(message: string, offset: number, position: { line: number; column: number }, file?: string) {
    super(message, offset, position, file);
    this.name = 'PlistParseError';
  }
}

const MAX_DEPTH = 2048;
const INTEGER = /^[+-]?(?:\d+|0x[0-9a-fA-F]+)$/;
const REAL = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function parsePlist(source: string, file?: string): PlistDocument {
  if (source.startsWith('bplist')) {
    throw new PlistParseError(
      'this is a binary property list; convert it to XML first (plutil -convert xml1 <file>)',
      0,
      { line: 1, column: 1 },
      file,
    );
  }
  const xml = parseXml(source, file);
  const fail = (message: string, el: XmlElement): never => {
    throw new PlistParseError(message, el.start, xml.position(el.start), file);
  };

  const plistEl = xml.root;
  if (plistEl.name !== 'plist') fail(`the root element is <${plistEl.name}>, expected <plist>`, plistEl);
  const top = childElements(plistEl);
  if (top.length !== 1) fail(`<plist> must hold exactly one value, found ${top.length}`, plistEl);
  noStrayText(plistEl);

  function noStrayText(el: XmlElement) {
    for (const c of el.children) {
      if (c.type === 'text' && c.value.trim() !== '') {
        throw new PlistParseError(`unexpected text inside <${el.name}>`, c.start, xml.position(c.start), file);
      }
    }
  }

  function leaf(el: XmlElement): string {
    if (childElements(el).length) fail(`<${el.name}> cannot contain elements`, el);
    return textContent(el);
  }

  // Real property lists nest a handful of levels; a hostile one could nest
  // deep enough to exhaust the stack, so depth is bounded and reported (one
  // stack frame per level: no callbacks between a value and its children).
  function value(el: XmlElement, depth: number): PlistValue {
    if (depth > MAX_DEPTH) fail(`values are nested more than ${MAX_DEPTH} levels deep`, el);
    switch (el.name) {
      case 'dict': {
        noStrayText(el);
        const kids = childElements(el);
        const entries: PlistEntry[] = [];
        const seen = new Map<string, XmlElement>();
        for (let k = 0; k < kids.length; k += 2) {
          const keyEl = kids[k]!;
          if (keyEl.name !== 'key') fail(`expected <key> in <dict>, found <${keyEl.name}>`, keyEl);
          const key = leaf(keyEl);
          const valEl = kids[k + 1];
          if (!valEl || valEl.name === 'key') fail(`<key>${key}</key> has no value`, keyEl);
          if (seen.has(key)) {
            const first = xml.position(seen.get(key)!.start);
            fail(`duplicate key ${key} (first at line ${first.line})`, keyEl);
          }
          seen.set(key, keyEl);
          entries.push({ key, keyEl, value: value(valEl!, depth + 1) });
        }
        return { type: 'dict', entries, el };
      }
      case 'array': {
        noStrayText(el);
        const items: PlistValue[] = [];
        for (const child of childElements(el)) items.push(value(child, depth + 1));
        return { type: 'array', items, el };
      }
      case 'string':
        return { type: 'string', value: leaf(el), el };
      case 'integer': {
        const raw = leaf(el).trim();
        if (!INTEGER.test(raw)) fail(`<integer> holds "${raw}", not an integer`, el);
        // Number() reads '0x1F' but not '-0x1F' or '+0x1F': apply the sign by hand.
        const hex = /^([+-]?)0x([0-9a-fA-F]+)$/.exec(raw);
        const value = hex ? (hex[1] === '-' ? -1 : 1) * parseInt(hex[2]!, 16) : Number(raw);
        return { type: 'integer', value, raw, el };
      }
      case 'real': {
        const raw = leaf(el).trim();
        if (!REAL.test(raw)) fail(`<real> holds "${raw}", not a number`, el);
        return { type: 'real', value: Number(raw), raw, el };
      }
      case 'true':
      case 'false':
        if (!el.selfClosing && leaf(el).trim() !== '') fail(`<${el.name}/> must be empty`, el);
        return { type: 'boolean', value: el.name === 'true', el };
      case 'date': {
        const raw = leaf(el).trim();
        if (!DATE.test(raw)) fail(`<date> holds "${raw}", expected YYYY-MM-DDTHH:MM:SSZ`, el);
        return { type: 'date', value: raw, el };
      }
      case 'data': {
        const raw = leaf(el).replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) fail('<data> is not valid base64', el);
        return { type: 'data', value: raw, el };
      }
      default:
        return fail(`<${el.name}> is not a property-list element`, el);
    }
  }

  return { xml, plistEl, root: value(top[0]!, 1) };
}

// ---------------------------------------------------------------- queries

export function dictEntry(dict: PlistValue | undefined, key: string): PlistEntry | undefined {
  if (!dict || dict.type !== 'dict') return undefined;
  return dict.entries.find((e) => e.key === key);
}

export function dictGet(dict: PlistValue | undefined, key: string): PlistValue | undefined {
  return dictEntry(dict, key)?.value;
}

/** The strings of an array value (non-strings skipped), or [] when absent. */
export function stringArray(v: PlistValue | undefined): string[] {
  if (!v || v.type !== 'array') return [];
  return v.items.flatMap((x) => (x.type === 'string' ? [x.value] : []));
}

/** A plain JS view of a value (for tests and JSON output). */
export function toPlain(v: PlistValue): unknown {
  switch (v.type) {
    case 'dict':
      return Object.fromEntries(v.entries.map((e) => [e.key, toPlain(e.value)]));
    case 'array':
      return v.items.map(toPlain);
    default:
      return v.value;
  }
}
