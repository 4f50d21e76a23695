/**
 * The Android contribution kinds: `<uses-permission>` and application
 * components in an AndroidManifest.xml the user owns, ensured and removed
 * with the byte-preserving manifest editor. Also used to build the plugin
 * library's own manifest of a standalone module, so both paths write the
 * same entries the same way.
 */
import { createHash } from 'node:crypto';
import type { ComponentSpec } from '../../editors/android-manifest.js';
import { manifest } from '../../editors/index.js';
import { contributionKind, registerContributionKind, type Contribution } from '../../generator/contributions.js';
import type { ManifestEntries } from './manifest.js';
import type { ManifestPermission } from './permissions.js';

export const PERMISSION_KIND = 'android-permission';
export const COMPONENT_KIND = 'android-component';

interface PermissionData {
  name: string;
  maxSdkVersion?: number;
}

interface ComponentData {
  spec: ComponentSpec;
}

registerContributionKind(PERMISSION_KIND, {
  // No maxSdkVersion means "needed on every version": a cap the file has is removed
  // (a capped permission is missing above the cap).
  ensure: (src, data, file) => {
    const d = data as unknown as PermissionData;
    return manifest.ensurePermission(src, d.name, { file, maxSdkVersion: d.maxSdkVersion ?? null });
  },
  remove: (src, data, file) => manifest.removePermission(src, (data as unknown as PermissionData).name, { file }),
  describe: (data) => `<uses-permission ${String(data.name)}>`,
});

registerContributionKind(COMPONENT_KIND, {
  ensure: (src, data, file) => manifest.ensureComponent(src, (data as unknown as ComponentData).spec, { file }),
  remove: (src, data, file) => {
    const { tag, name } = (data as unknown as ComponentData).spec;
    return manifest.removeComponent(src, { tag, name }, { file });
  },
  describe: (data) => {
    const { tag, name } = (data as unknown as ComponentData).spec;
    return `<${tag} ${name}>`;
  },
});

function permissionContribution(file: string, p: ManifestPermission): Contribution {
  const data: PermissionData = { name: p.name };
  if (p.maxSdkVersion !== undefined) data.maxSdkVersion = p.maxSdkVersion;
  return { file, kind: PERMISSION_KIND, key: p.name, data: { ...data } };
}

/**
 * A component's key names it and, when it has children, their content: the
 * editor only adds missing children, so a changed child (a new specialUse
 * subtype, a property no longer wanted) replaces the whole element through
 * remove + ensure. Attribute changes are updated in place.
 */
function componentContribution(file: string, spec: ComponentSpec): Contribution {
  const children = spec.children?.length ? `#${createHash('sha256').update(JSON.stringify(spec.children)).digest('hex').slice(0, 12)}` : '';
  return { file, kind: COMPONENT_KIND, key: `${spec.tag} ${spec.name}${children}`, data: { spec: structuredClone(spec) } as Record<string, unknown> };
}

export function manifestContributions(file: string, entries: ManifestEntries): Contribution[] {
  return [...entries.permissions.map((p) => permissionContribution(file, p)), ...entries.components.map((c) => componentContribution(file, c))];
}

/** Apply `entries` to a manifest text (a standalone library's manifest, built from its skeleton). */
export function applyManifestEntries(src: string, entries: ManifestEntries, file: string): string {
  return manifestContributions(file, entries).reduce((text, c) => contributionKind(c.kind).ensure(text, c.data, file), src);
}
