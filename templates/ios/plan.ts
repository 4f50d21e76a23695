/**
 * The iOS target: for each host plugin, the Swift sources of the service
 * (types, runtime, the service actor, BGTaskScheduler glue, and the user's
 * implementation, created once) and the package's privacy manifest; and the
 * app's Info.plist / entitlements / privacy-manifest entries, as
 * contributions when the app's iOS project exists, else as files to merge.
 *
 * Transfer services (background URLSession) get the Swift of transfer-plan.ts
 * instead (`iosPlan` returns nothing for them).
 */
import type { GenerationContext } from '../../generator/context.js';
import type { Contribution } from '../../generator/contributions.js';
import { hostsToGenerate, iosAppAdditionsDir, iosSourceDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target, type TargetOutput } from '../../generator/target.js';
import { plistString } from '../../escape/index.js';
import { accessedApi, arrayValue, stringValue } from './contributions.js';
import { accessedApis, type AccessedApi } from './privacy.js';
import { swiftHelpers } from './swift.js';
import { iosPlan, type IosPlan } from './tasks.js';
import { iosTransferPlan, iosTransferTypeNames } from './transfer-plan.js';

/** Swift files of a service, by template and file-name suffix (`NotesSync` + suffix). */
const SWIFT_FILES = [
  { template: 'ios/Types.swift.ejs', suffix: 'Types.swift', owner: 'glue' },
  { template: 'ios/Runtime.swift.ejs', suffix: 'Runtime.swift', owner: 'glue' },
  { template: 'ios/Service.swift.ejs', suffix: 'Service.swift', owner: 'glue' },
  { template: 'ios/BackgroundTasks.swift.ejs', suffix: 'BackgroundTasks.swift', owner: 'glue' },
  { template: 'ios/Implementation.swift.ejs', suffix: 'Implementation.swift', owner: 'user' },
] as const;

/** Foundation/Swift types the generated files use unqualified; a declared type of that name would shadow them. */
const SWIFT_PLATFORM_TYPES = ['Task', 'Data', 'Date', 'URL', 'Error', 'Result', 'UUID', 'String', 'Int', 'Double', 'Bool', 'Array',
  'Dictionary', 'Set', 'Optional', 'Never', 'Void', 'Any', 'Codable', 'Sendable', 'Equatable', 'JSONSerialization', 'JSONDecoder',
  'JSONEncoder', 'UserDefaults', 'NSLock', 'Notification', 'NotificationCenter', 'DispatchQueue', 'TimeInterval', 'BGTask',
  'BGTaskScheduler', 'BGAppRefreshTask', 'BGProcessingTask', 'BGAppRefreshTaskRequest', 'BGProcessingTaskRequest', 'UIApplication'];

export const iosTarget: Target = {
  id: 'ios',
  applies: (ctx) => iosPlan(ctx) !== undefined || (ctx.model.kind === 'transfer' && hostsToGenerate(ctx).length > 0),
  reservedTypeNames(ctx) {
    if (ctx.model.kind === 'transfer') return [...SWIFT_PLATFORM_TYPES, 'URLSession', 'URLSessionTask', 'FileManager', ...iosTransferTypeNames(ctx.model.names.pascal)];
    // Every type the generated files declare besides the declared ones (found in the rendered Swift).
    const plan = iosPlan(ctx)!;
    const own = new Set(ctx.model.types.map((t) => t.name));
    const declared = SWIFT_FILES.flatMap((f) =>
      [...renderTemplate(f.template, { model: ctx.model, plan, h: swiftHelpers }).matchAll(/\b(?:struct|class|enum|actor|protocol|typealias)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!),
    );
    return [...SWIFT_PLATFORM_TYPES, ...declared.filter((n) => !own.has(n))];
  },
  plan(ctx) {
    if (ctx.model.kind === 'transfer') return iosTransferPlan(ctx);
    const plan = iosPlan(ctx)!;
    const out: TargetOutput = { files: [], contributions: [], notes: plan.warnings.map((w) => `iOS: ${w}`) };
    const data = { model: ctx.model, plan, h: swiftHelpers };
    const swift = SWIFT_FILES.map((f) => ({ ...f, content: renderTemplate(f.template, data) }));
    const apis = accessedApis(swift.map((f) => ({ path: f.suffix, content: f.content })));
    const hosts = hostsToGenerate(ctx);
    for (const host of hosts) {
      const dir = iosSourceDir(ctx, host);
      for (const f of swift) out.files.push({ path: joinPath(dir, `${ctx.model.names.pascal}${f.suffix}`), content: f.content, owner: f.owner });
      out.files.push({ path: joinPath(dir, 'PrivacyInfo.xcprivacy'), content: renderTemplate('ios/PrivacyInfo.xcprivacy.ejs', { accessedApis: apis, plistString }), owner: 'glue' });
    }
    const app = appEntries(ctx, plan, apis);
    out.contributions.push(...app.contributions);
    out.notes.push(...app.notes);
    if (app.additions.length) for (const host of hosts) out.files.push(...additionFiles(ctx, host, plan, app.additions));
    return out;
  },
};

type Addition = 'Info.plist' | 'entitlements';

/** Contributions to the app's own files, and which entries must be merged by hand instead. */
function appEntries(ctx: GenerationContext, plan: IosPlan, apis: AccessedApi[]): { contributions: Contribution[]; notes: string[]; additions: Addition[] } {
  const files = ctx.host.files;
  const contributions: Contribution[] = [];
  const notes: string[] = [];
  const additions: Addition[] = [];
  const standalone = ctx.host.kind === 'standalone';
  const info = files.iosInfoPlist;
  if (info) {
    for (const mode of plan.backgroundModes) contributions.push(arrayValue(info, 'UIBackgroundModes', mode));
    for (const id of plan.permittedIdentifiers) contributions.push(arrayValue(info, 'BGTaskSchedulerPermittedIdentifiers', id));
    for (const u of plan.usageStrings) contributions.push(stringValue(info, u.key, u.value));
  } else {
    additions.push('Info.plist');
    if (!standalone) notes.push("iOS: the app's iOS project was not found, so its Info.plist entries were written to merge by hand; add the iOS platform, then run generate again");
  }
  if (plan.apsEnvironment) {
    const ent = files.iosEntitlements;
    // An aps-environment the app already has (Xcode's Push capability) stays as it is.
    if (ent) contributions.push(stringValue(ent, 'aps-environment', plan.apsEnvironment, true));
    else {
      additions.push('entitlements');
      if (!standalone) notes.push("iOS: remote notifications need the Push Notifications capability: add it in Xcode (it creates the app's .entitlements), then run generate again");
    }
  }
  if (files.iosPrivacyManifest) for (const api of apis) contributions.push(accessedApi(files.iosPrivacyManifest, api.category, api.reasons));
  return { contributions, notes, additions };
}

/** The Info.plist / entitlements entries as files to merge into the app (standalone modules, or no iOS project yet). */
function additionFiles(ctx: GenerationContext, host: Parameters<typeof iosSourceDir>[1], plan: IosPlan, additions: Addition[]): OutputFile[] {
  const dir = iosAppAdditionsDir(ctx, host);
  const data = { plan, plistString };
  const out: OutputFile[] = [];
  if (additions.includes('Info.plist')) out.push({ path: joinPath(dir, 'Info.additions.plist'), content: renderTemplate('ios/Info.additions.plist.ejs', data), owner: 'glue' });
  if (additions.includes('entitlements')) out.push({ path: joinPath(dir, 'App.additions.entitlements'), content: renderTemplate('ios/App.additions.entitlements.ejs', data), owner: 'glue' });
  return out;
}
