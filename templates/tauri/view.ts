/** What the Tauri templates read, computed once per service. */
import type { GenerationContext } from '../../generator/context.js';
import { jsonString, rustString } from '../../escape/index.js';
import { snakeCase } from '../../declaration/naming.js';
import { allowPermission, LIFECYCLE_WIRE, tauriCommands, type ServiceApi } from '../ts/api.js';
import { docText } from '../ts/types.js';
import { RustTypes } from '../desktop/rust-types.js';
import { rustCommandMethod } from '../desktop/names.js';
import type { HostData } from '../hosts/shared.js';
import { awaitArm, awaitCall, call, letCall, signature } from './rustfmt.js';
import { RUST_RUNNER_DEPENDENCIES } from '../desktop/rust-target.js';
import { RUST_TRANSFER_DEPENDENCIES } from '../desktop/transfer-target.js';
import { TRANSFER_EVENTS } from '../ts/transfer-api.js';

/** A TOML basic string (`"…"`): backslash, quote and control characters escaped. */
export function tomlString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (cp < 0x20 || cp === 0x7f) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) throw new Error(`a lone surrogate cannot be written in TOML: ${JSON.stringify(s)}`);
    else out += ch;
  }
  return `"${out}"`;
}

/** `/// text` lines for an optional doc string (indented), or ''. */
function rustDoc(doc: string | undefined, indent = ''): string {
  if (!doc) return '';
  return docText(doc)
    .split('\n')
    .map((l) => `${indent}///${l ? ` ${l}` : ''}\n`)
    .join('');
}

/** Methods of the plugin struct a declared command must not shadow (`<name>_command` then). */
const STRUCT_TAKEN = new Set(['start', 'stop', 'get_state', 'subscribe', 'os_service', 'os_status', 'shutdown', 'register_listener', 'remove_listener', 'control']);

export function tauriView(ctx: GenerationContext, api: ServiceApi, shared: HostData) {
  const m = ctx.model;
  const crate = `tauri-plugin-${m.names.kebab}`;
  const types = new RustTypes(m, 'types::');
  const commands = api.commands.map((c) => ({
    decl: c.decl,
    rust: c.rust,
    method: STRUCT_TAKEN.has(c.decl.names.snake) ? `${c.decl.names.snake}_command` : c.decl.names.snake,
    runnerMethod: rustCommandMethod(c.decl),
    input: c.decl.input ? types.type(c.decl.input) : undefined,
    output: c.decl.output ? types.type(c.decl.output) : '()',
  }));
  const usesTypes = commands.some((c) => /\btypes::/.test(`${c.input ?? ''} ${c.output}`));
  return {
    ...shared,
    api,
    ids: ctx.ids,
    crate,
    crateIdent: snakeCase(crate),
    npmName: `${crate}-api`,
    pluginClass: `${m.names.pascal}Plugin`,
    androidPackage: ctx.ids.androidPackage,
    androidClass: `${m.names.pascal}Plugin`,
    iosInit: `init_plugin_${m.names.snake}`,
    // A transfer service has no runner: its desktop side is the transfer engine (src/transfer).
    runner: m.kind !== 'transfer' && m.desktop.runtime === 'rust',
    coroutinesVersion: '1.11.0',
    /** The desktop transfer engine's crates (transfer services). */
    transferDependencies: { tokio: RUST_RUNNER_DEPENDENCIES.tokio!, ...RUST_TRANSFER_DEPENDENCIES },
    transferEvents: TRANSFER_EVENTS,
    commands,
    osMethods: api.methods.filter((x) => x.scope === 'desktop'),
    /** Rust command functions: the core ones and one per declared command. */
    rustCommands: [...api.methods.map((x) => x.rust), ...commands.map((c) => c.rust)],
    /** build.rs COMMANDS and default.toml: those and the listener commands. */
    allCommands: tauriCommands(api),
    allow: allowPermission,
    usesTypes,
    lifecycle: LIFECYCLE_WIRE,
    fmt: { signature, call, awaitCall, awaitArm, letCall },
    h: { ...shared.h, rustString, tomlString, rustDoc, docText, pascal: (s: string) => s.charAt(0).toUpperCase() + s.slice(1), jsonString },
  };
}
