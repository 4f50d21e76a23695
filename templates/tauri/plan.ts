/**
 * The Tauri target: the service as a Tauri v2 plugin crate, laid out like
 * `tauri plugin new --mobile` under `pluginDir(ctx, 'tauri')`, and its wiring
 * into the Tauri app it lives in.
 *
 * The crate: Cargo.toml (`links`), build.rs (COMMANDS: every command the TS
 * API calls), permissions/default.toml (exactly those), src/ (lib, commands,
 * desktop over the runner of templates/desktop, mobile over
 * `run_mobile_plugin_async`, models, error, types), android/ (the
 * `@TauriPlugin` class over the Android service's controller), ios/
 * (Package.swift named like the crate, the `Plugin` subclass, `@_cdecl`), and
 * guest-js/ (the typed API shared with Capacitor, see templates/ts/api.ts).
 * The Android service and iOS task code come from templates/android and
 * templates/ios, into the same android/ and ios/ folders.
 *
 * The app (contributions, byte-preserving): the path dependency in
 * src-tauri/Cargo.toml, `.plugin(<crate>::init())` in the builder,
 * `<name>:default` in a capability, and for an OS service the
 * `run_service_if_requested()` hook in `main`. The app's AndroidManifest.xml
 * and Info.plist entries come from the Android and iOS targets (through our
 * editors, not tauri-plugin's build-time injection: those are recorded,
 * removable, and bg-doctor sees them in the app's own files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { GenerationContext } from '../../generator/context.js';
import type { Contribution } from '../../generator/contributions.js';
import { androidLibraryDir, androidSourceDir, iosSourceDir, pluginDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type Target, type TargetOutput } from '../../generator/target.js';
import { renderApiTypes } from '../ts/plan.js';
import { typeNames } from '../ts/api.js';
import { tsHelpers } from '../ts/types.js';
import { rustView } from '../desktop/rust-target.js';
import { arrayItem } from '../hosts/json-entries.js';
import { hostReservedTypeNames, hostsApply, kotlinBridgeFile, startHostPlan, swiftBridgeFile } from '../hosts/shared.js';
import { planLine, type LineData } from '../hosts/source-lines.js';
import { hostTemplate } from '../hosts/transfer.js';
import { renderTransferClient } from '../ts/transfer-plan.js';
import { tauriView } from './view.js';

/** Where the app's own files are (src-tauri/…), when they exist. */
function appFiles(ctx: GenerationContext) {
  const root = ctx.host.root;
  const exists = (p: string) => existsSync(join(root, p));
  const read = (p: string) => (exists(p) ? readFileSync(join(root, p), 'utf8') : undefined);
  const src = ['src-tauri/src/lib.rs', 'src-tauri/src/main.rs'];
  const builder = src.find((p) => /\bBuilder::(?:default|new)\(\)/.test(read(p) ?? ''));
  let capabilities: string[] = [];
  try {
    capabilities = readdirSync(join(root, 'src-tauri/capabilities'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `src-tauri/capabilities/${f}`);
  } catch {
    // no capabilities folder
  }
  const capability = capabilities.includes('src-tauri/capabilities/default.json') ? 'src-tauri/capabilities/default.json' : capabilities[0];
  return { read, cargo: 'src-tauri/Cargo.toml', builder: builder ?? 'src-tauri/src/lib.rs', main: 'src-tauri/src/main.rs', capability };
}

/** The app's wiring: contributions where safe, exact instructions where not. */
function wireApp(ctx: GenerationContext, view: ReturnType<typeof tauriView>, out: TargetOutput) {
  const app = appFiles(ctx);
  const line = (file: string, d: LineData, manual: string) => {
    const plan = planLine(file, app.read(file), d, manual);
    if ('contribution' in plan) out.contributions.push(plan.contribution);
    else if ('note' in plan) out.notes.push(`${ctx.model.names.kebab}: ${plan.note}`);
  };
  const crateDir = joinPath(pluginDir(ctx, 'tauri'));
  const rel = posix.relative('src-tauri', crateDir) || '.';
  const dep = `${view.crate} = { path = ${view.h.tomlString(rel)} }`;
  line(app.cargo, { anchor: 'toml-dependencies', line: dep, present: `^\\s*${escapeRe(view.crate)}\\s*=`, what: `the ${view.crate} dependency` }, `under [dependencies]: ${dep}`);
  const register = `.plugin(${view.crateIdent}::init())`;
  line(
    app.builder,
    { anchor: 'rust-builder', line: register, present: `\\b${view.crateIdent}::init(?:_with)?\\(`, what: `the ${view.crateIdent}::init() registration` },
    `chain ${register} onto tauri::Builder::default()`,
  );
  if (view.runner && ctx.model.desktop.mode === 'osService') {
    const hook = `if let Some(code) = ${view.crateIdent}::run_service_if_requested() { std::process::exit(code); }`;
    line(
      app.main,
      { anchor: 'rust-main', line: hook, present: `\\b${view.crateIdent}::run_service_if_requested\\(`, what: 'the OS-service entry point' },
      `make this the first statement of fn main(): ${hook}`,
    );
  }
  const grant = `${view.api.tauriPlugin}:default`;
  if (app.capability) out.contributions.push(arrayItem(app.capability, ['permissions'], grant) as Contribution);
  else out.notes.push(`${ctx.model.names.kebab}: no capability file in src-tauri/capabilities: grant "${grant}" to the app's windows in one`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const tauriTarget: Target = {
  id: 'tauri',
  applies: (ctx) => hostsApply(ctx, 'tauri'),
  reservedTypeNames: (ctx) => hostReservedTypeNames(ctx, 'tauri'),
  plan(ctx) {
    const { api, shared, view, dir, out, glue: glueAt } = startHostPlan(ctx, 'tauri', (a, h) => tauriView(ctx, a, h));
    const glue = (path: string, template: string, data: object = view) => glueAt(joinPath(dir, path), template, data);

    glue('Cargo.toml', 'Cargo.toml.ejs');
    glue('build.rs', 'build.rs.ejs');
    glue('permissions/default.toml', 'permissions/default.toml.ejs');
    for (const f of ['lib', 'commands', 'desktop', 'mobile', 'models', 'error']) glue(`src/${f}.rs`, `src/${f}.rs.ejs`);
    if (view.runner) glue('src/types.rs', 'src/types.rs.ejs');
    else out.files.push({ path: joinPath(dir, 'src/types.rs'), content: renderTemplate('desktop/rust/runner/types.rs.ejs', rustView(ctx)), owner: 'glue' });

    glue('package.json', 'package.json.ejs');
    glue('tsconfig.json', 'tsconfig.json.ejs');
    out.files.push({ path: joinPath(dir, 'guest-js/types.ts'), content: renderApiTypes(ctx, api), owner: 'glue' });
    if (api.transfer) out.files.push({ path: joinPath(dir, 'guest-js/transfer.ts'), content: renderTransferClient(ctx.model), owner: 'glue' });
    // index.ts spells out the types of `invoke<…>` and `listen<…>`; the rest the API interface gives.
    const spelled = [...api.methods.map((x) => x.returns), ...api.commands.map((c) => c.output), ...api.events.map((e) => e.payload)];
    glue('guest-js/index.ts', 'guest-js/index.ts.ejs', { ...view, h: tsHelpers, imports: typeNames(spelled) });

    const lib = androidLibraryDir(ctx, 'tauri');
    out.files.push(
      { path: joinPath(lib, 'build.gradle.kts'), content: renderTemplate('tauri/android/build.gradle.kts.ejs', view), owner: 'glue' },
      { path: joinPath(lib, 'settings.gradle'), content: renderTemplate('tauri/android/settings.gradle.ejs', view), owner: 'glue' },
      { path: joinPath(lib, 'consumer-rules.pro'), content: renderTemplate('tauri/android/consumer-rules.pro.ejs', view), owner: 'glue' },
      { path: joinPath(androidSourceDir(ctx, 'tauri'), `${view.pluginClass}.kt`), content: renderTemplate(hostTemplate(ctx, 'tauri', 'android/Plugin.kt.ejs'), view), owner: 'glue' },
      kotlinBridgeFile(ctx, 'tauri', shared),
    );
    if (shared.libraryManifestIsOurs) {
      out.files.push({ path: joinPath(lib, 'src/main/AndroidManifest.xml'), content: renderTemplate('tauri/android/AndroidManifest.xml.ejs', view), owner: 'glue' });
    }

    out.files.push(
      { path: joinPath(dir, 'ios/Package.swift'), content: renderTemplate('tauri/ios/Package.swift.ejs', view), owner: 'glue' },
      { path: joinPath(iosSourceDir(ctx, 'tauri'), `${view.pluginClass}.swift`), content: renderTemplate(hostTemplate(ctx, 'tauri', 'ios/Plugin.swift.ejs'), view), owner: 'glue' },
      swiftBridgeFile(ctx, 'tauri', shared),
    );

    if (ctx.host.kind === 'tauri') wireApp(ctx, view, out);
    return out;
  },
};
