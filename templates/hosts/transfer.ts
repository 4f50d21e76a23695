/**
 * Transfer services (kind `transfer`) in the host plugins: the same plugin
 * packages (Cargo.toml, build.rs, permissions, package.json, Gradle and Swift
 * package files, types.ts), with the files that carry the API in a transfer
 * variant — the one native method `transfer({ op, args })` and the two
 * transfer events instead of start/stop/getState, commands and lifecycle
 * events (see templates/ts/transfer-api.ts). A variant lives beside its
 * original under `transfer/` (`templates/tauri/transfer/src/lib.rs.ejs`).
 */
import type { GenerationContext } from '../../generator/context.js';

/** The templates that have a transfer variant, per template folder. */
const VARIANTS: Readonly<Record<'tauri' | 'capacitor' | 'hosts', ReadonlySet<string>>> = {
  tauri: new Set(['src/lib.rs.ejs', 'src/commands.rs.ejs', 'src/desktop.rs.ejs', 'src/mobile.rs.ejs', 'guest-js/index.ts.ejs', 'android/Plugin.kt.ejs', 'ios/Plugin.swift.ejs']),
  capacitor: new Set(['src/definitions.ts.ejs', 'src/index.ts.ejs', 'src/web.ts.ejs', 'android/Plugin.kt.ejs', 'ios/Plugin.swift.ejs']),
  hosts: new Set(['android/Bridge.kt.ejs', 'ios/Bridge.swift.ejs']),
};

/** `<folder>/<template>`, or its transfer variant for a transfer service. */
export function hostTemplate(ctx: GenerationContext, folder: keyof typeof VARIANTS, template: string): string {
  return ctx.model.kind === 'transfer' && VARIANTS[folder].has(template) ? `${folder}/transfer/${template}` : `${folder}/${template}`;
}
