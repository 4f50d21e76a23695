/**
 * Byte-preserving edits of an AndroidManifest.xml the user owns: permissions,
 * components (`<service>`, `<receiver>`, …) with their intent filters and
 * properties, and the namespaces they need.
 *
 * Attribute names are written with the conventional prefixes — `android:`,
 * `tools:` — and mapped to whatever prefix the file binds to those namespace
 * URIs (declaring `xmlns:tools` only when a `tools:` attribute is written).
 * Every function returns the new text (the input itself when nothing had to
 * change) and throws a located error for a malformed manifest.
 */
import { attrValue, childElements, getAttr, getAttrNS, parseXml, type XmlDocument, type XmlElement, type XmlNode } from '../parsers/xml.js';
import { EditError, mergeDeletions, runPlan, type TextEdit } from './edit.js';
import {
  addAttribute,
  appendChildren,
  collapse,
  detectAttrLayout,
  detectStyle,
  elementsOf,
  emptiedBy,
  ensureNamespace,
  insertAfter,
  prefixFor,
  prependChildren,
  removal,
  removeAttribute,
  setAttribute,
  type Layout,
  type NewElement,
  type XmlStyle,
} from './xml-layout.js';

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';
export const TOOLS_NS = 'http://schemas.android.com/tools';

/** Conventional prefix → namespace URI, for attribute names given by callers. */
const KNOWN: Record<string, string> = { android: ANDROID_NS, tools: TOOLS_NS };

/**
 * An element to ensure. Attribute names use the `android:` / `tools:`
 * prefixes (or none); `null` removes an attribute. Children are matched to
 * existing ones by tag and `android:name`, and an unnamed child (an
 * `<intent-filter>`) by sharing a named child (an `<action>`) with one.
 */
export interface ElementSpec {
  tag: string;
  attrs?: Readonly<Record<string, string | null>>;
  children?: readonly ElementSpec[];
}

/** A component of `<application>`, identified by its tag and `android:name`. */
export interface ComponentRef {
  tag: string;
  name: string;
}

export interface ComponentSpec extends ComponentRef {
  /** Attributes besides `android:name`. */
  attrs?: Readonly<Record<string, string | null>>;
  children?: readonly ElementSpec[];
}

export interface ManifestOptions {
  /** The file's path, for error messages (`file:line:col`). */
  file?: string;
}

export interface RemoveOptions extends ManifestOptions {
  /**
   * When the removal leaves `<application>` empty: remove the element too
   * (for an `<application>` the generator created), instead of collapsing it
   * to `<application …/>` (the inverse of expanding one).
   */
  dropEmpty?: boolean;
}

/** One parse of the manifest and what every operation needs from it. */
class Manifest {
  readonly doc: XmlDocument;
  readonly src: string;
  readonly root: XmlElement;
  readonly style: XmlStyle;
  /** Namespace declarations the edits need (at most one per URI). */
  private readonly nsEdits = new Map<string, TextEdit[]>();

  constructor(src: string, file?: string) {
    this.src = src;
    this.doc = parseXml(src, file);
    this.root = this.doc.root;
    if (this.root.name !== 'manifest') {
      throw new EditError(`the root element is <${this.root.name}>, expected <manifest>`, this.doc.position(this.root.start), file);
    }
    this.style = detectStyle(this.doc, { unit: '    ', selfClose: ' />' });
  }

  /** Layout for a new `<tag>`: like other `<tag>`s, else like its siblings, else like the file. */
  layoutFor(tag: string, parent: XmlElement | undefined): Layout {
    const all = elementsOf(this.root);
    const groups = [all.filter((e) => e.name === tag), parent ? childElements(parent) : [], all];
    return { style: this.style, attrs: detectAttrLayout(this.src, groups, this.style.unit) };
  }

  /** `android:exported` → the file's own qualified name, declaring the namespace if it is missing. */
  qualify(name: string): string {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const uri = KNOWN[name.slice(0, colon)];
    if (!uri) return name;
    let prefix = prefixFor(this.root, uri);
    if (prefix === undefined) {
      const ns = ensureNamespace(this.src, this.root, uri, name.slice(0, colon), this.style);
      prefix = ns.prefix;
      this.nsEdits.set(uri, ns.edits);
    }
    return `${prefix}:${name.slice(colon + 1)}`;
  }

