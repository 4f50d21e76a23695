/**
 * Everything a target needs to render one service: the model, the host app,
 * where the module goes, and the identifiers derived once here so that every
 * target (and the cross-checks) agree on them.
 */
import { dirname, relative } from 'node:path';
import type { ServiceModel, DeclarationDiagnostic } from '../declaration/model.js';
import type { HostProject } from './host.js';
import { toPosix } from '../lib/paths.js';

export interface ServiceIds {
  /** Reverse-DNS id of the service, e.g. `com.example.notes.notes-sync`. */
  identifier: string;
  /** Kotlin package of the generated Android code. */
  androidPackage: string;
  /** BGTaskScheduler identifiers (present when the iOS model uses them). */
  iosRefresh: string;
  iosProcessing: string;
  /** Background URLSession identifier (transfer services). */
  iosUrlSession: string;
  /** Desktop OS-service label (systemd unit stem, launchd Label). */
  desktopLabel: string;
}

export interface GenerationContext {
  model: ServiceModel;
  host: HostProject;
  ids: ServiceIds;
  /** Project-relative folder the module is generated into (the declaration's folder), '/'-separated. */
  moduleDir: string;
  /** Project-relative path of the declaration, '/'-separated (for headers). */
  declarationPath: string;
}

export { toPosix };

/** Turn a reverse-DNS id into a valid Java/Kotlin package (segments: lower-case identifiers). */
export function javaPackageOf(identifier: string): string {
  return identifier
    .split('.')
    .map((seg) => {
      let s = seg.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      if (!/^[a-z_]/.test(s)) s = `_${s}`;
      return s;
    })
    .join('.');
}

export function buildContext(
  model: ServiceModel,
  host: HostProject,
): { ok: true; ctx: GenerationContext } | { ok: false; diagnostic: DeclarationDiagnostic } {
  const identifier = model.identifier ?? (host.appId ? `${host.appId}.${model.names.kebab}` : undefined);
  if (!identifier) {
    return {
      ok: false,
      diagnostic: {
        code: 'identifier-required',
        message: `service "${model.names.kebab}" has no identifier and there is no host app to derive one from`,
        hint: `add identifier: 'com.example.${model.names.kebab}' (reverse-DNS) to the declaration`,
        loc: model.loc,
      },
    };
  }
  const androidPackage = model.android.package ?? javaPackageOf(identifier);
  const ids: ServiceIds = {
    identifier,
    androidPackage,
    iosRefresh: `${identifier}.refresh`,
    iosProcessing: `${identifier}.processing`,
    iosUrlSession: `${identifier}.transfers`,
    desktopLabel: identifier,
  };
  const moduleDir = toPosix(relative(host.root, dirname(model.sourceFile))) || '.';
  return {
    ok: true,
    ctx: { model, host, ids, moduleDir, declarationPath: toPosix(relative(host.root, model.sourceFile)) },
  };
}
