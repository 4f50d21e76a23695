/**
 * Where a drift finding points: the element or key a planned contribution
 * concerns, in the user's file as it is now — an existing `<uses-permission>`
 * or component, else the `<manifest>` / `<application>` start tag where it
 * would go; a plist `<key>` (or its root `<dict>`); a JSON value (or its
 * nearest existing parent); else the line where the planner's edit starts.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { dictEntry, parsePlist, type PlistDocument } from '../../parsers/plist.js';
import { childElements, getAttrNS, lineStarts, parseXml, positionIn, type XmlDocument, type XmlElement } from '../../parsers/xml.js';
import type { ContributionChange } from '../../generator/engine.js';

const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

export interface At {
  line: number;
  column: number;
}

function pos(text: string, offset: number): At {
  return positionIn(lineStarts(text), offset);
}

/** The header line of a generated file (where its hash is), else line 1. */
export function locateHeader(text: string | undefined): At {
  if (text === undefined) return { line: 0, column: 0 };
  const i = text.indexOf('bg-service-hash:');
  return i >= 0 && i < 2000 ? { line: pos(text, i).line, column: 1 } : { line: 1, column: 1 };
}

const str = (d: Record<string, unknown>, k: string): string => String(d[k]);

/** The element or key `op` concerns in `text`, when its kind is one this knows. */
export function locateContribution(op: ContributionChange, text: string): At | undefined {
  try {
    return specific(op, text);
  } catch {
    return undefined; // a file the parser refuses: the caller's generic location
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): At {
  return pos(text, offset);
}

function specific(op: ContributionChange, text: string): At | undefined {
  const d = op.data;
  switch (op.kind) {
    case 'android-permission':
    case 'android-component': {
      const doc = parseXml(text);
      return manifestLocation(doc, op);
    }
    case 'ios-plist-array-value':
    case 'ios-plist-string':
    case 'ios-privacy-accessed-api': {
      const doc = parsePlist(text);
      const key = op.kind === 'ios-privacy-accessed-api' ? 'NSPrivacyAccessedAPITypes' : str(d, 'key');
      return plistLocation(doc, key, op.action === 'remove' && op.kind === 'ios-plist-array-value' ? str(d, 'value') : undefined);
    }
    case 'app-json-array-item':
    case 'app-json-value': {
      const path = Array.isArray(d.path) ? (d.path as Array<string | number>) : [];
      const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const tree = parseTree(text.slice(bom));
      if (!tree) return undefined;
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = n === 0 ? tree : findNodeAtLocation(tree, path.slice(0, n));
      if (op.kind === 'app-json-array-item' && op.action === 'remove' && node?.type === 'array') {
        const item = node.children?.find((c) => JSON.stringify(c.value) === JSON.stringify(d.value));
        if (item) node = item;
      }
      const target = node?.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
      return target ? pos(text, target.offset + bom) : undefined;
    }
    default:
      return undefined;
  }
}

function manifestLocation(doc: XmlDocument, op: ContributionChange): At | undefined {
  const root = doc.root;
  const at = (el: XmlElement) => doc.position(el.start);
  const pkg = root.attrs.find((a) => a.name === 'package')?.value;
  const full = (n: string) => (pkg && n.startsWith('.') ? pkg + n : pkg && !n.includes('.') ? `${pkg}.${n}` : n);
  const nameOf = (el: XmlElement) => getAttrNS(el, ANDROID_NS, 'name')?.value;
  if (op.kind === 'android-permission') {
    const name = str(op.data, 'name');
    const existing = childElements(root, 'uses-permission').find((e) => nameOf(e) === name);
    return at(existing ?? root);
  }
  const spec = (op.data as { spec?: { tag?: string; name?: string } }).spec ?? {};
  const app = childElements(root, 'application')[0];
  const existing = app && spec.tag && spec.name ? childElements(app, spec.tag).find((e) => full(nameOf(e) ?? '') === full(spec.name!)) : undefined;
  return at(existing ?? app ?? root);
}

function plistLocation(doc: PlistDocument, key: string, item: string | undefined): At | undefined {
  const entry = dictEntry(doc.root, key);
  if (entry && item !== undefined && entry.value.type === 'array') {
    const el = entry.value.items.find((v) => v.type === 'string' && v.value === item)?.el;
    if (el) return doc.xml.position(el.start);
  }
  return doc.xml.position((entry?.keyEl ?? doc.root.el).start);
}