  /** The existing attribute a caller's name refers to. */
  attr(el: XmlElement, name: string) {
    const colon = name.indexOf(':');
    const uri = colon < 0 ? undefined : KNOWN[name.slice(0, colon)];
    return uri ? getAttrNS(el, uri, name.slice(colon + 1)) : getAttr(el, name);
  }

  nameOf(el: XmlElement): string | undefined {
    return getAttrNS(el, ANDROID_NS, 'name')?.value;
  }

  /** Class names match as written, or resolved against the manifest's `package` (`.Sync` = `com.app.Sync`). */
  sameClass(a: string, b: string): boolean {
    if (a === b) return true;
    const pkg = attrValue(this.root, 'package');
    const full = (n: string) => (pkg && n.startsWith('.') ? pkg + n : pkg && !n.includes('.') ? `${pkg}.${n}` : n);
    return full(a) === full(b);
  }

  application(): XmlElement | undefined {
    return childElements(this.root, 'application')[0];
  }

  component(ref: ComponentRef): XmlElement[] {
    const app = this.application();
    if (!app) return [];
    return childElements(app, ref.tag).filter((el) => {
      const n = this.nameOf(el);
      return n !== undefined && this.sameClass(n, ref.name);
    });
  }

  /** A new element for `spec`, attribute names qualified for this file. */
  newElement(spec: ElementSpec): NewElement {
    const attrs = Object.entries(spec.attrs ?? {}).flatMap(([k, v]) => (v === null ? [] : [[this.qualify(k), v] as const]));
    return { name: spec.tag, attrs, children: (spec.children ?? []).map((c) => this.newElement(c)) };
  }

  /** Edits that make an existing element match `spec`: attribute values, then missing children. */
  sync(el: XmlElement, spec: ElementSpec): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const [name, value] of Object.entries(spec.attrs ?? {})) {
      const attr = this.attr(el, name);
      if (value === null) {
        if (attr) edits.push(removeAttribute(el, attr));
      } else if (attr) {
        edits.push(...setAttribute(attr, value));
      } else {
        edits.push(addAttribute(this.src, el, this.qualify(name), value, this.style));
      }
    }
    const missing: ElementSpec[] = [];
    for (const child of spec.children ?? []) {
      const match = this.matchChild(el, child);
      if (match) edits.push(...this.sync(match, child));
      else missing.push(child);
    }
    if (missing.length) {
      const layout = this.layoutFor(missing[0]!.tag, el);
      edits.push(...appendChildren(this.src, el, missing.map((c) => this.newElement(c)), layout));
    }
    return edits;
  }

  private matchChild(parent: XmlElement, spec: ElementSpec): XmlElement | undefined {
    const candidates = childElements(parent, spec.tag);
    const name = spec.attrs?.['android:name'];
    if (typeof name === 'string') return candidates.find((c) => this.nameOf(c) === name);
    const named = (spec.children ?? []).flatMap((c) => {
      const n = c.attrs?.['android:name'];
      return typeof n === 'string' ? [[c.tag, n] as const] : [];
    });
    if (named.length === 0) return candidates[0];
    return candidates.find((c) => named.some(([tag, n]) => childElements(c, tag).some((k) => this.nameOf(k) === n)));
  }

  /** All edits, namespace declarations included. */
  done(edits: TextEdit[]): TextEdit[] {
    if (edits.length === 0) return [];
    return [...[...this.nsEdits.values()].flat(), ...edits];
  }
}

// ---------------------------------------------------------------- permissions

/**
 * Ensure `<uses-permission android:name=name>`: added after the last
 * `<uses-permission>` (or first in `<manifest>`). `maxSdkVersion`: a number
 * sets it, `null` removes it, undefined leaves an existing one alone.
 */
