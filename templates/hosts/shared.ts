/**
 * What the two host targets (templates/tauri, templates/capacitor) share:
 * when a host plugin is generated, the data of the host-neutral native
 * bridges, and those bridges themselves — `<Name>Bridge.kt` over the Android
 * service's controller and `<Name>Bridge.swift` over the iOS service, which
 * both hosts' plugin classes call. The TS API they share is templates/ts.
 */
import type { Host } from '../../declaration/model.js';
import type { GenerationContext } from '../../generator/context.js';
import { androidSourceDir, hostsToGenerate, iosSourceDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type TargetOutput } from '../../generator/target.js';
import { swiftString } from '../../escape/index.js';
import { kotlinHelpers } from '../android/kotlin-types.js';
import { androidNames, type AndroidNames } from '../android/names.js';
import { permissionPlan } from '../android/permissions.js';
import { LIFECYCLE_WIRE, serviceApi, type ServiceApi } from '../ts/api.js';
import { pluginDir } from '../../generator/layout.js';
import { API_RESERVED } from '../../declaration/names.js';
import { hostTemplate } from './transfer.js';

/**
 * A host plugin is generated for the hosts the project gets (layout.ts); a
 * transfer service's plugin carries the transfer API (hosts/transfer.ts).
 */
export function hostsApply(ctx: GenerationContext, host: Host): boolean {
  return hostsToGenerate(ctx).includes(host);
}

export interface HostData {
  model: GenerationContext['model'];
  n: AndroidNames;
  k: ReturnType<typeof kotlinHelpers>;
  h: { swiftString: typeof swiftString };
  /** `NotesSyncBridge`: the host-neutral bridge on both platforms. */
  bridge: string;
  lifecycle: typeof LIFECYCLE_WIRE;
  /** Dangerous permissions the `service` alias asks for before start (Android). */
  runtimePermissions: string[];
  /**
   * The plugin library's src/main/AndroidManifest.xml is ours to write: the
   * Android target writes it (with the service's entries) only when there is
   * no app manifest to contribute them to.
   */
  libraryManifestIsOurs: boolean;
}

export function hostData(ctx: GenerationContext): HostData {
  const n = androidNames(ctx);
  return {
    model: ctx.model,
    n,
    k: kotlinHelpers(ctx.model, n.json),
    h: { swiftString },
    bridge: `${ctx.model.names.pascal}Bridge`,
    lifecycle: LIFECYCLE_WIRE,
    runtimePermissions: permissionPlan(ctx.model)
      .runtime.map((p) => p.name)
      .filter((p) => p !== 'android.permission.ACCESS_BACKGROUND_LOCATION'),
    libraryManifestIsOurs: ctx.host.kind !== 'standalone' && ctx.host.files.androidManifest !== undefined,
  };
}

/** `<Name>Bridge.kt`, beside the service's Kotlin in the host plugin's Android library. */
export function kotlinBridgeFile(ctx: GenerationContext, host: Host, data: HostData): OutputFile {
  return {
    path: joinPath(androidSourceDir(ctx, host), `${data.bridge}.kt`),
    content: renderTemplate(hostTemplate(ctx, 'hosts', 'android/Bridge.kt.ejs'), data as unknown as Record<string, unknown>),
    owner: 'glue',
  };
}

/** `<Name>Bridge.swift`, beside the service's Swift in the host plugin's iOS package. */
export function swiftBridgeFile(ctx: GenerationContext, host: Host, data: HostData): OutputFile {
  return {
    path: joinPath(iosSourceDir(ctx, host), `${data.bridge}.swift`),
    content: renderTemplate(hostTemplate(ctx, 'hosts', 'ios/Bridge.swift.ejs'), data as unknown as Record<string, unknown>),
    owner: 'glue',
  };
}

/**
 * Type names a declared type must not take in a host plugin (Target.reservedTypeNames):
 * the API's own TS types, the names each host's guest TS declares or imports beside the
 * declared types, and the plugin and bridge classes in the service's Kotlin package and
 * Swift module (with the host classes the Swift uses unqualified, which a type in the
 * module would shadow).
 */
export function hostReservedTypeNames(ctx: GenerationContext, host: Host): string[] {
  const P = ctx.model.names.pascal;
  const common = [...API_RESERVED.type, `${P}Events`, `${P}Commands`, `${P}Api`, `${P}Plugin`, `${P}Bridge`, 'CAPABILITIES', 'ERROR_CODES', 'call', 'listen'];
  return host === 'tauri'
    ? [...common, 'PLUGIN', 'Plugin', 'Invoke', 'JSObject', 'JSTypes', 'JsonValue', 'WKWebView']
    : [...common, `${P}Native`, `${P}Web`, 'command', 'desktopOnly', 'CAPPlugin', 'CAPPluginCall', 'CAPPluginMethod', 'CAPBridgedPlugin', 'WebPlugin'];
}

/**
 * What a host target's plan starts from: the API description, the bridges' data, the
 * host's view of them, the plugin folder, an empty output, and `glue(path, template)`
 * rendering `templates/<host>/<template>` with the view into a glue file at `path`.
 */
export function startHostPlan<V extends object>(ctx: GenerationContext, host: Host, makeView: (api: ServiceApi, shared: HostData) => V) {
  const api = serviceApi(ctx.model);
  const shared = hostData(ctx);
  const view = makeView(api, shared);
  const out: TargetOutput = { files: [], contributions: [], notes: [] };
  const glue = (path: string, template: string, data: object = view) =>
    out.files.push({ path, content: renderTemplate(hostTemplate(ctx, host, template), data as Record<string, unknown>), owner: 'glue' });
  return { api, shared, view, dir: pluginDir(ctx, host), out, glue };
}
