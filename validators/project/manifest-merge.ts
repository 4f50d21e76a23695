/**
 * An emulation of the Android manifest merger, enough for bg-doctor's rules:
 * `<uses-permission>` and application components from the app's manifests,
 * its library modules, plugins and known libraries, merged by priority with
 * `tools:node="remove|removeAll|replace|merge"` and `tools:remove` applied.
 *
 * Deliberate simplifications (all conservative for rules that report a
 * *missing* permission or attribute):
 * - every source set of the app (main, flavors, build types) is merged: the
 *   audit covers the union of variants; `tools:node="remove"` from a
 *   non-main source set is not applied to the others;
 * - a permission declared without `android:maxSdkVersion` by any merged
 *   manifest stays uncapped (unless a higher-priority declaration uses
 *   `tools:node="replace"`), which is how libraries override an app's cap;
 * - `tools:selector` is ignored.
 */
import { childElements, getAttr, getAttrNS, type XmlElement } from '../../parsers/xml.js';
import type { AndroidComponent, AndroidPermission, Declaration, ManifestSource } from './types.js';

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';
export const TOOLS_NS = 'http://schemas.android.com/tools';

/** An android:* attribute, whatever prefix the file binds the namespace to. */
export function androidAttr(el: XmlElement, local: string) {
  return getAttr(el, `android:${local}`) ?? getAttrNS(el, ANDROID_NS, local);
}

export function androidValue(el: XmlElement, local: string): string | undefined {
  return androidAttr(el, local)?.value;
}

export function toolsAttr(el: XmlElement, local: string) {
  return getAttr(el, `tools:${local}`) ?? getAttrNS(el, TOOLS_NS, local);
}

/** `.Foo` / `Foo` → `pkg.Foo`; fully qualified names unchanged; unknown package → as written. */
export function resolveClassName(name: string, pkg: string | undefined): string {
  const n = name.trim();
  if (!pkg || n.includes('${')) return n;
  if (n.startsWith('.')) return pkg + n;
  if (!n.includes('.')) return `${pkg}.${n}`;
  return n;
}

export function isPlaceholder(value: string): boolean {
  return value.includes('${');
}

export interface MergeInput {
  source: ManifestSource;
  /** False for non-main source sets of the app: their removals stay theirs. */
  removalsApply: boolean;
}

export interface MergeResult {
  permissions: AndroidPermission[];
  components: AndroidComponent[];
  removed: Array<{ tag: string; name: string; by: Declaration }>;
}

const COMPONENT_TAGS = new Set(['activity', 'activity-alias', 'service', 'receiver', 'provider']);
const PERMISSION_TAGS = new Set(['uses-permission', 'uses-permission-sdk-23', 'uses-permission-sdk-m']);

interface PermEntry {
  name: string;
  decls: Declaration[];
  replaced: boolean;
  capRemoved: boolean;
}

interface CompEntry {
  tag: AndroidComponent['tag'];
  name: string;
  decls: Declaration[];
  replaced: boolean;
}

function isReal(d: Declaration): boolean {
  return d.source.origin !== 'known' && d.source.origin !== 'gradle';
}

function primary(decls: Declaration[]): Declaration {
  return decls.find(isReal) ?? decls[0]!;
}

