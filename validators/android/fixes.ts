/**
 * Fixes for the Android rules, made with the byte-preserving manifest editors
 * (editors/android-manifest.ts) and expressed as the text edits a finding
 * carries. A fix is only offered for a project-owned manifest, never for a
 * file in node_modules or a library's manifest.
 */
import { changedSpan } from '../../editors/edit.js';
import { ensureComponent, ensurePermission, ensureProperty } from '../../editors/android-manifest.js';
import type { Fix } from '../rule.js';
import type { AndroidApp, ManifestSource } from '../project/types.js';
import { appMainSource } from './query.js';

export type LazyFix = () => Fix | undefined;

/** A fix computed only when read (see Report.fix); undefined when no project file can take it. */
function editFix(source: ManifestSource | undefined, description: string, edit: (text: string) => string): LazyFix | undefined {
  if (!source || (source.origin !== 'app' && source.origin !== 'module')) return undefined;
  if (source.file.includes('/node_modules/')) return undefined;
  return () => computeFix(source, description, edit);
}

function computeFix(source: ManifestSource, description: string, edit: (text: string) => string): Fix | undefined {
  const before = source.doc.source;
  let after: string;
  try {
    after = edit(before);
  } catch {
    return undefined; // the editor refused (e.g. a shape it cannot edit safely): report without a fix
  }
  const edits = changedSpan(before, after);
  return edits.length ? { file: source.file, edits, description } : undefined;
}

/** Add `<uses-permission android:name=name/>` to `target` (default: the app's main manifest). */
export function addPermissionFix(app: AndroidApp, name: string, target?: ManifestSource): LazyFix | undefined {
  const src = target && (target.origin === 'app' || target.origin === 'module') ? target : appMainSource(app);
  return editFix(src, `add <uses-permission android:name="${name}"/>`, (t) => ensurePermission(t, name, { file: src?.file }));
}

/** Set attributes on an existing component (matched by tag and android:name as written). */
export function setComponentAttrsFix(
  source: ManifestSource | undefined,
  tag: string,
  rawName: string,
  attrs: Record<string, string | null>,
  description: string,
): LazyFix | undefined {
  return editFix(source, description, (t) => ensureComponent(t, { tag, name: rawName, attrs }, { file: source?.file }));
}

/** Add an override of a library component (e.g. WorkManager's service) with `tools:node="merge"`. */
export function addComponentOverrideFix(app: AndroidApp, tag: string, name: string, attrs: Record<string, string>, description: string): LazyFix | undefined {
  const src = appMainSource(app);
  return editFix(src, description, (t) => ensureComponent(t, { tag, name, attrs: { ...attrs, 'tools:node': 'merge' } }, { file: src?.file }));
}

export function addPropertyFix(source: ManifestSource | undefined, tag: string, rawName: string, property: { name: string; value: string }, description: string): LazyFix | undefined {
  return editFix(source, description, (t) => ensureProperty(t, { tag, name: rawName }, property, { file: source?.file }));
}
