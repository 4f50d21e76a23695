/**
 * Byte-preserving edits of XML property lists the user owns: Info.plist,
 * `.entitlements`, PrivacyInfo.xcprivacy.
 *
 * A key path names dict keys from the root dict (`'UIBackgroundModes'` or
 * `['NSAppTransportSecurity', 'NSAllowsArbitraryLoads']`); missing dicts on
 * the way are created. New entries go at the end of their dict, new array
 * items at the end of their array, in the file's indentation; existing keys
 * keep their order, and values the edit does not target — `<real>` versus
 * `<integer>` included — keep their exact text. Every function returns the
 * new text (the input itself when nothing had to change) and throws a located
 * error for a malformed plist or a value of the wrong type on the path.
 */
import { plistString } from '../escape/index.js';
import { dictEntry, parsePlist, type PlistDict, type PlistDocument, type PlistEntry, type PlistValue } from '../parsers/plist.js';
import type { XmlNode } from '../parsers/xml.js';
import { EditError, mergeDeletions, runPlan, type TextEdit } from './edit.js';
import { appendChildren, collapse, detectStyle, emptiedBy, removal, render, type Layout, type NewElement } from './xml-layout.js';

/** A value to write: strings, booleans, integers (`<integer>`), other numbers (`<real>`), arrays and dicts. */
export type PlistInput = string | boolean | number | readonly PlistInput[] | { readonly [key: string]: PlistInput };

export type KeyPath = string | readonly string[];

export interface PlistOptions {
  /** The file's path, for error messages (`file:line:col`). */
  file?: string;
}

export interface RemoveOptions extends PlistOptions {
  /**
   * When the removal empties the array: remove its key too (for a key the
   * generator created), instead of collapsing the array to `<array/>` (the
   * inverse of expanding one).
   */
  dropEmpty?: boolean;
}

// ---------------------------------------------------------------- shared

/** One parse of the plist and what every operation needs from it. */
class Plist {
  readonly doc: PlistDocument;
  readonly root: PlistDict;
  readonly layout: Layout;

  constructor(
    readonly src: string,
    readonly file: string | undefined,
  ) {
    this.doc = parsePlist(src, file);
    if (this.doc.root.type !== 'dict') throw this.error(`the top-level value is <${this.doc.root.el.name}>, expected <dict>`, this.doc.root);
    this.root = this.doc.root;
    // Xcode writes tabs and `<true/>`; a file that shows another style keeps it.
    this.layout = { style: detectStyle(this.doc.xml, { unit: '\t', selfClose: '/>' }), attrs: { kind: 'inline' } };
  }

  error(reason: string, at: PlistValue): EditError {
    return new EditError(reason, this.doc.xml.position(at.el.start), this.file);
  }

  /**
   * Walk `path` through dicts. Returns the dict holding the last key and its
   * entry, or — when a dict on the way is missing — the deepest dict found and
   * the keys still to create under it.
   */
  walk(path: KeyPath): { dict: PlistDict; entry?: PlistEntry; missing: string[] } {
    const keys = typeof path === 'string' ? [path] : [...path];
    if (keys.length === 0) throw new EditError('empty key path', undefined, this.file);
    let dict = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      const e = dictEntry(dict, keys[i]!);
      if (!e) return { dict, missing: keys.slice(i) };
      if (e.value.type !== 'dict') throw this.error(`<key>${keys[i]}</key> holds <${e.value.el.name}>, expected <dict>`, e.value);
      dict = e.value;
    }
    const last = keys[keys.length - 1]!;
    const entry = dictEntry(dict, last);
    return entry ? { dict, entry, missing: [] } : { dict, missing: [last] };
  }

  /** Append `keys[0]` → (nested dicts for the other keys) → `value` to `dict`. */
  create(dict: PlistDict, keys: string[], value: PlistInput): TextEdit[] {
    let v = value;
    for (let i = keys.length - 1; i > 0; i--) v = { [keys[i]!]: v };
    return appendChildren(this.src, dict.el, entryElements(keys[0]!, v), this.layout);
  }

  /** Remove a key and its value. */
  removeEntry(e: PlistEntry): { start: number; end: number } {
    return removal(this.src, e.keyEl.start, e.value.el.end);
  }
}

/** A plist value as elements to insert. */
function element(v: PlistInput): NewElement {
  if (typeof v === 'string') return { name: 'string', content: plistString(v) };
  if (typeof v === 'boolean') return { name: v ? 'true' : 'false' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EditError(`${v} cannot be written in a property list`);
    return Number.isInteger(v) ? { name: 'integer', content: String(v) } : { name: 'real', content: String(v) };
  }
  if (Array.isArray(v)) return { name: 'array', children: v.map(element) };
  return { name: 'dict', children: Object.entries(v).flatMap(([k, x]) => entryElements(k, x)) };
}