function toolsList(el: XmlElement, local: string): string[] {
  const v = toolsAttr(el, local)?.value;
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Merge manifests given highest priority first. */
export function mergeManifests(inputs: MergeInput[]): MergeResult {
  const perms = new Map<string, PermEntry>();
  const comps = new Map<string, CompEntry>();
  const removedKeys = new Set<string>();
  const removedAllTags = new Set<string>();
  const removed: MergeResult['removed'] = [];

  for (const { source, removalsApply } of inputs) {
    const root = source.doc.root;
    if (root.name !== 'manifest') continue;
    const pkg = source.packageName;
    const topLevel = childElements(root);
    for (const el of topLevel) {
      if (!PERMISSION_TAGS.has(el.name)) continue;
      const name = androidValue(el, 'name');
      if (!name) continue;
      const key = `perm:${name}`;
      const node = toolsAttr(el, 'node')?.value;
      if (removedKeys.has(key) || removedAllTags.has('uses-permission')) continue;
      if (node === 'remove' || node === 'removeAll') {
        if (removalsApply) {
          if (node === 'removeAll') removedAllTags.add('uses-permission');
          else removedKeys.add(key);
          removed.push({ tag: 'uses-permission', name, by: { source, el } });
        }
        continue;
      }
      let entry = perms.get(key);
      if (!entry) perms.set(key, (entry = { name, decls: [], replaced: false, capRemoved: false }));
      if (entry.replaced) continue;
      entry.decls.push({ source, el });
      if (node === 'replace') entry.replaced = true;
      if (toolsList(el, 'remove').some((a) => a.endsWith(':maxSdkVersion'))) entry.capRemoved = true;
    }

    const apps = topLevel.filter((e) => e.name === 'application');
    for (const app of apps) {
      for (const el of childElements(app)) {
        if (!COMPONENT_TAGS.has(el.name)) continue;
        const raw = androidValue(el, 'name');
        if (!raw) continue;
        const name = resolveClassName(raw, pkg);
        const key = `${el.name}:${name}`;
        const node = toolsAttr(el, 'node')?.value;
        if (removedKeys.has(key) || removedAllTags.has(el.name)) continue;
        if (node === 'remove' || node === 'removeAll') {
          if (removalsApply) {
            if (node === 'removeAll') removedAllTags.add(el.name);
            else removedKeys.add(key);
            removed.push({ tag: el.name, name, by: { source, el } });
          }
          continue;
        }
        let entry = comps.get(key);
        if (!entry) comps.set(key, (entry = { tag: el.name as CompEntry['tag'], name, decls: [], replaced: false }));
        if (entry.replaced) continue;
        entry.decls.push({ source, el });
        if (node === 'replace') entry.replaced = true;
      }
    }
  }

  const permissions: AndroidPermission[] = [];
  for (const e of perms.values()) {
    const p = primary(e.decls);
    let cap: number | undefined;
    let uncapped = e.capRemoved;
    for (const d of e.decls) {
      const v = androidValue(d.el, 'maxSdkVersion');
      const n = v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
      if (n === undefined) uncapped = true;
      else cap = cap === undefined ? n : Math.max(cap, n);
    }
    permissions.push({
      name: e.name,
      maxSdkVersion: uncapped ? undefined : cap,
      file: p.source.file,
      el: p.el,
      source: p.source,
      fromLibrary: p.source.origin !== 'app',
      origin: p.source.origin,
      declarations: e.decls,
    });
  }

  const components: AndroidComponent[] = [];
  for (const e of comps.values()) {
    const p = primary(e.decls);
    const attr = (local: string): { value: string; decl: Declaration } | undefined => {
      for (const d of e.decls) {
        if (toolsList(d.el, 'remove').some((a) => a === `android:${local}` || a.endsWith(`:${local}`))) return undefined;
        const a = androidAttr(d.el, local);
        if (a) return { value: a.value, decl: d };
      }
      return undefined;
    };
    const exported = attr('exported');
    const fgs = attr('foregroundServiceType');
    const stop = attr('stopWithTask');
    const actions: string[] = [];
    let hasIntentFilter = false;
    const properties: AndroidComponent['properties'] = [];
    for (const d of e.decls) {
      for (const c of childElements(d.el)) {
        if (c.name === 'intent-filter') {
          if (toolsAttr(c, 'node')?.value === 'remove') continue;
          hasIntentFilter = true;
          for (const a of childElements(c, 'action')) {
            const n = androidValue(a, 'name');
            if (n && !actions.includes(n)) actions.push(n);
          }
        } else if (c.name === 'property') {
          const n = androidValue(c, 'name');
          if (n && !properties.some((x) => x.name === n)) properties.push({ name: n, value: androidValue(c, 'value'), el: c });
        }
      }
    }
    components.push({
      tag: e.tag,
      name: e.name,
      file: p.source.file,
      el: p.el,
      source: p.source,
      fromLibrary: p.source.origin !== 'app',
      origin: p.source.origin,
      declarations: e.decls,
      exported: exported ? exported.value.trim() === 'true' : undefined,
      fgsTypeDeclaration: fgs?.decl,
      foregroundServiceTypes: fgs ? fgs.value.split('|').map((s) => s.trim()).filter(Boolean) : [],
      permission: attr('permission')?.value,
      stopWithTask: stop ? stop.value.trim() === 'true' : undefined,
      enabled: attr('enabled')?.value,
      intentActions: actions,
      hasIntentFilter,
      properties,
    });
  }
  return { permissions, components, removed };
}
