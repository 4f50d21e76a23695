/**
 * A small, strict XML parser that keeps the exact offset of every token.
 *
 * Why not a library: the editors splice text at exact offsets (so every other
 * byte stays as it was) and bg-doctor reports findings at exact lines; SAX
 * libraries report positions after the event, inconsistently across token
 * kinds. This parser covers what manifests, plists and entitlements use:
 * declaration, comments, processing instructions, DOCTYPE (without an internal
 * subset: entity declarations are refused, which also rules out entity bombs),
 * CDATA, elements, attributes and the five predefined entities plus character
 * references. Offsets are JavaScript string indices into the source as given
 * (a BOM, when present, is index 0).
 */

export interface XmlAttr {
  /** Qualified name as written, e.g. `android:name`. */
  name: string;
  /** Decoded value (entities resolved, attribute-value normalisation applied). */
  value: string;
  /** Index of the first character of the name. */
  start: number;
  /** Index just past the closing quote. */
  end: number;
  /** Index just past the opening quote. */
  valueStart: number;
  /** Index of the closing quote. */
  valueEnd: number;
  quote: '"' | "'";
}

export interface XmlElement {
  type: 'element';
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  parent: XmlElement | undefined;
  /** Index of `<`. */
  start: number;
  /** Index just past the `>` of the start tag. */
  startTagEnd: number;
  /** Index of `</` of the end tag; equals `end` for a self-closing element. */
  closeStart: number;
  /** Index just past the element's last `>`. */
  end: number;
  selfClosing: boolean;
}

export interface XmlText {
  type: 'text';
  /** Decoded text. */
  value: string;
  start: number;
  end: number;
  cdata: boolean;
}

export interface XmlComment {
  type: 'comment';
  /** The text between `<!--` and `-->`. */
  value: string;
  start: number;
  end: number;
}