function entryElements(key: string, v: PlistInput): NewElement[] {
  return [{ name: 'key', content: plistString(key) }, element(v)];
}

function same(old: PlistValue, v: PlistInput): boolean {
  switch (old.type) {
    case 'string':
      return typeof v === 'string' && old.value === v;
    case 'boolean':
      return typeof v === 'boolean' && old.value === v;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && old.value === v;
    case 'real':
      return typeof v === 'number' && !Number.isInteger(v) && old.value === v;
    default:
      return false;
  }
}

/**
 * Edits that make the scalar at `path` equal `value`: a new entry, or only the
 * text of the existing value. A value of another type is an error, not
 * something to overwrite.
 */
function planScalar(p: Plist, path: KeyPath, value: string | boolean, keep: (old: PlistValue) => boolean): TextEdit[] {
  const { dict, entry, missing } = p.walk(path);
  if (!entry) return p.create(dict, missing, value);
  const old = entry.value;
  if (same(old, value) || keep(old)) return [];
  if (old.type === 'string' && typeof value === 'string' && !old.el.selfClosing) {
    return [{ start: old.el.startTagEnd, end: old.el.closeStart, text: plistString(value) }];
  }
  if (old.type === 'boolean' && typeof value === 'boolean') {
    // `<true/>` → `<false/>`: only the name, so the file's own `/>` spacing stays.
    if (old.el.selfClosing) return [{ start: old.el.start + 1, end: old.el.start + 1 + old.el.name.length, text: String(value) }];
    return [{ start: old.el.start, end: old.el.end, text: render(element(value), '', p.layout) }];
  }
  if (old.type === 'string' && typeof value === 'string') {
    return [{ start: old.el.start, end: old.el.end, text: render(element(value), '', p.layout) }];
  }
  // Another type is the user's data, not a value to overwrite: say where it is.
  const want = typeof value === 'string' ? '<string>' : '<true/> or <false/>';
  throw p.error(`<key>${entry.key}</key> holds <${old.el.name}>, expected ${want}`, old);
}

/** Edits that append the strings of `values` missing from the array `key` of `dict` (creating it). */
function planArrayValues(p: Plist, dict: PlistDict, entry: PlistEntry | undefined, missing: string[], values: readonly string[]): TextEdit[] {
  const wanted = [...new Set(values)];
  if (!entry) return p.create(dict, missing, wanted);
  const arr = entry.value;
  if (arr.type !== 'array') throw p.error(`<key>${entry.key}</key> holds <${arr.el.name}>, expected <array>`, arr);
  const have = new Set(arr.items.flatMap((x) => (x.type === 'string' ? [x.value] : [])));
  const add = wanted.filter((v) => !have.has(v));
  return appendChildren(p.src, arr.el, add.map(element), p.layout);
}

/**
 * Deletions that remove `items` from the array of `entry`; when nothing else
 * is left in it, `ifEmpty` decides: drop the entry with its key, or
 * collapse the array to `<array/>`.
 */
function removeItems(p: Plist, entry: PlistEntry, items: PlistValue[], ifEmpty: 'drop' | 'collapse'): TextEdit[] {
  const arr = entry.value;
  if (items.length === 0) return [];
  if (emptiedBy(arr.el, new Set<XmlNode>(items.map((i) => i.el)))) {
    if (ifEmpty === 'collapse') return [collapse(arr.el, p.layout.style)];
    return mergeDeletions([p.removeEntry(entry)]);
  }
  return mergeDeletions(items.map((i) => removal(p.src, i.el.start, i.el.end)));
}

// ---------------------------------------------------------------- operations

/**
 * Ensure the string array at `path` holds `values`: the key and array are
 * created when missing, missing strings are appended, existing items keep
 * their order (UIBackgroundModes, BGTaskSchedulerPermittedIdentifiers).
 */
export function ensureArrayValues(src: string, path: KeyPath, values: readonly string[], opts: PlistOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { dict, entry, missing } = p.walk(path);
    return planArrayValues(p, dict, entry, missing, values);
  });
}

/** Remove the strings `values` from the array at `path` (absent key or values: nothing to do). */
export function removeArrayValues(src: string, path: KeyPath, values: readonly string[], opts: RemoveOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { entry } = p.walk(path);
    if (!entry) return [];
    if (entry.value.type !== 'array') throw p.error(`<key>${entry.key}</key> holds <${entry.value.el.name}>, expected <array>`, entry.value);
    const gone = entry.value.items.filter((x) => x.type === 'string' && values.includes(x.value));
    return removeItems(p, entry, gone, opts.dropEmpty ? 'drop' : 'collapse');
  });
}

