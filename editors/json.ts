/**
 * Byte-preserving edits of JSON files the user owns: Tauri capabilities,
 * tauri.conf.json, capacitor.config.json.
 *
 * Parsed with jsonc-parser (comments and trailing commas allowed, as in
 * JSONC), but not edited with its `modify`: that re-formats the neighbours of
 * an edit, moves trailing comments onto other lines and drops comments of
 * removed properties. Instead new items and properties are spliced in as new
 * lines after the last one (in the file's indentation, line endings and
 * trailing-comma style) or inline in a one-line array, and removals take
 * exactly the lines (or the span and one comma) that an insertion adds.
 *
 * Limits: JSON5 beyond comments and trailing commas (unquoted keys, single
 * quotes, hex numbers, …) is a located syntax error. `setValue` on an object
 * or array replaces that whole value (comments inside it go); target a deeper
 * path to keep its other members. A BOM is kept.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { jsonString } from '../escape/index.js';
import { lineStarts, positionIn } from '../parsers/xml.js';
import { EditError, mergeDeletions, runPlan, type TextEdit } from './edit.js';
import { detectEol, detectIndentUnit, insertLinesAfter, insertLinesBefore, lineEnd, lineIndent, lineStart, ownLines, startsLine, type Eol } from './text.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonPath = readonly (string | number)[];

export interface JsonOptions {
  /** The file's path, for error messages (`file:line:col`). */
  file?: string;
}

export interface RemoveOptions extends JsonOptions {
  /**
   * When the removal empties the array: remove its property too (for a key
   * the generator created), instead of collapsing the array to `[]`.
   */
  dropEmpty?: boolean;
}

/** A syntax error in a JSON file, at its line and column (a BOM is not counted). */
export class JsonParseError extends EditError {
  constructor(reason: string, at: { line: number; column: number }, file?: string) {
    super(reason, at, file);
    this.name = 'JsonParseError';
  }
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** One parse of the JSON text (without its BOM) and what every operation needs from it. */
class Json {
  readonly root: Node;
  readonly unit: string;
  readonly eol: Eol;
  private starts?: number[];

  constructor(
    /** The text without its BOM; edits are offsets into it. */
    readonly src: string,
    readonly file: string | undefined,
  ) {
    const errors: ParseError[] = [];
    const root = parseTree(src, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      const code = printParseErrorCode(first.error);
      throw new JsonParseError(PARSE_MESSAGES[code] ?? code, this.position(first.offset), file);
    }
    if (!root) throw new JsonParseError('the file holds no JSON value', { line: 1, column: 1 }, file);
    this.root = root;
    this.eol = detectEol(src);
    const pairs: Array<[string, string]> = [];
    const visit = (n: Node) => {
      for (const c of n.children ?? []) {
        if ((n.type === 'object' || n.type === 'array') && startsLine(src, c.offset)) pairs.push([lineIndent(src, n.offset), lineIndent(src, c.offset)]);
        visit(c);
      }
    };
    visit(root);
    this.unit = detectIndentUnit(pairs, '  ');
  }

  position(offset: number) {
    return positionIn((this.starts ??= lineStarts(this.src)), offset);
  }

  error(reason: string, at: Node): EditError {
    return new EditError(reason, this.position(at.offset), this.file);
  }

  /** `value` as JSON text starting at column `indent`; arrays and objects one member per line. */
  render(value: JsonValue, indent: string): string {
    if (value === null || typeof value === 'boolean') return String(value);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new EditError(`${value} cannot be written in JSON`, undefined, this.file);
      return JSON.stringify(value);
    }
    if (typeof value === 'string') return jsonString(value);
    const inner = indent + this.unit;
    const members = Array.isArray(value)
      ? value.map((v) => inner + this.render(v, inner))
      : Object.entries(value).map(([k, v]) => `${inner}${jsonString(k)}: ${this.render(v, inner)}`);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    return members.length ? `${open}${this.eol}${members.join(`,${this.eol}`)}${this.eol}${indent}${close}` : open + close;
  }

