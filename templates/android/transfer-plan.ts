/**
 * The Android part of a transfer service (kind `transfer`): the Kotlin of
 * templates/android/transfer/ — the task model and store, the HttpURLConnection
 * transfers with Range/ETag resume, the queue with retries and per-host limits
 * (`<Name>Transfers`, the object the host plugins call), the user-initiated
 * data transfer job (Android 14+, a regular job below), the dataSync
 * foreground service below Android 14, and the notifications with their
 * Cancel/Pause/Resume actions — and the manifest entries they need. Called by
 * the Android target (plan.ts) for transfer services.
 */
import type { GenerationContext } from '../../generator/context.js';
import { androidSourceDir, hostsToGenerate } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type TargetOutput } from '../../generator/target.js';
import type { ComponentSpec } from '../../editors/android-manifest.js';
import { LONG_TRANSFER_OPS, NOTIFICATION_STATES, TRANSFER_EVENTS, TRANSFER_RULES, TRANSFER_STATUSES, transferDefaults } from '../ts/transfer-api.js';
import { placeManifestEntries } from './manifest-placement.js';
import { kotlinHelpers } from './kotlin-types.js';
import { BIND_JOB_SERVICE, type ManifestEntries } from './manifest.js';
import { androidNames, stableId, transferClassNames } from './names.js';
import { permissionPlan, type ManifestPermission } from './permissions.js';


/** Template → file stem (the main class it holds). */
function kotlinFiles(t: ReturnType<typeof transferClassNames>): Array<[string, string]> {
  return [
    ['Model', t.task],
    ['Http', t.http],
    ['Transfers', t.transfers],
    ['JobService', t.job],
    ['Service', t.service],
    ['Notifications', t.notifications],
    ['Files', t.files],
  ];
}

const P = (s: string) => `android.permission.${s}`;

/** The permissions a transfer service needs, with the declared ones. */
export function transferPermissions(ctx: GenerationContext): ManifestPermission[] {
  const out = new Map<string, ManifestPermission>(permissionPlan(ctx.model).manifest.map((p) => [p.name, p]));
  const add = (name: string, why: string) => out.has(name) || out.set(name, { name, why });
  add(P('INTERNET'), 'the transfers');
  // JobScheduler refuses network constraints without it (Android 14+).
  add(P('ACCESS_NETWORK_STATE'), "the jobs' network constraint");
  add(P('RUN_USER_INITIATED_JOBS'), 'user-initiated data transfer jobs (Android 14+)');
  add(P('POST_NOTIFICATIONS'), 'the transfer notifications (Android 13+)');
  add(P('FOREGROUND_SERVICE'), 'the dataSync foreground service that runs transfers below Android 14');
  add(P('FOREGROUND_SERVICE_DATA_SYNC'), 'the dataSync foreground service type (Android 14+ checks it)');
  if (transferDefaults(ctx.model).sharedStorage.androidLegacyStorage && !out.has(P('WRITE_EXTERNAL_STORAGE'))) {
    // Android 10+ writes to MediaStore without it; only the legacy public folders need it.
    out.set(P('WRITE_EXTERNAL_STORAGE'), { name: P('WRITE_EXTERNAL_STORAGE'), maxSdkVersion: 28, why: 'moveToSharedStorage on Android 9 and below (transfer.sharedStorage.androidLegacyStorage)' });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function transferComponents(ctx: GenerationContext): ComponentSpec[] {
  const n = androidNames(ctx);
  const t = transferClassNames(ctx.model.names.pascal);
  return [
    { tag: 'service', name: n.qualified(t.job), attrs: { 'android:exported': 'false', 'android:permission': BIND_JOB_SERVICE } },
    {
      tag: 'service',
      name: n.qualified(t.service),
      attrs: { 'android:exported': 'false', 'android:foregroundServiceType': 'dataSync', 'android:stopWithTask': 'false' },
    },
    { tag: 'receiver', name: n.qualified(t.receiver), attrs: { 'android:exported': 'false' } },
    {
      tag: 'provider',
      name: n.qualified(t.provider),
      attrs: { 'android:authorities': `\${applicationId}${fileProviderSuffix(ctx)}`, 'android:exported': 'false', 'android:grantUriPermissions': 'true' },
    },
  ];
}

/**
 * What follows the app's id in the authority of the service's file provider (openFile): the
 * service's own, so it cannot collide with an app's provider (androidx FileProvider's are usually
 * `<appId>.fileprovider`) nor with another service's.
 */
export function fileProviderSuffix(ctx: GenerationContext): string {
  return `.${transferClassNames(ctx.model.names.pascal).files}`;
}

function templateData(ctx: GenerationContext) {
  const m = ctx.model;
  const n = androidNames(ctx);
  const transfer = transferDefaults(m);
  const id = ctx.ids.identifier;
  const declared = transfer.notifications;
  return {
    model: m,
    n,
    t: transferClassNames(m.names.pascal),
    k: kotlinHelpers(m, n.json),
    transfer,
    rules: TRANSFER_RULES,
    statuses: TRANSFER_STATUSES,
    events: TRANSFER_EVENTS,
    ids: { identifier: id, jobBase: stableId(id, 'transfer-jobs'), notificationBase: stableId(id, 'transfer-notifications') },
    channel: { id: m.android.notification?.channel ?? `${m.names.kebab}-transfers`, name: m.android.notification?.channelName ?? 'Transfers' },
    // The running notification is always shown (a user-initiated job and a foreground service need one).
    notificationTexts: NOTIFICATION_STATES.map((s) => [s, declared[s] ?? (s === 'running' ? { title: '{filename}', body: '{progress}' } : undefined)] as const),
    iconName: `${m.names.snake}_notification`,
    longOps: LONG_TRANSFER_OPS,
    legacyStorage: transfer.sharedStorage.androidLegacyStorage,
    providerSuffix: fileProviderSuffix(ctx),
    prefsFile: `${id}.transfers`,
    partialDir: 'bg-transfers',
    logTag: m.names.pascal,
  };
}

/** The names (without `.kt`) of the Kotlin files of a transfer service. */
export function androidTransferKotlinStems(ctx: GenerationContext): string[] {
  return kotlinFiles(transferClassNames(ctx.model.names.pascal)).map(([, stem]) => stem);
}

/** Everything the Android target writes for a transfer service. */
export function androidTransferPlan(ctx: GenerationContext): TargetOutput {
  const data = templateData(ctx);
  const entries: ManifestEntries = { permissions: transferPermissions(ctx), components: transferComponents(ctx) };
  const out: TargetOutput = { files: [], contributions: [], notes: [] };
  const libraryManifest = placeManifestEntries(ctx, entries, out, renderTemplate('android/AndroidManifest.xml.ejs', data));
  const kotlin = kotlinFiles(data.t).map(([template, stem]) => ({ stem, content: renderTemplate(`android/transfer/${template}.kt.ejs`, data) }));
  for (const host of hostsToGenerate(ctx)) {
    const dir = androidSourceDir(ctx, host);
    for (const f of kotlin) out.files.push({ path: joinPath(dir, `${f.stem}.kt`), content: f.content, owner: 'glue' });
    const manifest = libraryManifest(host);
    if (manifest) out.files.push(manifest);
  }
  return out;
}
