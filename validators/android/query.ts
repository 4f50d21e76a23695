/**
 * Shared questions the Android rules ask of the merged manifest: is a
 * permission there (at an API level, given maxSdkVersion caps), what does the
 * targetSdk gate say, where is an element, is a foreground service in use.
 * One place for these so no rule re-implements them.
 */
import type { XmlElement } from '../../parsers/xml.js';
import type { Report, Severity } from '../rule.js';
import type { AndroidApp, AndroidComponent, AndroidPermission, AppProject, Declaration, ManifestSource } from '../project/types.js';
import { FOREGROUND_SERVICE } from '../data/android-fgs.js';
import { scanAndroidCode, type AndroidCodeScan, type CodeHit } from '../scan/android-code.js';
import { relative } from 'node:path';
import { toPosix } from '../project/files.js';

export const P = (s: string) => `android.permission.${s}`;

export function androidOf(project: AppProject): AndroidApp | undefined {
  return project.android;
}

/** The merged permission entry (placeholders like `${permission}` never match a real name). */
export function permission(app: AndroidApp, name: string): AndroidPermission | undefined {
  return app.merged.permissions.find((p) => p.name === name);
}

/** Declared and not capped below `level` (a cap below the level counts as missing there). */
export function hasPermission(app: AndroidApp, name: string, level?: number): boolean {
  const p = permission(app, name);
  if (!p) return false;
  if (level === undefined || p.maxSdkVersion === undefined) return true;
  return p.maxSdkVersion >= level;
}

export type Gate = 'yes' | 'no' | 'unknown';

/** Does the app target at least `level`? */
export function targetAtLeast(app: AndroidApp, level: number): Gate {
  const t = app.sdk.targetSdk.value;
  if (t === undefined) return 'unknown';
  return t >= level ? 'yes' : 'no';
}

/**
 * The severity a targetSdk-gated finding gets. Known targetSdk below the
 * level → no finding. Unknown targetSdk: thresholds up to 30 are assumed met
 * (Google Play has required targetSdk ≥ 30 since 2021, so an app below that
 * cannot ship); a higher threshold turns an error into a warning that says
 * the targetSdk is unknown.
 */
export function gatedSeverity(app: AndroidApp, level: number, severity: Severity): Severity | undefined {
  const g = targetAtLeast(app, level);
  if (g === 'no') return undefined;
  if (g === 'yes' || level <= 30) return severity;
  return severity === 'error' ? 'warning' : severity;
}

/** " (targetSdk 34)" / " (targetSdk unknown; this is an error from targetSdk 34)" for messages. */
export function targetNote(app: AndroidApp, level: number): string {
  const t = app.sdk.targetSdk;
  if (t.value === undefined) {
    const why = t.unresolved ? `\`${t.unresolved}\` cannot be read statically` : 'no build file sets it';
    return ` (targetSdk unknown: ${why}; this is an error from targetSdk ${level})`;
  }
  return ` (targetSdk ${t.value}${t.assumed ? ', assumed' : ''})`;
}

export function isRealSource(s: ManifestSource | undefined): boolean {
  return !!s && s.origin !== 'known' && s.origin !== 'gradle';
}

/** Where an element is, as a report location. */
export function at(source: ManifestSource, el: XmlElement): Pick<Report, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  const p = source.doc.position(el.start);
  const e = source.doc.position(el.startTagEnd);
  return { file: source.file, line: p.line, column: p.column, endLine: e.line, endColumn: e.column };
}

export function atDecl(d: Declaration) {
  return at(d.source, d.el);
}

/** Location of a permission (XML element or JSON string). */
export function atPermission(p: AndroidPermission) {
  if (p.el && p.source) return at(p.source, p.el);
  if (p.loc) return { file: p.loc.file, line: p.loc.line, column: p.loc.column };
  return { file: p.file, line: 0, column: 0 };
}

export function atHit(h: CodeHit) {
  return { file: h.file, line: h.line, column: h.column };
}

/** The app's own main manifest as a location (for findings with no element of their own). */
export function atAppManifest(app: AndroidApp) {
  const src = app.manifests.find((s) => s.origin === 'app' && s.sourceSet === 'main') ?? app.manifests.find((s) => s.origin === 'app');
  if (src) return at(src, src.doc.root);
  return { file: app.manifestFile, line: 0, column: 0 };
}