  /** Offset of the ',' after `at` (skipping space and comments), if the next token is one. */
  commaAfter(at: number): number | undefined {
    const s = this.src;
    let i = at;
    for (;;) {
      while (i < s.length && /\s/.test(s[i]!)) i++;
      if (s.startsWith('//', i)) i = lineEnd(s, i);
      else if (s.startsWith('/*', i) && s.includes('*/', i + 2)) i = s.indexOf('*/', i + 2) + 2;
      else return s[i] === ',' ? i : undefined;
    }
  }

  /** Edits that append `members` (rendered at the members' indentation by `text`) to an array or object. */
  append(container: Node, members: ReadonlyArray<(indent: string) => string>): TextEdit[] {
    const s = this.src;
    const open = container.offset;
    const close = container.offset + container.length - 1;
    const kids = container.children ?? [];
    const last = kids[kids.length - 1];
    if (!last) {
      const indent = lineIndent(s, open) + this.unit;
      const texts = members.map((m) => m(indent));
      if (startsLine(s, close) && lineStart(s, close) > lineStart(s, open)) {
        return [insertLinesBefore(s, close, texts.map((t) => indent + t).join(`,${this.eol}`), this.eol)];
      }
      // `[]` stays on its line for one-line items (and a comment inside stays put); `{}` opens up.
      const blank = /^\s*$/.test(s.slice(open + 1, close));
      if (!blank || (container.type === 'array' && texts.every((t) => !/[\r\n]/.test(t)))) {
        return [{ start: close, end: close, text: texts.join(', ') }];
      }
      const body = texts.map((t) => indent + t).join(`,${this.eol}`);
      return [{ start: open + 1, end: close, text: `${this.eol}${body}${this.eol}${lineIndent(s, open)}` }];
    }
    const end = last.offset + last.length;
    const comma = this.commaAfter(end);
    const afterLast = comma === undefined ? end : comma + 1;
    const restBlank = /^\s*(?:\/\/.*|\/\*(?:(?!\*\/).)*\*\/\s*)*$/.test(s.slice(afterLast, lineEnd(s, afterLast)));
    if (lineStart(s, close) !== lineStart(s, end) && restBlank) {
      const indent = startsLine(s, last.offset) ? lineIndent(s, last.offset) : lineIndent(s, open) + this.unit;
      const body = members.map((m) => indent + m(indent)).join(`,${this.eol}`) + (comma === undefined ? '' : ',');
      const edits = [insertLinesAfter(s, afterLast, body, this.eol)];
      if (comma === undefined) edits.unshift({ start: end, end, text: ',' });
      return edits;
    }
    // A one-line container: continue the line with the separator it uses.
    const sep = kids.length > 1 && /^[ \t]*,[ \t]*$/.test(s.slice(kids[0]!.offset + kids[0]!.length, kids[1]!.offset)) ? s.slice(kids[0]!.offset + kids[0]!.length, kids[1]!.offset) : ', ';
    return [{ start: end, end, text: members.map((m) => sep + m(lineIndent(s, open) + this.unit)).join('') }];
  }

