/** What the Capacitor templates read, computed once per service. */
import type { GenerationContext } from '../../generator/context.js';
import { isReservedIdentifier, jsonString, swiftString } from '../../escape/index.js';
import { typeNames, type ServiceApi } from '../ts/api.js';
import { tsHelpers } from '../ts/types.js';
import type { HostData } from '../hosts/shared.js';

/**
 * The name `npx cap sync` gives a plugin package: @capacitor/cli's `fixName`
 * (dist/plugin.js), the name its Podfile and CapApp-SPM Package.swift use.
 */
export function capacitorFixName(npmName: string): string {
  const name = npmName
    .replace(/\//g, '_')
    .replace(/-/g, '_')
    .replace(/@/g, '')
    .replace(/_\w/g, (m) => m[1]!.toUpperCase());
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A single-quoted Ruby or Groovy string literal (backslash and quote escaped; no line breaks). */
function singleQuoted(s: string): string {
  if (/[\r\n\0]/.test(s)) throw new Error(`a line break cannot be written in a single-quoted string: ${JSON.stringify(s)}`);
  return `'${s.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * The plugin class's package: the service's, with `_` after each segment that is a Kotlin
 * keyword. `npx cap sync` reads the package line with `^package ([\w.]+);?$`, which a
 * back-quoted segment (`com.example.\`in\``) fails ("Package could not be parsed").
 */
export function pluginPackage(pkg: string): string {
  return pkg
    .split('.')
    .map((seg) => (isReservedIdentifier('kotlin', seg) ? `${seg}_` : seg))
    .join('.');
}

/**
 * The podspec's homepage when the project names none (package.json `homepage` or `repository`):
 * CocoaPods wants a URL there, and a name under the reserved `.invalid` top-level domain
 * (RFC 2606) is one that points at nothing and nobody.
 */
export const NO_HOMEPAGE = 'https://homepage.invalid';

export function capacitorView(ctx: GenerationContext, api: ServiceApi, shared: HostData) {
  const P = ctx.model.names.pascal;
  const pkg = pluginPackage(shared.n.pkg);
  const npmName = `capacitor-${ctx.model.names.kebab}`;
  return {
    ...shared,
    api,
    npmName,
    /** The project's web page, for the package.json (when it has one) and the podspec. */
    homepage: ctx.host.homepage,
    podHomepage: ctx.host.homepage ?? NO_HOMEPAGE,
    /** `npx cap sync`'s name for the plugin: Package.swift and podspec name. */
    iosPackage: capacitorFixName(npmName),
    /** The Swift package target and module (layout.ts: ios/Sources/<Name>Plugin). */
    iosTarget: `${P}Plugin`,
    /** The Gradle project `npx cap sync` includes the library as. */
    gradleProject: npmName.replace('@', '').replace('/', '-'),
    pluginClass: `${P}Plugin`,
    /** The plugin class's package (plain identifiers only) and whether it differs from the service's. */
    pluginPackage: pkg,
    importsBridge: pkg !== shared.n.pkg,
    nativeInterface: `${P}Plugin`,
    nativeObject: `${P}Native`,
    webClass: `${P}Web`,
    nativeMethods: ['start', 'stop', 'getState', 'command'],
    coroutinesVersion: '1.11.0',
    /** index.ts spells out the types of `command<…>` and `listen<…>`; the rest the API interface gives. */
    imports: typeNames([...api.commands.map((c) => c.output), ...api.events.map((e) => e.payload)]),
    h: { ...tsHelpers, jsonString, swiftString, rubyString: singleQuoted, groovyString: singleQuoted },
  };
}