/** The main app manifest source (where fixes go). */
export function appMainSource(app: AndroidApp): ManifestSource | undefined {
  return app.manifests.find((s) => s.origin === 'app' && s.sourceSet === 'main') ?? app.manifests.find((s) => s.origin === 'app');
}

/** A project-owned declaration of a component (not a known library), for locations. */
export function realDecl(c: AndroidComponent): Declaration | undefined {
  return c.declarations.find((d) => isRealSource(d.source));
}

export function services(app: AndroidApp): AndroidComponent[] {
  return app.merged.components.filter((c) => c.tag === 'service');
}

/** Relative path for messages. */
export function rel(project: AppProject, file: string): string {
  return toPosix(relative(project.files.root, file)) || file;
}

/** A readable label of where a declaration comes from: "" for the app, " (from core)" otherwise. */
export function fromLabel(s: ManifestSource | undefined): string {
  if (!s || s.origin === 'app') return '';
  if (s.origin === 'known') return ` (from the ${s.label} library manifest)`;
  return ` (from ${s.label})`;
}

/** The code scan of the app (empty when it has no sources). */
export function code(project: AppProject): AndroidCodeScan | undefined {
  const app = project.android;
  if (!app || app.sourceFiles.length === 0) return undefined;
  return scanAndroidCode(app, project.files);
}

export interface FgsEvidence {
  /** Services with a type declared in a project-owned file (or an app override of a library service). */
  typedServices: AndroidComponent[];
  /** FOREGROUND_SERVICE declared by a project-owned manifest. */
  basePermission?: AndroidPermission;
  /** startForeground / ServiceCompat.startForeground / setForeground / ForegroundInfo calls. */
  calls: CodeHit[];
}

/** Signals that the app runs foreground services (library-only declarations don't count). */
export function fgsEvidence(project: AppProject): FgsEvidence {
  const app = project.android!;
  const typedServices = services(app).filter((c) => c.foregroundServiceTypes.length > 0 && isRealSource(c.fgsTypeDeclaration?.source));
  const base = permission(app, FOREGROUND_SERVICE);
  const realBase = base && base.declarations.some((d) => isRealSource(d.source)) ? base : base?.loc ? base : undefined;
  const scan = code(project);
  const calls = scan ? [...scan.of('startForeground'), ...scan.of('serviceCompatStartForeground'), ...scan.of('setForeground'), ...scan.of('foregroundInfo')] : [];
  return { typedServices, basePermission: realBase, calls };
}

/** The first project-owned declaration of a permission, as a location. */
export function atRealPermission(p: AndroidPermission) {
  const d =
    p.declarations.find((x) => x.source.origin === 'app' && x.source.sourceSet === 'main') ??
    p.declarations.find((x) => x.source.origin === 'app') ??
    p.declarations.find((x) => isRealSource(x.source));
  return d ? at(d.source, d.el) : atPermission(p);
}

export const BOOT_ACTIONS = ['android.intent.action.BOOT_COMPLETED', 'android.intent.action.LOCKED_BOOT_COMPLETED'];

/** Receivers that listen for BOOT_COMPLETED / LOCKED_BOOT_COMPLETED (well-known library receivers excluded unless asked). */
export function bootReceivers(app: AndroidApp, includeKnown = false): AndroidComponent[] {
  return app.merged.components.filter(
    (c) => c.tag === 'receiver' && c.intentActions.some((a) => BOOT_ACTIONS.includes(a)) && (includeKnown || c.declarations.some((d) => isRealSource(d.source))),
  );
}

/** The component for a class name as code refers to it (simple or qualified). */
export function componentForClass(app: AndroidApp, tag: AndroidComponent['tag'], name: string, fqn?: string): AndroidComponent | undefined {
  const simple = name.slice(name.lastIndexOf('.') + 1);
  return app.merged.components.find((c) => c.tag === tag && (c.name === fqn || c.name === name || c.name.endsWith(`.${simple}`) || c.name === simple));
}