/**
 * Set the string at `path` (a usage description, `aps-environment`). With
 * `keepExisting`, a non-empty string already there is the user's wording and
 * stays; otherwise only the text between `<string>` and `</string>` changes.
 */
export function setString(src: string, path: KeyPath, value: string, opts: PlistOptions & { keepExisting?: boolean } = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    return planScalar(p, path, value, (old) => !!opts.keepExisting && old.type === 'string' && old.value.trim() !== '');
  });
}

/** Set the boolean at `path` (`<true/>` / `<false/>`). */
export function setBoolean(src: string, path: KeyPath, value: boolean, opts: PlistOptions = {}): string {
  return runPlan(src, (text) => planScalar(new Plist(text, opts.file), path, value, () => false));
}

/**
 * Remove the key at `path` with its value. A dict left with nothing in it
 * collapses to `<dict/>` (the inverse of expanding one); dicts further up stay.
 */
export function removeKey(src: string, path: KeyPath, opts: PlistOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { dict, entry } = p.walk(path);
    if (!entry) return [];
    if (emptiedBy(dict.el, new Set<XmlNode>([entry.keyEl, entry.value.el]))) return [collapse(dict.el, p.layout.style)];
    return mergeDeletions([p.removeEntry(entry)]);
  });
}

/** Ensure dicts exist along `path` (the last key included), creating `<dict/>`s where missing. */
export function ensureDictPath(src: string, path: KeyPath, opts: PlistOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { dict, entry, missing } = p.walk(path);
    if (!entry) return p.create(dict, missing, {});
    if (entry.value.type !== 'dict') throw p.error(`<key>${entry.key}</key> holds <${entry.value.el.name}>, expected <dict>`, entry.value);
    return [];
  });
}

// ---------------------------------------------------------------- privacy manifest

const TYPES = 'NSPrivacyAccessedAPITypes';
const TYPE = 'NSPrivacyAccessedAPIType';
const REASONS = 'NSPrivacyAccessedAPITypeReasons';

/** The `NSPrivacyAccessedAPITypes` entry and the item dict for `category`, if any. */
function accessedAPI(p: Plist, category: string): { types?: PlistEntry; item?: PlistDict } {
  const types = dictEntry(p.root, TYPES);
  if (!types) return {};
  if (types.value.type !== 'array') throw p.error(`<key>${TYPES}</key> holds <${types.value.el.name}>, expected <array>`, types.value);
  const item = types.value.items.find((x): x is PlistDict => {
    const t = dictEntry(x, TYPE)?.value;
    return t?.type === 'string' && t.value === category;
  });
  return { types, item };
}

/**
 * PrivacyInfo.xcprivacy: ensure `NSPrivacyAccessedAPITypes` has an entry for
 * `category` (e.g. `NSPrivacyAccessedAPICategoryUserDefaults`) listing
 * `reasons` (e.g. `CA92.1`) — merged into an existing entry for that category.
 */
export function ensureAccessedAPI(src: string, category: string, reasons: readonly string[], opts: PlistOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { types, item } = accessedAPI(p, category);
    const entry = { [TYPE]: category, [REASONS]: [...new Set(reasons)] };
    if (!types) return p.create(p.root, [TYPES], [entry]);
    if (!item) return appendChildren(text, types.value.el, [element(entry)], p.layout);
    const r = dictEntry(item, REASONS);
    return planArrayValues(p, item, r, [REASONS], reasons);
  });
}

/**
 * Remove `reasons` from the entry for `category`; an entry left without
 * reasons is removed, and `dropEmpty` then removes an emptied
 * `NSPrivacyAccessedAPITypes` key (else it collapses to `<array/>`).
 */
export function removeAccessedAPI(src: string, category: string, reasons: readonly string[], opts: RemoveOptions = {}): string {
  return runPlan(src, (text) => {
    const p = new Plist(text, opts.file);
    const { types, item } = accessedAPI(p, category);
    if (!types || !item) return [];
    const r = dictEntry(item, REASONS);
    if (!r || r.value.type !== 'array') return [];
    const gone = r.value.items.filter((x) => x.type === 'string' && reasons.includes(x.value));
    if (gone.length === 0) return [];
    if (!emptiedBy(r.value.el, new Set<XmlNode>(gone.map((g) => g.el)))) return removeItems(p, r, gone, 'collapse');
    // The entry means nothing without reasons: remove the whole item dict.
    return removeItems(p, types, [item], opts.dropEmpty ? 'drop' : 'collapse');
  });
}
