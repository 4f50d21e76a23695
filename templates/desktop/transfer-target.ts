/**
 * The desktop transfer engines (kind `transfer`): the same queue, resume
 * rules, backoff, progress throttling, concurrency limits and persistent
 * store in Rust (inside the Tauri plugin crate, `src/transfer/`, rendered by
 * `rustTransferFiles` for the Tauri target) and in Node (`<moduleDir>/node/transfer/`,
 * the desktop-node-transfer target below, for Capacitor/Electron apps and
 * standalone modules with `desktop.runtime: 'node'`). Their constants come
 * from templates/ts/transfer-api.ts. In a Tauri plugin the Rust engine runs on
 * desktop whatever `desktop.runtime` says (it is the plugin's own code); the
 * Node engine is generated for `desktop.runtime: 'node'`.
 */
import { posix } from 'node:path';
import type { GenerationContext } from '../../generator/context.js';
import { hostsToGenerate, nodeRunnerDir, pluginDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target } from '../../generator/target.js';
import { rustString, tsString } from '../../escape/index.js';
import { docText } from '../ts/types.js';
import { SHARED_STORAGE, TRANSFER_EVENTS, TRANSFER_RULES, TRANSFER_STATUSES, transferDefaults } from '../ts/transfer-api.js';

/** The Rust engine's modules, in `templates/desktop/transfer/rust/<name>.ejs`. */
export const RUST_TRANSFER_FILES = ['mod.rs', 'task.rs', 'store.rs', 'http.rs', 'engine.rs'] as const;

/** The Node engine's modules, in `templates/desktop/transfer/node/<name>.ejs`. */
export const NODE_TRANSFER_FILES = ['store.ts', 'http.ts', 'engine.ts', 'index.ts'] as const;

/**
 * The crates the Rust engine adds to the runner's set: reqwest with native TLS
 * (OpenSSL on Linux — Tauri's own Linux prerequisites include libssl-dev —,
 * Secure Transport on macOS, SChannel on Windows) and request bodies streamed
 * from files. The toolchain warm-up crate builds exactly this, so a generated
 * crate hits the cache.
 */
export const RUST_TRANSFER_DEPENDENCIES: Readonly<Record<string, string>> = {
  reqwest: '{ version = "0.13", default-features = false, features = ["native-tls", "stream"] }',
  'tokio-util': '{ version = "0.7", features = ["io"] }',
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `from` → `to` as an ESM import specifier (`.ts` written `.js`). */
function importPath(fromDir: string, to: string): string {
  const rel = posix.relative(fromDir || '.', to).replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** What the engine templates read. */
export function transferView(ctx: GenerationContext, engineDir = joinPath(nodeRunnerDir(ctx), 'transfer')) {
  return {
    model: ctx.model,
    transfer: transferDefaults(ctx.model),
    rules: TRANSFER_RULES,
    statuses: TRANSFER_STATUSES,
    events: TRANSFER_EVENTS,
    sharedStorage: SHARED_STORAGE,
    typesModule: importPath(engineDir, joinPath(ctx.moduleDir, 'ts', 'types.ts')),
    clientModule: importPath(engineDir, joinPath(ctx.moduleDir, 'ts', 'transfer.ts')),
    h: { tsString, rustString, docText, pascal },
  };
}

/** The Rust engine's files (name → content), for the crate that embeds it as `mod transfer`. */
export function rustTransferFiles(ctx: GenerationContext): Array<{ name: string; content: string }> {
  const view = transferView(ctx);
  return RUST_TRANSFER_FILES.map((name) => ({ name, content: renderTemplate(`desktop/transfer/rust/${name}.ejs`, view) }));
}

/** Folder of the Rust engine inside the Tauri plugin crate (declared `pub mod transfer;` by its lib.rs). */
export function rustTransferDir(ctx: GenerationContext): string {
  return joinPath(pluginDir(ctx, 'tauri'), 'src/transfer');
}

export const desktopRustTransferTarget: Target = {
  id: 'desktop-rust-transfer',
  applies: (ctx) => ctx.model.kind === 'transfer' && hostsToGenerate(ctx).includes('tauri'),
  plan(ctx) {
    const files: OutputFile[] = rustTransferFiles(ctx).map((f) => ({ path: joinPath(rustTransferDir(ctx), f.name), content: f.content, owner: 'glue' }));
    return { files, contributions: [], notes: [] };
  },
};

export const desktopNodeTransferTarget: Target = {
  id: 'desktop-node-transfer',
  applies: (ctx) => ctx.model.kind === 'transfer' && ctx.model.desktop.runtime === 'node',
  plan(ctx) {
    const dir = joinPath(nodeRunnerDir(ctx), 'transfer');
    const view = transferView(ctx, dir);
    const files: OutputFile[] = NODE_TRANSFER_FILES.map((name) => ({
      path: joinPath(dir, name),
      content: renderTemplate(`desktop/transfer/node/${name}.ejs`, view),
      owner: 'glue',
    }));
    return {
      files,
      contributions: [],
      notes: [`${ctx.model.names.kebab}: on desktop, createTransfers({ dataDir }) from ${joinPath(dir, 'index.ts')} runs the transfers in your process`],
    };
  },
};
