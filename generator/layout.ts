/**
 * Where each piece of a generated module goes. One place, so every target
 * (and the docs) agree.
 *
 * A service's module lives beside its declaration (`moduleDir`), one complete,
 * self-contained plugin per host, laid out as that host's own scaffold lays it
 * out (reference/hosts.md):
 *
 *   <moduleDir>/<name>.bg.ts        the declaration
 *   <moduleDir>/tauri/              Tauri v2 plugin crate (Cargo.toml, src/, android/, ios/, guest-js/)
 *   <moduleDir>/capacitor/          Capacitor plugin package (package.json, src/, android/, ios/)
 *   <moduleDir>/node/               Node desktop runner (desktop.runtime = 'node')
 *
 * In an app, only the app's own host is generated; a standalone module gets
 * every host it declares. Platform code for Android and iOS sits inside each
 * host plugin's `android/` and `ios/` folders, where the host's build expects it.
 */
import type { Host } from '../declaration/model.js';
import type { GenerationContext } from './context.js';
import { joinPath } from './target.js';

/** The hosts to generate a plugin for in this project. */
export function hostsToGenerate(ctx: GenerationContext): Host[] {
  if (ctx.host.kind === 'standalone') return ctx.model.hosts;
  return ctx.model.hosts.filter((h) => h === ctx.host.kind);
}

/** Project-relative folder of the plugin for `host`. */
export function pluginDir(ctx: GenerationContext, host: Host): string {
  return joinPath(ctx.moduleDir, host);
}

/** Folder of the plugin's Android library (its build.gradle, src/main/…). */
export function androidLibraryDir(ctx: GenerationContext, host: Host): string {
  return joinPath(pluginDir(ctx, host), 'android');
}

/** Folder of Kotlin sources for the service's package inside the Android library. */
export function androidSourceDir(ctx: GenerationContext, host: Host): string {
  return joinPath(androidLibraryDir(ctx, host), 'src/main/java', ...ctx.ids.androidPackage.split('.'));
}

/** Folder of Swift sources inside the plugin's iOS package. */
export function iosSourceDir(ctx: GenerationContext, host: Host): string {
  return host === 'tauri'
    ? joinPath(pluginDir(ctx, host), 'ios/Sources')
    : joinPath(pluginDir(ctx, host), 'ios/Sources', `${ctx.model.names.pascal}Plugin`);
}

/**
 * Folder of the Node desktop runner (desktop.runtime = 'node'): `runner/`
 * (ESM TypeScript, `index.ts` exports the API), `main.ts` (the OS-service
 * entry) and the user's `my-service.ts`. See templates/desktop/README.md.
 */
export function nodeRunnerDir(ctx: GenerationContext): string {
  return joinPath(ctx.moduleDir, 'node');
}

/**
 * Folder of the entries a host app must merge into its own Info.plist and
 * entitlements, written when there is no iOS app project to edit (a standalone
 * module, or an app whose iOS project does not exist yet). Deliberately not
 * named `Info.plist`: bg-doctor would take such a file for an app target.
 */
export function iosAppAdditionsDir(ctx: GenerationContext, host: Host): string {
  return joinPath(pluginDir(ctx, host), 'ios/merge-into-app');
}

/**
 * Desktop runner in Rust (desktop.runtime = 'rust', Tauri hosts): a module
 * set inside the Tauri plugin crate, `src/runner/` (mod.rs, types, protocol,
 * service, lifecycle, control, desired, ipc, os_service, service_main, error,
 * tests). It depends only on tokio, tokio-util, serde, serde_json and
 * thiserror (never on tauri), so `src/desktop.rs` wraps it and its tests run
 * without a webview. The crate declares it `pub mod runner;` (public, so the
 * app's `main` can call `runner::service_main::run_if_requested`).
 */
export function rustRunnerDir(ctx: GenerationContext): string {
  return joinPath(pluginDir(ctx, 'tauri'), 'src/runner');
}

/** The user's Rust service (created once): `src/my_service.rs`, declared `pub mod my_service;` beside `runner`. */
export function rustServiceFile(ctx: GenerationContext): string {
  return joinPath(pluginDir(ctx, 'tauri'), 'src/my_service.rs');
}