  /**
   * Deletions that remove `gone` (children of `container`): whole lines for a
   * member alone on its lines, or the member and its comma when a comment
   * follows it on its line (with the comma before it when it was the last one
   * without a trailing comma); in a one-line container, its span with one comma.
   */
  removeMembers(container: Node, gone: ReadonlySet<Node>): Array<{ start: number; end: number }> {
    const s = this.src;
    const kids = container.children ?? [];
    const kept = kids.filter((k) => !gone.has(k));
    const lastKept = kept[kept.length - 1];
    const out: Array<{ start: number; end: number }> = [];
    kids.forEach((k, i) => {
      if (!gone.has(k)) return;
      const end = k.offset + k.length;
      const comma = this.commaAfter(end);
      const through = comma === undefined ? end : comma + 1;
      // A comment after the member on its line is the user's: it stays, on its own line.
      const commented = startsLine(s, k.offset) && /^[ \t]*(?:\/\/.*|\/\*(?:(?!\*\/).)*\*\/[ \t]*)$/.test(s.slice(through, lineEnd(s, through)));
      const gap = /^[ \t]*/.exec(s.slice(through))![0].length;
      const lines = ownLines(s, k.offset, through) ?? (commented ? { start: k.offset, end: through + gap } : undefined);
      const isLast = i === kids.length - 1;
      if (lines) {
        out.push(lines);
        if (isLast && comma === undefined && lastKept) {
          const c = this.commaAfter(lastKept.offset + lastKept.length);
          if (c !== undefined) out.push({ start: c, end: c + 1 });
        }
      } else if (!isLast) {
        out.push({ start: k.offset, end: kids[i + 1]!.offset });
      } else if (lastKept) {
        out.push({ start: lastKept.offset + lastKept.length, end });
      } else {
        out.push({ start: k.offset, end: comma === undefined ? end : comma + 1 });
      }
    });
    return out;
  }

  /**
   * Edits that remove `gone` from `container`; a container left with nothing
   * but whitespace collapses to `[]` / `{}` (the inverse of opening one up).
   */
  removeFrom(container: Node, gone: ReadonlySet<Node>): TextEdit[] {
    const deletions = mergeDeletions(this.removeMembers(container, gone));
    const open = container.offset + 1;
    const close = container.offset + container.length - 1;
    if ((container.children ?? []).every((k) => gone.has(k))) {
      let inner = this.src.slice(open, close);
      for (const d of [...deletions].reverse()) inner = inner.slice(0, Math.max(0, d.start - open)) + inner.slice(Math.max(0, d.end - open));
      if (/^\s*$/.test(inner)) return [{ start: open, end: close, text: '' }];
    }
    return deletions;
  }

  /**
   * Walk `path`. Returns the node at the end, or the deepest object found and
   * the keys still to create under it. A number on the path must index an
   * existing array item.
   */
  walk(path: JsonPath): { node?: Node; parent: Node; missing: string[] } {
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (typeof seg === 'number') {
        if (node.type !== 'array') throw this.error(`expected an array at ${show(path.slice(0, i))}, found ${article(node.type)}`, node);
        const item = node.children?.[seg];
        if (!item) throw this.error(`${show(path.slice(0, i + 1))} does not exist (the array has ${node.children?.length ?? 0} items)`, node);
        node = item;
      } else {
        if (node.type !== 'object') throw this.error(`expected an object at ${show(path.slice(0, i))}, found ${article(node.type)}`, node);
        const prop = node.children?.find((p) => p.children?.[0]?.value === seg);
        if (!prop) {
          const rest = path.slice(i);
          if (rest.some((r) => typeof r === 'number')) throw this.error(`${show(path.slice(0, i + 1))} does not exist`, node);
          return { parent: node, missing: rest as string[] };
        }
        node = prop.children![1]!;
      }
    }
    return { node, parent: node.parent ?? node, missing: [] };
  }

  /** Edits that create `missing[0]` → (objects for the other keys) → `value` in `obj`. */
  create(obj: Node, missing: string[], value: JsonValue): TextEdit[] {
    let v = value;
    for (let i = missing.length - 1; i > 0; i--) v = { [missing[i]!]: v };
    return this.append(obj, [(indent) => `${jsonString(missing[0]!)}: ${this.render(v, indent)}`]);
  }

  /** The member (property, or array item) that holds `node`, and its container. */
  member(node: Node): { member: Node; container: Node } | undefined {
    const p = node.parent;
    if (!p) return undefined;
    if (p.type === 'property') return p.parent ? { member: p, container: p.parent } : undefined;
    return { member: node, container: p };
  }
}

