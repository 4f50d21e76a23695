/**
 * The desktop runner in Rust, for Tauri hosts (desktop.runtime = 'rust'):
 * the module set under the plugin crate's `src/runner/` and the user's
 * `src/my_service.rs` (see generator/layout.ts).
 */
import type { ServiceModel, TypeRef } from '../../declaration/model.js';
import type { GenerationContext } from '../../generator/context.js';
import { rustRunnerDir, rustServiceFile, hostsToGenerate } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target } from '../../generator/target.js';
import { rustString } from '../../escape/index.js';
import { tsDoc } from '../ts/types.js';
import { rustCommandMethod } from './names.js';
import { enumVariant, fieldRename, rustFieldName, RustTypes } from './rust-types.js';
import { samplesJson } from './samples.js';
import { emitCall, fnSignature, letStatement, oneArgument, structField } from './rustfmt.js';
import { desktopLabel, desktopNotes, endpointHash, unitTexts } from './units.js';

/** The runner's files, in `templates/desktop/rust/runner/<name>.ejs`. */
export const RUST_RUNNER_FILES = [
  'mod.rs',
  'types.rs',
  'error.rs',
  'control.rs',
  'protocol.rs',
  'service.rs',
  'lifecycle.rs',
  'desired.rs',
  'ipc.rs',
  'os_service.rs',
  'service_main.rs',
  'tests.rs',
] as const;

/**
 * The crates the runner uses, for the plugin's Cargo.toml. Within the set the
 * toolchain cache pre-builds (toolchains/cargo-warmup), with its features.
 */
export const RUST_RUNNER_DEPENDENCIES: Readonly<Record<string, string>> = {
  tokio: '{ version = "1", features = ["full"] }',
  'tokio-util': '"0.7"',
  serde: '{ version = "1", features = ["derive"] }',
  serde_json: '"1"',
  thiserror: '"2"',
};

function mentionsNamed(t: TypeRef | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'named') return true;
  if (t.kind === 'array') return mentionsNamed(t.element);
  if (t.kind === 'record') return mentionsNamed(t.value);
  return false;
}

/** What the Rust templates read. */
export function rustView(ctx: GenerationContext): Record<string, unknown> {
  const model: ServiceModel = ctx.model;
  const outside = new RustTypes(model, 'types::');
  const commands = model.commands.map((c) => ({
    decl: c,
    variant: c.names.pascal,
    method: rustCommandMethod(c),
    input: c.input ? outside.type(c.input) : undefined,
    output: c.output ? outside.type(c.output) : '()',
  }));
  const usesTypesInTrait = model.commands.some((c) => mentionsNamed(c.input) || mentionsNamed(c.output));
  return {
    model,
    label: desktopLabel(ctx),
    declarationFile: ctx.declarationPath,
    h: { rustString, doc: tsDoc, fieldRename, rustFieldName, enumVariant, fn: fnSignature, arg: oneArgument, emit: emitCall, structField, let: letStatement },
    inTypes: new RustTypes(model, ''),
    events: model.events.map((e) => ({
      decl: e,
      variant: e.names.pascal,
      payload: e.payload ? outside.type(e.payload) : undefined,
    })),
    commands,
    usesTypes: usesTypesInTrait || model.events.some((e) => mentionsNamed(e.payload)),
    usesTypesInTrait,
    unit: unitTexts(ctx),
    endpointHashSample: endpointHash(desktopLabel(ctx), '/home/u/.local/share/app'),
  };
}

export const desktopRustTarget: Target = {
  id: 'desktop-rust',
  // A transfer service has no service to run: its desktop side is the transfer engine (transfer-target.ts).
  applies: (ctx) => ctx.model.kind !== 'transfer' && ctx.model.desktop.runtime === 'rust' && hostsToGenerate(ctx).includes('tauri'),
  plan(ctx) {
    const view = rustView(ctx);
    const files: OutputFile[] = RUST_RUNNER_FILES.map((name) => ({
      path: joinPath(rustRunnerDir(ctx), name),
      content: renderTemplate(`desktop/rust/runner/${name}.ejs`, view),
      owner: 'glue',
    }));
    files.push({ path: joinPath(rustRunnerDir(ctx), 'test_samples.json'), content: samplesJson(ctx.model), owner: 'glue' });
    files.push({ path: rustServiceFile(ctx), content: renderTemplate('desktop/rust/my_service.rs.ejs', view), owner: 'user' });
    return {
      files,
      contributions: [],
      notes: desktopNotes(ctx, 'call runner::service_main::run_if_requested(MyService::default) first in the app\'s main()'),
    };
  },
};
