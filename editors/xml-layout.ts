/**
 * Inserting and removing elements and attributes in an XML file (a manifest
 * or a property list) the way the file itself is written: its indentation
 * unit, line endings, `/>` versus ` />`, and attribute layout (all on the tag
 * line, one per line, or aligned under the first). Both XML editors build on
 * this; neither knows about lines or indentation on its own.
 */
import { xmlAttr } from '../escape/index.js';
import { namespaceOf, type XmlAttr, type XmlDocument, type XmlElement, type XmlNode } from '../parsers/xml.js';
import type { TextEdit } from './edit.js';
import {
  detectIndentUnit,
  insertLinesAfter,
  insertLinesBefore,
  lineEnd,
  lineIndent,
  lineStart,
  ownLines,
  startsLine,
  type Eol,
} from './text.js';

export interface XmlStyle {
  /** One level of indentation: '\t', '    ', '  ', … */
  unit: string;
  eol: Eol;
  /** How the file closes empty elements. */
  selfClose: '/>' | ' />';
}

/**
 * How a new element with two or more attributes is laid out: all on the tag
 * line; one per line, each indented `offset` past the element (Android
 * Studio's style); or the first on the tag line and the rest aligned under it.
 */
export type AttrLayout = { kind: 'inline' } | { kind: 'stacked'; offset: string } | { kind: 'aligned' };

/** A new element to write. Attribute values are raw (escaped here); `content` is already escaped text. */
export interface NewElement {
  name: string;
  attrs?: ReadonlyArray<readonly [string, string]>;
  content?: string;
  children?: readonly NewElement[];
}

export interface Layout {
  style: XmlStyle;
  attrs: AttrLayout;
}

/**
 * Every element below `root`, in document order. Iterative (an explicit
 * stack, each element pushed and popped once), so it is linear in the number
 * of elements and cannot exhaust the call stack however deep the nesting; a
 * recursive generator (`yield*` per level) costs O(depth) per element, which
 * is quadratic on a deeply nested file.
 */
export function elementsOf(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const pushChildren = (el: XmlElement) => {
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 'element') stack.push(c);
    }
  };
  pushChildren(root);
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    pushChildren(el);
  }
  return out;
}

/**
 * Line lookups for many offsets of one text, each O(log lines) instead of a
 * scan back to the line start (which is O(column): quadratic over all the
 * elements of a file written on one line). Agrees with `lineStart`,
 * `lineIndent` and `startsLine` of text.ts.
 */
export class LineIndex {
  /** Offsets where a line starts: 0 and after every `\r` or `\n` (as `lineStart` counts them). */
  private readonly starts: number[] = [0];
  /** Per line: the end of its leading spaces and tabs. */
  private readonly indentEnds: number[] = [];