function show(path: JsonPath): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') : 'the top level';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueOf(n: Node): unknown {
  switch (n.type) {
    case 'object':
      return Object.fromEntries((n.children ?? []).map((p) => [p.children![0]!.value, valueOf(p.children![1]!)]));
    case 'array':
      return (n.children ?? []).map(valueOf);
    default:
      return n.value;
  }
}

/** Run `plan` on the text without its BOM and shift its edits past the BOM. */
function withBom(src: string, file: string | undefined, plan: (j: Json) => TextEdit[]): string {
  return runPlan(src, (text) => {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const edits = plan(new Json(bom ? text.slice(1) : text, file));
    return bom ? edits.map((e) => ({ start: e.start + 1, end: e.end + 1, text: e.text })) : edits;
  });
}

// ---------------------------------------------------------------- operations

/**
 * Ensure the array at `path` holds an item deep-equal to `value` (appended
 * when missing; the array and objects on the way are created when missing).
 * E.g. a permission identifier in a Tauri capability's `permissions`.
 */
export function ensureArrayItem(src: string, path: JsonPath, value: JsonValue, opts: JsonOptions = {}): string {
  return withBom(src, opts.file, (j) => {
    const { node, parent, missing } = j.walk(path);
    if (!node) return j.create(parent, missing, [value]);
    if (node.type !== 'array') throw j.error(`expected an array at ${show(path)}, found ${article(node.type)}`, node);
    if ((node.children ?? []).some((c) => isDeepStrictEqual(valueOf(c), value))) return [];
    return j.append(node, [(indent) => j.render(value, indent)]);
  });
}

/** Remove the items deep-equal to `value` from the array at `path` (absent array or item: nothing to do). */
export function removeArrayItem(src: string, path: JsonPath, value: JsonValue, opts: RemoveOptions = {}): string {
  return withBom(src, opts.file, (j) => {
    const { node } = j.walk(path);
    if (!node) return [];
    if (node.type !== 'array') throw j.error(`expected an array at ${show(path)}, found ${article(node.type)}`, node);
    const gone = new Set((node.children ?? []).filter((c) => isDeepStrictEqual(valueOf(c), value)));
    if (gone.size === 0) return [];
    const emptied = gone.size === node.children!.length;
    const holder = j.member(node);
    if (emptied && opts.dropEmpty && holder && holder.container.type === 'object') {
      return j.removeFrom(holder.container, new Set([holder.member]));
    }
    return j.removeFrom(node, gone);
  });
}

/**
 * Set the value at `path` (objects on the way are created when missing). An
 * equal value is left as it is; a different one is replaced in its span only.
 */
export function setValue(src: string, path: JsonPath, value: JsonValue, opts: JsonOptions = {}): string {
  return withBom(src, opts.file, (j) => {
    if (path.length === 0) throw new EditError('setValue needs a non-empty path', undefined, opts.file);
    const { node, parent, missing } = j.walk(path);
    if (!node) return j.create(parent, missing, value);
    if (isDeepStrictEqual(valueOf(node), value)) return [];
    return [{ start: node.offset, end: node.offset + node.length, text: j.render(value, lineIndent(j.src, node.offset)) }];
  });
}

/** Remove the property or array item at `path` (absent: nothing to do). */
export function removeValue(src: string, path: JsonPath, opts: JsonOptions = {}): string {
  return withBom(src, opts.file, (j) => {
    if (path.length === 0) throw new EditError('removeValue needs a non-empty path', undefined, opts.file);
    let found;
    try {
      found = j.walk(path);
    } catch (e) {
      // A path through a missing array item or a scalar: there is nothing to remove.
      if (e instanceof EditError && /does not exist/.test(e.reason)) return [];
      throw e;
    }
    const holder = found.node && j.member(found.node);
    return holder ? j.removeFrom(holder.container, new Set([holder.member])) : [];
  });
}
