/**
 * The Capacitor target: the service as a Capacitor 8 plugin package, laid out
 * like `npm init @capacitor/plugin` under `pluginDir(ctx, 'capacitor')`, and
 * its wiring into the Capacitor app it lives in.
 *
 * The package: package.json (the `capacitor` field), src/ (definitions, index
 * — the typed API shared with Tauri, see templates/ts/api.ts — and web),
 * android/ (build.gradle, the `@CapacitorPlugin` class over the Android
 * service's controller), ios/Sources/<Name>Plugin/ (the `CAPBridgedPlugin`),
 * Package.swift and a podspec named as `npx cap sync` names the plugin. The
 * Android service and iOS task code come from templates/android and
 * templates/ios, into the same folders.
 *
 * The app (contributions, byte-preserving): the plugin in package.json
 * (`file:` dependency, so `npx cap sync` finds it), and in the iOS
 * AppDelegate the `import` and `<Name>BackgroundTasks.registerAtLaunch()` at
 * the top of `didFinishLaunchingWithOptions` — or, when that cannot be done
 * safely, the exact lines to add, which bg-doctor's
 * capacitor-register-at-launch rule keeps reporting until they are there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationContext } from '../../generator/context.js';
import { androidLibraryDir, iosSourceDir, pluginDir } from '../../generator/layout.js';
import { joinPath, type Target, type TargetOutput } from '../../generator/target.js';
import { renderApiTypes } from '../ts/plan.js';
import { valueAt } from '../hosts/json-entries.js';
import { hostReservedTypeNames, hostsApply, kotlinBridgeFile, startHostPlan, swiftBridgeFile } from '../hosts/shared.js';
import { planLine } from '../hosts/source-lines.js';
import { renderTransferClient } from '../ts/transfer-plan.js';
import { capacitorView } from './view.js';

/** The AppDelegate of a Capacitor app's iOS project. */
export const APP_DELEGATE = 'ios/App/App/AppDelegate.swift';

/** The lines the AppDelegate needs (also what bg-doctor looks for); a transfer service reconnects its background URLSession. */
export function registrationLines(ctx: GenerationContext) {
  const P = ctx.model.names.pascal;
  const hook = ctx.model.kind === 'transfer' ? `${P}Transfers` : `${P}BackgroundTasks`;
  return {
    importLine: `import ${P}Plugin`,
    registerCall: `${hook}.registerAtLaunch()`,
    hook,
  };
}

function wireApp(ctx: GenerationContext, view: ReturnType<typeof capacitorView>, out: TargetOutput) {
  const root = ctx.host.root;
  const rel = joinPath(pluginDir(ctx, 'capacitor'));
  const dependency = `file:./${rel}`;
  if (existsSync(join(root, 'package.json'))) out.contributions.push(valueAt('package.json', ['dependencies', view.npmName], dependency));
  else out.notes.push(`${ctx.model.names.kebab}: the app has no package.json: add "${view.npmName}": "${dependency}" to its dependencies so \`npx cap sync\` finds the plugin`);

  const delegate = existsSync(join(root, APP_DELEGATE)) ? readFileSync(join(root, APP_DELEGATE), 'utf8') : undefined;
  if (delegate === undefined) {
    if (existsSync(join(root, 'ios'))) out.notes.push(`${ctx.model.names.kebab}: ${APP_DELEGATE} not found: call ${registrationLines(ctx).registerCall} first in application(_:didFinishLaunchingWithOptions:)`);
    return;
  }
  const { importLine, registerCall, hook } = registrationLines(ctx);
  const kebab = ctx.model.names.kebab;
  const manual = `add \`${importLine}\` with the other imports and \`${registerCall}\` as the first line of application(_:didFinishLaunchingWithOptions:)`;
  const call = planLine(
    APP_DELEGATE,
    delegate,
    { anchor: 'swift-did-finish-launching', line: registerCall, present: `\\b${hook}\\.registerAtLaunch\\(`, what: `the ${registerCall} call` },
    manual,
  );
  if ('note' in call) {
    // Only both lines or neither: an import without the call would be a dangling edit.
    out.notes.push(`${kebab}: ${call.note}`);
    return;
  }
  const imp = planLine(APP_DELEGATE, delegate, { anchor: 'swift-imports', line: importLine, present: `^\\s*import\\s+${ctx.model.names.pascal}Plugin\\s*$`, what: `\`${importLine}\`` }, manual);
  if ('note' in imp) {
    out.notes.push(`${kebab}: ${imp.note}`);
    return;
  }
  if ('contribution' in imp) out.contributions.push(imp.contribution);
  if ('contribution' in call) out.contributions.push(call.contribution);
}

export const capacitorTarget: Target = {
  id: 'capacitor',
  applies: (ctx) => hostsApply(ctx, 'capacitor'),
  reservedTypeNames: (ctx) => hostReservedTypeNames(ctx, 'capacitor'),
  plan(ctx) {
    const { api, shared, view, dir, out, glue } = startHostPlan(ctx, 'capacitor', (a, h) => capacitorView(ctx, a, h));

    glue(joinPath(dir, 'package.json'), 'package.json.ejs');
    glue(joinPath(dir, 'tsconfig.json'), 'tsconfig.json.ejs');
    out.files.push({ path: joinPath(dir, 'src/types.ts'), content: renderApiTypes(ctx, api), owner: 'glue' });
    if (api.transfer) out.files.push({ path: joinPath(dir, 'src/transfer.ts'), content: renderTransferClient(ctx.model), owner: 'glue' });
    for (const f of ['definitions', 'index', 'web']) glue(joinPath(dir, `src/${f}.ts`), `src/${f}.ts.ejs`);

    const lib = androidLibraryDir(ctx, 'capacitor');
    glue(joinPath(lib, 'build.gradle'), 'android/build.gradle.ejs');
    glue(joinPath(lib, 'src/main/java', ...view.pluginPackage.split('.'), `${view.pluginClass}.kt`), 'android/Plugin.kt.ejs');
    out.files.push(kotlinBridgeFile(ctx, 'capacitor', shared));
    if (shared.libraryManifestIsOurs) glue(joinPath(lib, 'src/main/AndroidManifest.xml'), 'android/AndroidManifest.xml.ejs');

    glue(joinPath(dir, 'Package.swift'), 'ios/Package.swift.ejs');
    glue(joinPath(dir, `${view.iosPackage}.podspec`), 'ios/podspec.ejs');
    glue(joinPath(iosSourceDir(ctx, 'capacitor'), `${view.pluginClass}.swift`), 'ios/Plugin.swift.ejs');
    out.files.push(swiftBridgeFile(ctx, 'capacitor', shared));

    if (ctx.host.kind === 'capacitor') wireApp(ctx, view, out);
    return out;
  },
};
