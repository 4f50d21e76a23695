/**
 * The iOS part of a transfer service (kind `transfer`): the Swift of
 * templates/ios/transfer/ — one background URLSession with a stable
 * identifier (`ctx.ids.iosUrlSession`), downloads to files, uploads from files
 * (multipart bodies written to a file first), pause through resume data,
 * retries through `earliestBeginDate`, the task store, and the
 * `handleEventsForBackgroundURLSession` hook — and the package's privacy
 * manifest. A background URLSession needs no UIBackgroundModes entry, so the
 * app's Info.plist gets nothing. Called by the iOS target (plan.ts).
 */
import type { GenerationContext } from '../../generator/context.js';
import { hostsToGenerate, iosSourceDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type TargetOutput } from '../../generator/target.js';
import { plistString } from '../../escape/index.js';
import { NOTIFICATION_STATES, TRANSFER_EVENTS, TRANSFER_RULES, TRANSFER_STATUSES, transferDefaults } from '../ts/transfer-api.js';
import { accessedApi, stringValue } from './contributions.js';
import { accessedApis } from './privacy.js';
import { swiftHelpers } from './swift.js';

/** Swift files of a transfer service: template → file-name suffix (`NotesSync` + suffix). */
const SWIFT_FILES = [
  { template: 'ios/transfer/Transfers.swift.ejs', suffix: 'Transfers.swift' },
  { template: 'ios/transfer/TransferStore.swift.ejs', suffix: 'TransferStore.swift' },
] as const;

/** The types the transfer Swift declares (a declared type must not take these names). */
export function iosTransferTypeNames(pascal: string): string[] {
  return [`${pascal}Transfers`, `${pascal}TransferStore`, `${pascal}TransferTask`, `${pascal}TransferNotifications`, 'Failure'];
}

export function iosTransferPlan(ctx: GenerationContext): TargetOutput {
  const m = ctx.model;
  const transfer = transferDefaults(m);
  const data = {
    model: m,
    h: swiftHelpers,
    transfer,
    rules: TRANSFER_RULES,
    statuses: TRANSFER_STATUSES,
    events: TRANSFER_EVENTS,
    sessionId: ctx.ids.iosUrlSession,
    storeDir: `${ctx.ids.identifier}.transfers`,
    notificationTexts: NOTIFICATION_STATES.map((s) => [s, transfer.notifications[s]] as const),
    // moveToSharedStorage puts images and video into Photos only when the declaration gives the usage text.
    photos: transfer.sharedStorage.iosPhotosUsage !== undefined,
  };
  const swift = SWIFT_FILES.map((f) => ({ ...f, content: renderTemplate(f.template, data) }));
  const apis = accessedApis(swift.map((f) => ({ path: f.suffix, content: f.content })));
  const out: TargetOutput = { files: [], contributions: [], notes: [] };
  for (const host of hostsToGenerate(ctx)) {
    const dir = iosSourceDir(ctx, host);
    for (const f of swift) out.files.push({ path: joinPath(dir, `${m.names.pascal}${f.suffix}`), content: f.content, owner: 'glue' });
    out.files.push({ path: joinPath(dir, 'PrivacyInfo.xcprivacy'), content: renderTemplate('ios/PrivacyInfo.xcprivacy.ejs', { accessedApis: apis, plistString }), owner: 'glue' });
  }
  const privacy = ctx.host.kind !== 'standalone' ? ctx.host.files.iosPrivacyManifest : undefined;
  if (privacy) for (const api of apis) out.contributions.push(accessedApi(privacy, api.category, api.reasons));
  const photos = transfer.sharedStorage.iosPhotosUsage;
  if (photos !== undefined) {
    const info = ctx.host.kind !== 'standalone' ? ctx.host.files.iosInfoPlist : undefined;
    if (info) out.contributions.push(stringValue(info, 'NSPhotoLibraryAddUsageDescription', photos));
    else out.notes.push(`iOS: add NSPhotoLibraryAddUsageDescription = ${JSON.stringify(photos)} to the app's Info.plist (moveToSharedStorage adds images and video to Photos)`);
  }
  return out;
}