  constructor(private readonly src: string) {
    for (let i = 0; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
    for (const s of this.starts) {
      let e = s;
      while (e < src.length && (src.charCodeAt(e) === 32 || src.charCodeAt(e) === 9)) e++;
      this.indentEnds.push(e);
    }
  }

  private line(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(at: number): number {
    return this.starts[this.line(at)]!;
  }

  lineIndent(at: number): string {
    const l = this.line(at);
    return this.src.slice(this.starts[l]!, this.indentEnds[l]!);
  }

  startsLine(at: number): boolean {
    return this.indentEnds[this.line(at)]! >= at;
  }
}

/** The file's indentation unit, line ending and self-closing style. */
export function detectStyle(doc: XmlDocument, defaults: { unit: string; selfClose: '/>' | ' />' }): XmlStyle {
  const src = doc.source;
  const pairs: Array<[string, string]> = [];
  let spaced = 0;
  let tight = 0;
  const lines = new LineIndex(src);
  for (const el of elementsOf(doc.root)) {
    if (el.parent && lines.startsLine(el.start)) pairs.push([lines.lineIndent(el.parent.start), lines.lineIndent(el.start)]);
    if (el.selfClosing) {
      if (/\s/.test(src[el.end - 3] ?? '')) spaced++;
      else tight++;
    }
  }
  return {
    unit: detectIndentUnit(pairs, defaults.unit),
    eol: doc.eol,
    selfClose: spaced > tight ? ' />' : tight > spaced ? '/>' : defaults.selfClose,
  };
}

/**
 * The attribute layout of the first group (in priority order, e.g. same tag,
 * then siblings, then the whole file) that has elements with two or more
 * attributes; the majority of that group wins, ties go to the last one seen.
 */
export function detectAttrLayout(src: string, groups: ReadonlyArray<Iterable<XmlElement>>, unit: string): AttrLayout {
  let index: LineIndex | undefined;
  for (const group of groups) {
    const kinds = new Map<AttrLayout['kind'], number>();
    const offsets = new Map<string, number>();
    let last: AttrLayout | undefined;
    for (const el of group) {
      if (el.attrs.length < 2) continue;
      const layout = classify(src, el, unit, (index ??= new LineIndex(src)));
      if (!layout) continue;
      kinds.set(layout.kind, (kinds.get(layout.kind) ?? 0) + 1);
      if (layout.kind === 'stacked') offsets.set(layout.offset, (offsets.get(layout.offset) ?? 0) + 1);
      last = layout;
    }
    if (!last) continue;
    let winner = last.kind;
    for (const [kind, n] of kinds) if (n > kinds.get(winner)!) winner = kind;
    if (winner !== 'stacked') return { kind: winner };
    // A pasted block indented differently should not win a tie against the file's own unit.
    let offset = unit;
    for (const [o, n] of offsets) if (n > (offsets.get(offset) ?? 0)) offset = o;
    return { kind: 'stacked', offset };
  }
  return { kind: 'inline' };
}

function classify(src: string, el: XmlElement, unit: string, lines: LineIndex): AttrLayout | undefined {
  const attrs = el.attrs;
  if (attrs.length < 2) return undefined;
  const tagLine = lines.lineStart(el.start);
  if (attrs.every((a) => lines.lineStart(a.start) === tagLine)) return { kind: 'inline' };
  const rest = attrs.slice(1).every((a) => lines.startsLine(a.start));
  if (rest && lines.startsLine(attrs[0]!.start)) {
    const own = lines.lineIndent(el.start);
    const attrIndent = lines.lineIndent(attrs[0]!.start);
    const offset = attrIndent.startsWith(own) && attrIndent.length > own.length ? attrIndent.slice(own.length) : unit;
    return { kind: 'stacked', offset };
  }
  if (rest && lines.lineStart(attrs[0]!.start) === tagLine) return { kind: 'aligned' };
  return undefined;
}

/** `el` as text starting at column `indent` (the first line's indent is not included). */
export function render(el: NewElement, indent: string, layout: Layout, compact = false): string {
  const { style } = layout;
  const attrs = (el.attrs ?? []).map(([n, v]) => `${n}="${xmlAttr(v)}"`);
  let open = `<${el.name}`;
  if (compact || attrs.length < 2 || layout.attrs.kind === 'inline') {
    for (const a of attrs) open += ` ${a}`;
  } else if (layout.attrs.kind === 'stacked') {
    for (const a of attrs) open += `${style.eol}${indent}${layout.attrs.offset}${a}`;
  } else {
    const under = indent + ' '.repeat(el.name.length + 2);
    attrs.forEach((a, i) => (open += i === 0 ? ` ${a}` : `${style.eol}${under}${a}`));
  }
  const kids = el.children ?? [];
  if (kids.length === 0 && el.content === undefined) return open + style.selfClose;
  if (kids.length === 0) return `${open}>${el.content}</${el.name}>`;
  if (compact) return `${open}>${kids.map((k) => render(k, '', layout, true)).join('')}</${el.name}>`;
  const inner = indent + style.unit;
  return `${open}>${style.eol}${lines(kids, inner, layout)}${style.eol}${indent}</${el.name}>`;
}

/** Elements rendered one per line at `indent` (first line's indent included), joined by the file's line ending. */
function lines(els: readonly NewElement[], indent: string, layout: Layout): string {
  return els.map((e) => indent + render(e, indent, layout)).join(layout.style.eol);
}

function isBlank(n: XmlNode): boolean {
  return n.type === 'text' && !n.cdata && n.value.trim() === '';
}

/** The indentation new children of `parent` take: their siblings', else one unit past the parent. */
export function childIndent(src: string, parent: XmlElement, style: XmlStyle, which: 'first' | 'last' = 'last'): string {
  const kids = parent.children.filter((c) => c.type === 'element' && startsLine(src, c.start));
  const sibling = which === 'first' ? kids[0] : kids[kids.length - 1];
  return sibling ? lineIndent(src, sibling.start) : lineIndent(src, parent.start) + style.unit;
}

/** Where an element's start tag content ends: after its last attribute, or its name. */
function afterAttrs(el: XmlElement): number {
  const last = el.attrs[el.attrs.length - 1];
  return last ? last.end : el.start + 1 + el.name.length;
}

/** Edits that add `els` as the last children of `parent` (expanding `<x/>` and `<x></x>`). */
export function appendChildren(src: string, parent: XmlElement, els: readonly NewElement[], layout: Layout): TextEdit[] {
  if (els.length === 0) return [];
  const { style } = layout;
  const own = lineIndent(src, parent.start);
  if (parent.selfClosing) {
    const text = `>${style.eol}${lines(els, own + style.unit, layout)}${style.eol}${own}</${parent.name}>`;
    return [{ start: afterAttrs(parent), end: parent.end, text }];
  }
  if (startsLine(src, parent.closeStart)) {
    return [insertLinesBefore(src, parent.closeStart, lines(els, childIndent(src, parent, style), layout), style.eol)];
  }
  if (parent.children.every(isBlank)) {
    const text = `${style.eol}${lines(els, own + style.unit, layout)}${style.eol}${own}`;
    return [{ start: parent.startTagEnd, end: parent.closeStart, text }];
  }
  // The parent's content shares a line with its close tag: stay on that line.
  return [{ start: parent.closeStart, end: parent.closeStart, text: els.map((e) => render(e, '', layout, true)).join('') }];
}

/** What may follow a node on its line for a new line to go after that line: space and whole comments. */
const REST_OF_LINE = /^(?:[ \t]|<!--(?:(?!-->)[^])*-->)*$/;

/** Edits that add `els` as the first children of `parent`. */
export function prependChildren(src: string, parent: XmlElement, els: readonly NewElement[], layout: Layout): TextEdit[] {
  if (els.length === 0) return [];
  if (parent.selfClosing || parent.children.every(isBlank)) return appendChildren(src, parent, els, layout);
  if (REST_OF_LINE.test(src.slice(parent.startTagEnd, lineEnd(src, parent.startTagEnd)))) {
    const indent = childIndent(src, parent, layout.style, 'first');
    return [insertLinesAfter(src, parent.startTagEnd, lines(els, indent, layout), layout.style.eol)];
  }
  return [{ start: parent.startTagEnd, end: parent.startTagEnd, text: els.map((e) => render(e, '', layout, true)).join('') }];
}

/** Edits that add `els` as the next siblings of `node` (on the lines after its line, comments on that line stay on it). */
export function insertAfter(src: string, node: XmlElement, els: readonly NewElement[], layout: Layout): TextEdit[] {
  if (els.length === 0) return [];
  if (REST_OF_LINE.test(src.slice(node.end, lineEnd(src, node.end)))) {
    const indent = startsLine(src, node.start) || !node.parent ? lineIndent(src, node.start) : childIndent(src, node.parent, layout.style);
    return [insertLinesAfter(src, node.end, lines(els, indent, layout), layout.style.eol)];
  }
  return [{ start: node.end, end: node.end, text: els.map((e) => render(e, '', layout, true)).join('') }];
}

/**
 * The deletion of `[start, end)` (one element, or a plist key and its value):
 * its whole lines when it sits alone on them, else just the span, so a
 * comment or another element sharing the line is never touched (a comment
 * that followed it keeps its place, without the space that separated them).
 */
export function removal(src: string, start: number, end: number): { start: number; end: number } {
  const lines = ownLines(src, start, end);
  if (lines) return lines;
  const rest = src.slice(end, lineEnd(src, end));
  const gap = /^[ \t]*/.exec(rest)![0].length;
  return startsLine(src, start) && gap < rest.length && REST_OF_LINE.test(rest) ? { start, end: end + gap } : { start, end };
}

/** True when removing `gone` leaves nothing in `parent` but whitespace. */
export function emptiedBy(parent: XmlElement, gone: ReadonlySet<XmlNode>): boolean {
  return parent.children.every((c) => gone.has(c) || isBlank(c));
}

/** `<x …>whitespace</x>` → `<x …/>` (the inverse of expanding a self-closing element). */
export function collapse(el: XmlElement, style: XmlStyle): TextEdit {
  return { start: afterAttrs(el), end: el.end, text: style.selfClose };
}

/**
 * Add an attribute after the element's last one, the way that one is placed:
 * on its own line with its indentation when it starts a line, else after a space.
 */
export function addAttribute(src: string, el: XmlElement, name: string, value: string, style: XmlStyle): TextEdit {
  const last = el.attrs[el.attrs.length - 1];
  const attr = `${name}="${xmlAttr(value)}"`;
  const at = afterAttrs(el);
  if (last && startsLine(src, last.start)) return { start: at, end: at, text: `${style.eol}${lineIndent(src, last.start)}${attr}` };
  return { start: at, end: at, text: ` ${attr}` };
}

/** Replace only the value between the quotes (none when the decoded value is already `value`). */
export function setAttribute(attr: XmlAttr, value: string): TextEdit[] {
  if (attr.value === value) return [];
  return [{ start: attr.valueStart, end: attr.valueEnd, text: xmlAttr(value, attr.quote) }];
}

/** Remove an attribute with the whitespace before it (the inverse of `addAttribute`). */
export function removeAttribute(el: XmlElement, attr: XmlAttr): TextEdit {
  const i = el.attrs.indexOf(attr);
  const from = i > 0 ? el.attrs[i - 1]!.end : el.start + 1 + el.name.length;
  return { start: from, end: attr.end, text: '' };
}

/** A prefix bound to `uri` where `el` is, if any. */
export function prefixFor(el: XmlElement, uri: string): string | undefined {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    for (const a of e.attrs) {
      if (!a.name.startsWith('xmlns:') || a.value !== uri) continue;
      const prefix = a.name.slice(6);
      if (namespaceOf(el, prefix) === uri) return prefix;
    }
  }
  return undefined;
}

/**
 * The prefix for `uri` on the root element, declaring it (as `preferred`, or
 * `preferred2`… when that prefix is taken) only when the file has none.
 */
export function ensureNamespace(src: string, root: XmlElement, uri: string, preferred: string, style: XmlStyle): { prefix: string; edits: TextEdit[] } {
  const bound = prefixFor(root, uri);
  if (bound !== undefined) return { prefix: bound, edits: [] };
  let prefix = preferred;
  for (let n = 2; namespaceOf(root, prefix) !== undefined; n++) prefix = `${preferred}${n}`;
  return { prefix, edits: [addAttribute(src, root, `xmlns:${prefix}`, uri, style)] };
}
