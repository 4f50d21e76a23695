/**
 * The Rust transfer engine (templates/desktop/transfer/rust), rendered from a
 * declaration into a crate with a small driver binary
 * (testing/transfer_driver.rs), checked with `checkRust` (cargo check without
 * warnings, rustfmt --check) against the toolchain cache's crates, built, and
 * run in its own processes through the shared suite
 * (testing/transfer-scenarios.ts) against a real HTTP server on loopback.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { sourcePath } from '../../lib/paths.js';
import { cargoEnv, checkRust } from '../../toolchains/index.js';
import { runTool } from '../../toolchains/common.js';
import { tsTypesTarget } from '../ts/plan.js';
import { buildEsm } from './testing/node-build.js';
import { generateStandalone } from './testing/generate.js';
import { transferSuite, type Client } from './testing/transfer-scenarios.js';
import { RUST_RUNNER_DEPENDENCIES } from './rust-target.js';
import { RUST_TRANSFER_DEPENDENCIES, rustTransferFiles } from './transfer-target.js';

const DECLARATION = sourcePath('templates', 'desktop', 'fixtures', 'transfer', 'files-rust.bg.ts');
const BINARY = 'bg-transfer-driver';

/** The warm-up crate's set (toolchains/cargo-warmup) plus the transfer engine's: every artifact but ours is cached. */
function cargoToml(): string {
  const deps: Record<string, string> = {
    tauri: '{ version = "2", default-features = false, features = ["test"] }',
    ...RUST_RUNNER_DEPENDENCIES,
    'async-trait': '"0.1"',
    ...RUST_TRANSFER_DEPENDENCIES,
  };
  return [
    '[package]',
    `name = "${BINARY}"`,
    'version = "0.0.0"',
    'edition = "2021"',
    'publish = false',
    '',
    '[dependencies]',
    ...Object.entries(deps).map(([k, v]) => `${k} = ${v}`),
    '',
  ].join('\n');
}

let check: Awaited<ReturnType<typeof checkRust>> | undefined;

const built = (async () => {
  const [g] = await generateStandalone([DECLARATION], [tsTypesTarget]);
  const tmp = mkdtempSync(join(tmpdir(), 'bg-transfer-rust-'));
  const crate = join(tmp, 'crate');
  mkdirSync(join(crate, 'src', 'transfer'), { recursive: true });
  writeFileSync(join(crate, 'Cargo.toml'), cargoToml());
  copyFileSync(sourcePath('templates', 'desktop', 'testing', 'transfer_driver.rs'), join(crate, 'src', 'main.rs'));
  writeFileSync(join(crate, 'src', 'lib.rs'), '//! The transfer engine, as the Tauri plugin crate embeds it.\n\npub mod transfer;\n');
  for (const f of rustTransferFiles(g!.ctx)) writeFileSync(join(crate, 'src', 'transfer', f.name), f.content);
  check = await checkRust(crate, { test: false });
  const env = cargoEnv();
  const build = await runTool('cargo', ['build', '--quiet', '--bin', BINARY], { cwd: crate, env, timeoutMs: 900_000 });
  if (build.code !== 0) throw new Error(`cargo build failed:\n${build.stderr}`);
  const out = join(tmp, 'js');
  await buildEsm(g!.root, out);
  const client = (await import(pathToFileURL(join(out, 'ts', 'transfer.js')).href)) as Client;
  return { tmp, client, binary: join(env.CARGO_TARGET_DIR!, 'debug', BINARY) };
})();

test('rust transfers: the engine passes cargo check without warnings and rustfmt --check', { timeout: 900_000 }, async (t) => {
  await built;
  t.diagnostic(`checkRust: ${Math.round(check!.durationMs)} ms`);
  assert.deepEqual(check!.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.tool}: ${d.message}`), []);
});

transferSuite('rust', async () => {
  const { tmp, client, binary } = await built;
  return {
    tmp,
    client,
    spec: {
      name: 'rust',
      command: binary,
      args: (o) => [
        JSON.stringify({
          dataDir: o.dataDir,
          filesDir: o.filesDir,
          backoffBaseMs: o.backoffBaseMs,
          ...(o.maxConcurrentPerHost ? { maxConcurrentPerHost: o.maxConcurrentPerHost } : {}),
          ...(o.sharedDir ? { sharedDir: o.sharedDir } : {}),
          ...(o.openCommand ? { openCommand: o.openCommand } : {}),
        }),
      ],
    },
  };
});
