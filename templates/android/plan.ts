/**
 * The Android target: for each host plugin, the Kotlin of the service (a
 * foreground `Service` for `continuous`, a `JobService` for `periodic`), the
 * typed events and commands, the user's implementation file (created once),
 * and the manifest entries — contributed to the app's AndroidManifest.xml, or
 * written into the plugin library's own manifest for a standalone module.
 *
 * `transfer` services get the Kotlin and manifest entries of transfer-plan.ts
 * (user-initiated data transfer jobs), beside these, under the same `androidSourceDir`.
 */
import type { GenerationContext } from '../../generator/context.js';
import { androidSourceDir, hostsToGenerate } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target, type TargetOutput } from '../../generator/target.js';
import { docCommentText } from '../../escape/index.js';
import type { NotificationImportance, TypeRef } from '../../declaration/model.js';
import { kotlinHelpers, kotlinType } from './kotlin-types.js';
import { bootStart, resumeOpensApp } from './lifecycle.js';
import { manifestComponents, type ComponentPlan, type ManifestEntries } from './manifest.js';
import { androidNames, generatedClassNames, KOTLIN_RESERVED_TYPE_NAMES, stableId, type AndroidNames } from './names.js';
import { fgsPlan } from './fgs.js';
import { permissionPlan } from './permissions.js';
import { androidTransferKotlinStems, androidTransferPlan } from './transfer-plan.js';
import { placeManifestEntries } from './manifest-placement.js';

const IMPORTANCE: Record<NotificationImportance, { channel: string; priority: string }> = {
  min: { channel: 'IMPORTANCE_MIN', priority: 'PRIORITY_MIN' },
  low: { channel: 'IMPORTANCE_LOW', priority: 'PRIORITY_LOW' },
  default: { channel: 'IMPORTANCE_DEFAULT', priority: 'PRIORITY_DEFAULT' },
  high: { channel: 'IMPORTANCE_HIGH', priority: 'PRIORITY_HIGH' },
};

/** The optional parts of a continuous service. */
function optionalParts(ctx: GenerationContext): ComponentPlan {
  const m = ctx.model;
  const timesOut = fgsPlan(m).declared.some((t) => t.timeoutFrom !== undefined);
  return {
    bootReceiver: m.kind === 'continuous' && m.android.restartOnBoot,
    restartJob: m.kind === 'continuous' && m.android.onTimeout === 'reschedule' && timesOut,
  };
}

/** Which Kotlin files a service gets: template → file stem (the class it holds). */
function kotlinFiles(ctx: GenerationContext, n: AndroidNames, parts: ComponentPlan): Array<[string, string]> {
  const m = ctx.model;
  const files: Array<[string, string]> = [['Json', n.json]];
  if (m.types.length) files.push(['Types', `${m.names.pascal}Types`]);
  files.push(['Events', n.events], ['Base', n.base], ['Runtime', n.runtime], ['Permissions', n.permissions], ['Controller', n.controller]);
  if (m.kind === 'continuous') {
    files.push(['Service', n.service], ['Notifications', n.notifications], ['State', n.state]);
    if (parts.bootReceiver) files.push(['BootReceiver', n.bootReceiver]);
    if (parts.restartJob) files.push(['RestartJob', n.restartJob]);
  } else {
    files.push(['JobService', n.jobService]);
  }
  return files;
}

/** Everything the templates read, computed once per service. */
function templateData(ctx: GenerationContext, n: AndroidNames) {
  const m = ctx.model;
  const fgs = fgsPlan(m);
  const fgsTypes = fgs.declared;
  const boot = bootStart(fgsTypes);
  const id = ctx.ids.identifier;
  return {
    model: m,
    n,
    k: kotlinHelpers(m, n.json),
    ids: {
      identifier: id,
      ongoingNotification: stableId(id, 'notification'),
      resumeNotification: stableId(id, 'resume-notification'),
      periodicJob: stableId(id, 'periodic-job'),
      restartJob: stableId(id, 'restart-job'),
    },
    // The file name only: the code stays the same wherever the module sits (the header has the path).
    declarationName: ctx.declarationPath.slice(ctx.declarationPath.lastIndexOf('/') + 1),
    continuous: m.kind === 'continuous',
    schedule: m.schedule,
    notification: m.android.notification,
    importance: IMPORTANCE[m.android.notification?.importance ?? 'low'],
    perms: permissionPlan(m),
    fgsTypes,
    fgs,
    timeouts: fgsTypes.filter((t) => t.timeoutFrom !== undefined).map((t) => t.name),
    onTimeout: m.android.onTimeout,
    boot,
    resumeOpensApp: resumeOpensApp(fgsTypes),
    mediaProjection: fgsTypes.some((t) => t.name === 'mediaProjection'),
    foregroundOnlyTypes: boot.kind === 'never' ? boot.types : [],
    iconName: `${m.names.snake}_notification`,
    prefsFile: `${id}.bg-service`,
    logTag: m.names.pascal,
    // In the sealed event class, nested classes (one per event) shadow declared types of the same name.
    eventPayloadType: (t: TypeRef) => kotlinType(t, { pkg: n.kotlinPkg, names: new Set(m.events.map((e) => e.names.pascal)) }),
    docText: docCommentText,
  };
}

/** The names (without `.kt`) of the Kotlin files this target writes for a service: its glue and the user's file. */
export function androidKotlinFileStems(ctx: GenerationContext): string[] {
  if (ctx.model.kind === 'transfer') return androidTransferKotlinStems(ctx);
  const n = androidNames(ctx);
  return [...kotlinFiles(ctx, n, optionalParts(ctx)).map(([, stem]) => stem), n.user];
}

export const androidTarget: Target = {
  id: 'android',
  applies: (ctx) => hostsToGenerate(ctx).length > 0,
  reservedTypeNames: (ctx) => [...KOTLIN_RESERVED_TYPE_NAMES, ...generatedClassNames(androidNames(ctx), ctx.model.kind)],
  plan(ctx): TargetOutput {
    if (ctx.model.kind === 'transfer') return androidTransferPlan(ctx);
    const n = androidNames(ctx);
    const data = templateData(ctx, n);
    const parts = optionalParts(ctx);
    const entries: ManifestEntries = { permissions: data.perms.manifest, components: manifestComponents(ctx.model, n, parts) };
    const out: TargetOutput = { files: [], contributions: [], notes: [] };
    const libraryManifest = placeManifestEntries(ctx, entries, out, renderTemplate('android/AndroidManifest.xml.ejs', data));

    for (const host of hostsToGenerate(ctx)) {
      const dir = androidSourceDir(ctx, host);
      const files: OutputFile[] = kotlinFiles(ctx, n, parts).map(([template, stem]) => ({
        path: joinPath(dir, `${stem}.kt`),
        content: renderTemplate(`android/${template}.kt.ejs`, data),
        owner: 'glue',
      }));
      files.push({ path: joinPath(dir, `${n.user}.kt`), content: renderTemplate('android/User.kt.ejs', data), owner: 'user' });
      const manifest = libraryManifest(host);
      if (manifest) files.push(manifest);
      out.files.push(...files);
    }
    return out;
  },
};