export interface XmlMisc {
  type: 'declaration' | 'doctype' | 'pi';
  raw: string;
  start: number;
  end: number;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlMisc;

export interface XmlDocument {
  source: string;
  /** Nodes before the root element (declaration, comments, doctype). */
  prolog: XmlNode[];
  root: XmlElement;
  /** Comments and PIs after the root element. */
  epilog: XmlNode[];
  hasBom: boolean;
  /** The line ending the file mostly uses. */
  eol: '\n' | '\r\n';
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
}

export class XmlParseError extends Error {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  constructor(message: string, offset: number, position: { line: number; column: number }, file?: string) {
    super(`${file ? `${file}:` : ''}${position.line}:${position.column}: ${message}`);
    this.name = 'XmlParseError';
    this.offset = offset;
    this.line = position.line;
    this.column = position.column;
    this.reason = message;
  }
  /** The message without the location prefix. */
  readonly reason: string;
}

const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Characters XML 1.0 forbids anywhere in a document. */
function isForbiddenChar(code: number): boolean {
  return (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff;
}

/** Offsets of line starts, for offset → line/column. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function positionIn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Parse `source`; throws XmlParseError with the exact location of the first problem. */
export function parseXml(source: string, file?: string): XmlDocument {
  let starts: number[] | undefined;
  const position = (offset: number) => positionIn((starts ??= lineStarts(source)), offset);
  const fail = (message: string, at: number): never => {
    throw new XmlParseError(message, at, position(at), file);
  };

  const len = source.length;
  let i = 0;
  const hasBom = source.charCodeAt(0) === 0xfeff;
  if (hasBom) i = 1;

  for (let k = i; k < len; k++) {
    const c = source.charCodeAt(k);
    if (isForbiddenChar(c)) fail(`character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, k);
  }

  const startsWith = (s: string, at: number) => source.startsWith(s, at);

  const readName = (): string => {
    const begin = i;
    if (i >= len || !NAME_START.test(source[i]!)) fail('expected a name', i);
    i++;
    while (i < len && NAME_CHAR.test(source[i]!)) i++;
    return source.slice(begin, i);
  };

  const skipSpace = (): boolean => {
    const begin = i;
    while (i < len) {
      const c = source.charCodeAt(i);
      if (c === 0x20 || c === 0x9 || c === 0xa || c === 0xd) i++;
      else break;
    }
    return i > begin;
  };

  /** Decode entity and character references in raw text starting at `base`. */
  const decode = (raw: string, base: number, attribute: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k]!;
      if (ch === '&') {
        const semi = raw.indexOf(';', k);
        if (semi < 0) fail("'&' must start an entity reference such as &amp;", base + k);
        const ref = raw.slice(k + 1, semi);
        let text: string | undefined;
        if (ref.startsWith('#x')) {
          if (!/^#x[0-9A-Fa-f]+$/.test(ref)) fail(`invalid character reference &${ref};`, base + k);
          text = charFromCode(parseInt(ref.slice(2), 16), base + k);
        } else if (ref.startsWith('#')) {
          if (!/^#[0-9]+$/.test(ref)) fail(`invalid character reference &${ref};`, base + k);
          text = charFromCode(parseInt(ref.slice(1), 10), base + k);
        } else {
          text = PREDEFINED[ref];
          if (text === undefined) fail(`undefined entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; are defined)`, base + k);
        }
        out += text;
        k = semi;
      } else if (attribute && (ch === '\n' || ch === '\t' || ch === '\r')) {
        // Attribute-value normalisation: literal whitespace becomes a space;
        // CRLF counts once (XML end-of-line handling happens first).
        if (ch === '\r' && raw[k + 1] === '\n') k++;
        out += ' ';
      } else if (!attribute && ch === '\r') {
        if (raw[k + 1] === '\n') k++;
        out += '\n';
      } else if (attribute && ch === '<') {
        fail("'<' is not allowed in an attribute value", base + k);
      } else {
        out += ch;
      }
    }
    return out;
  };

  const charFromCode = (code: number, at: number): string => {
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || isForbiddenChar(code) || code === 0) {
      fail(`character reference to U+${code.toString(16).toUpperCase()} is not allowed in XML`, at);
    }
    return String.fromCodePoint(code);
  };

  const prolog: XmlNode[] = [];
  const epilog: XmlNode[] = [];
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];

  const addNode = (node: XmlNode) => {
    const top = stack[stack.length - 1];
    if (top) {
      top.children.push(node);
      if (node.type === 'element') node.parent = top;
    } else if (node.type === 'text') {
      if (node.value.trim() !== '' || node.cdata) fail('text is not allowed outside the root element', node.start);
    } else if (node.type === 'element') {
      if (root) fail(`a document has one root element; <${node.name}> is a second one`, node.start);
      root = node;
    } else {
      (root ? epilog : prolog).push(node);
    }
  };

  while (i < len) {
    const lt = source.indexOf('<', i);
    if (lt !== i) {
      const end = lt < 0 ? len : lt;
      const raw = source.slice(i, end);
      if (raw.includes(']]>')) fail("']]>' is not allowed in text", i + raw.indexOf(']]>'));
      addNode({ type: 'text', value: decode(raw, i, false), start: i, end, cdata: false });
      i = end;
      continue;
    }
    const at = i;
    if (startsWith('<?', i)) {
      const close = source.indexOf('?>', i + 2);
      if (close < 0) fail('unterminated processing instruction', at);
      const raw = source.slice(at, close + 2);
      const isDecl = /^<\?xml[\s?]/.test(raw);
      if (!isDecl && /^<\?xml(?:[\s?]|$)/i.test(raw)) fail(`the processing-instruction name ${raw.slice(2, 5)} is reserved (the XML declaration is written <?xml)`, at);
      if (isDecl && at !== (hasBom ? 1 : 0)) fail('the XML declaration must be at the very start of the file', at);
      i = close + 2;
      addNode({ type: isDecl ? 'declaration' : 'pi', raw, start: at, end: i });
    } else if (startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      if (close < 0) fail('unterminated comment', at);
      const value = source.slice(i + 4, close);
      if (value.includes('--')) fail("'--' is not allowed inside a comment", i + 4 + value.indexOf('--'));
      // `<!-- x --->`: the first `-->` found leaves a '-' at the end of the text, which is a `--` too.
      if (value.endsWith('-')) fail("a comment cannot end with '--->'", close - 1);
      i = close + 3;
      addNode({ type: 'comment', value, start: at, end: i });
    } else if (startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA is only allowed inside an element', at);
      const close = source.indexOf(']]>', i + 9);
      if (close < 0) fail('unterminated CDATA section', at);
      const value = source.slice(i + 9, close).replace(/\r\n?/g, '\n');
      i = close + 3;
      addNode({ type: 'text', value, start: at, end: i, cdata: true });
    } else if (startsWith('<!DOCTYPE', i)) {
      if (root || stack.length) fail('DOCTYPE must come before the root element', at);
      if (prolog.some((n) => n.type === 'doctype')) fail('a document has one DOCTYPE', at);
      const close = source.indexOf('>', i);
      if (close < 0) fail('unterminated DOCTYPE', at);
      const raw = source.slice(at, close + 1);
      if (raw.includes('[')) fail('DOCTYPE internal subsets (entity declarations) are not supported', at + raw.indexOf('['));
      i = close + 1;
      addNode({ type: 'doctype', raw, start: at, end: i });
    } else if (startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== '>') fail(`expected '>' to close </${name}`, i);
      i++;
      const open = stack.pop();
      if (!open) fail(`closing tag </${name}> has no matching start tag`, at);
      if (open!.name !== name) {
        const p = position(open!.start);
        fail(`closing tag </${name}> does not match <${open!.name}> opened at line ${p.line}`, at);
      }
      open!.closeStart = at;
      open!.end = i;
    } else {
      i++;
      const name = readName();
      const el: XmlElement = {
        type: 'element',
        name,
        attrs: [],
        children: [],
        parent: undefined,
        start: at,
        startTagEnd: -1,
        closeStart: -1,
        end: -1,
        selfClosing: false,
      };
      const seen = new Set<string>();
      for (;;) {
        const hadSpace = skipSpace();
        if (i >= len) fail(`unterminated start tag <${name}`, at);
        if (source[i] === '>' || startsWith('/>', i)) break;
        if (!hadSpace) fail(`expected whitespace before the next attribute in <${name}>`, i);
        const attrStart = i;
        const attrName = readName();
        if (seen.has(attrName)) fail(`attribute ${attrName} appears twice in <${name}>`, attrStart);
        seen.add(attrName);
        skipSpace();
        if (source[i] !== '=') fail(`expected '=' after attribute ${attrName}`, i);
        i++;
        skipSpace();
        const quote = source[i];
        if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attrName}`, i);
        const valueStart = i + 1;
        const valueEnd = source.indexOf(quote!, valueStart);
        if (valueEnd < 0) fail(`unterminated value of attribute ${attrName}`, i);
        const value = decode(source.slice(valueStart, valueEnd), valueStart, true);
        i = valueEnd + 1;
        el.attrs.push({ name: attrName, value, start: attrStart, end: i, valueStart, valueEnd, quote: quote as '"' | "'" });
      }
      addNode(el);
      if (source[i] === '/') {
        i += 2;
        el.selfClosing = true;
        el.startTagEnd = i;
        el.closeStart = i;
        el.end = i;
      } else {
        i += 1;
        el.startTagEnd = i;
        stack.push(el);
      }
    }
  }
  if (stack.length) {
    const open = stack[stack.length - 1]!;
    fail(`<${open.name}> is never closed`, open.start);
  }
  if (!root) fail('the document has no root element', len);

  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  return { source, prolog, root: root!, epilog, hasBom, eol: crlf > lf ? '\r\n' : '\n', position };
}