export function ensurePermission(src: string, name: string, opts: ManifestOptions & { maxSdkVersion?: number | null } = {}): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const perms = childElements(m.root, 'uses-permission');
    const existing = perms.find((p) => m.nameOf(p) === name);
    const max = opts.maxSdkVersion;
    const maxAttr: Record<string, string | null> = max === undefined ? {} : { 'android:maxSdkVersion': max === null ? null : String(max) };
    if (existing) return m.done(m.sync(existing, { tag: 'uses-permission', attrs: maxAttr }));
    const el = m.newElement({ tag: 'uses-permission', attrs: { 'android:name': name, ...maxAttr } });
    const layout = m.layoutFor('uses-permission', m.root);
    const last = perms[perms.length - 1];
    return m.done(last ? insertAfter(text, last, [el], layout) : prependChildren(text, m.root, [el], layout));
  });
}

/** Remove every `<uses-permission android:name=name>` (its whole line when it is alone on it). */
export function removePermission(src: string, name: string, opts: ManifestOptions = {}): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const gone = childElements(m.root, 'uses-permission').filter((p) => m.nameOf(p) === name);
    return mergeDeletions(gone.map((p) => removal(text, p.start, p.end)));
  });
}

// ---------------------------------------------------------------- components

/**
 * Ensure a component of `<application>` (created at the end of `<manifest>`
 * when missing; `<application/>` is expanded). A new component goes at the
 * end of `<application>`; an existing one gets only its differing attribute
 * values and missing children, everything else in it stays as it is.
 */
export function ensureComponent(src: string, spec: ComponentSpec, opts: ManifestOptions = {}): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const full: ElementSpec = { tag: spec.tag, attrs: { 'android:name': spec.name, ...spec.attrs }, children: spec.children };
    const existing = m.component(spec)[0];
    if (existing) return m.done(m.sync(existing, { ...full, attrs: spec.attrs }));
    const app = m.application();
    if (!app) {
      const el = m.newElement({ tag: 'application', children: [full] });
      return m.done(appendChildren(text, m.root, [el], m.layoutFor('application', m.root)));
    }
    return m.done(appendChildren(text, app, [m.newElement(full)], m.layoutFor(spec.tag, app)));
  });
}

/** Remove the component(s) `<tag android:name=name>` from `<application>`. */
export function removeComponent(src: string, ref: ComponentRef, opts: RemoveOptions = {}): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const gone = m.component(ref);
    const app = m.application();
    if (!app || gone.length === 0) return [];
    if (emptiedBy(app, new Set<XmlNode>(gone))) {
      return opts.dropEmpty ? mergeDeletions([removal(text, app.start, app.end)]) : [collapse(app, m.style)];
    }
    return mergeDeletions(gone.map((el) => removal(text, el.start, el.end)));
  });
}

/**
 * Ensure `<property android:name=… android:value|resource=…/>` inside an
 * existing component (e.g. `android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE`).
 */
export function ensureProperty(
  src: string,
  ref: ComponentRef,
  property: { name: string; value?: string; resource?: string },
  opts: ManifestOptions = {},
): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const el = m.component(ref)[0];
    if (!el) throw new EditError(`there is no <${ref.tag} android:name="${ref.name}"> in <application> to hold the property`, undefined, opts.file);
    const attrs: Record<string, string> = { 'android:name': property.name };
    if (property.value !== undefined) attrs['android:value'] = property.value;
    if (property.resource !== undefined) attrs['android:resource'] = property.resource;
    return m.done(m.sync(el, { tag: ref.tag, children: [{ tag: 'property', attrs }] }));
  });
}

/**
 * Remove the declaration of `uri`'s prefix from `<manifest>` when no
 * attribute in the file uses that prefix any more (for an `xmlns:tools` the
 * generator added along with a `tools:` attribute it has since removed).
 */
export function removeUnusedNamespace(src: string, uri: string = TOOLS_NS, opts: ManifestOptions = {}): string {
  return runPlan(src, (text) => {
    const m = new Manifest(text, opts.file);
    const decl = m.root.attrs.find((a) => a.name.startsWith('xmlns:') && a.value === uri);
    if (!decl) return [];
    const prefix = `${decl.name.slice(6)}:`;
    const used = [m.root, ...elementsOf(m.root)].some((el) => el.attrs.some((a) => a.name.startsWith(prefix)) || el.name.startsWith(prefix));
    return used ? [] : [removeAttribute(m.root, decl)];
  });
}