// ---------------------------------------------------------------- queries

export function getAttr(el: XmlElement, name: string): XmlAttr | undefined {
  return el.attrs.find((a) => a.name === name);
}

export function attrValue(el: XmlElement, name: string): string | undefined {
  return getAttr(el, name)?.value;
}

/** The namespace URI a prefix is bound to at this element (walking up). */
export function namespaceOf(el: XmlElement, prefix: string): string | undefined {
  const key = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const a = getAttr(e, key);
    if (a) return a.value;
  }
  return undefined;
}

/** Attribute by namespace URI and local name, whatever prefix the file uses. */
export function getAttrNS(el: XmlElement, uri: string, local: string): XmlAttr | undefined {
  for (const a of el.attrs) {
    const colon = a.name.indexOf(':');
    if (colon < 0) continue;
    if (a.name.slice(colon + 1) !== local) continue;
    const prefix = a.name.slice(0, colon);
    if (prefix === 'xmlns') continue;
    if (namespaceOf(el, prefix) === uri) return a;
  }
  return undefined;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** Every element below `el` (depth-first, document order). */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (c.type === 'element') {
      yield c;
      yield* descendants(c);
    }
  }
}

/** The decoded text content of an element (concatenated text children). */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text') out += c.value;
    else if (c.type === 'element') out += textContent(c);
  }
  return out;
}

/** Indentation (spaces/tabs) of the line an offset is on, up to that offset. */
export function indentAt(source: string, offset: number): string {
  let s = offset;
  while (s > 0 && source[s - 1] !== '\n' && source[s - 1] !== '\r') s--;
  const m = /^[ \t]*/.exec(source.slice(s, offset));
  return m ? m[0] : '';
}
