/**
 * The Node transfer engine (templates/desktop/transfer/node), generated from
 * a declaration, built to ESM as a user's toolchain would, type-checked
 * strictly, and run in its own processes through the shared suite
 * (testing/transfer-scenarios.ts) against a real HTTP server on loopback.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { sourcePath } from '../../lib/paths.js';
import { typecheckTs } from '../../toolchains/index.js';
import { tsTypesTarget } from '../ts/plan.js';
import { buildEsm } from './testing/node-build.js';
import { generateStandalone } from './testing/generate.js';
import { transferSuite, type Client } from './testing/transfer-scenarios.js';
import { desktopNodeTransferTarget } from './transfer-target.js';

const DECLARATION = sourcePath('templates', 'desktop', 'fixtures', 'transfer', 'files-node.bg.ts');

let generated: Awaited<ReturnType<typeof generateStandalone>>[number] | undefined;
const project = (async () => {
  [generated] = await generateStandalone([DECLARATION], [tsTypesTarget, desktopNodeTransferTarget]);
  return generated!;
})();

test('node transfers: the generated engine and client type-check strictly', { timeout: 120_000 }, async () => {
  const g = await project;
  for (const resolution of ['nodenext', 'bundler'] as const) {
    const result = await typecheckTs(g.root, { lib: ['ES2022'], types: ['node'], resolution, compilerOptions: { noImplicitOverride: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true } });
    // The declaration imports create-bg-service, which a generated module does not install.
    const ours = result.diagnostics.filter((d) => !d.file.endsWith('.bg.ts'));
    assert.deepEqual(ours.map((d) => `${resolution}: ${d.file}:${d.line}:${d.column} ${d.message}`), []);
  }
});

transferSuite('node', async () => {
  const g = await project;
  const out = mkdtempSync(join(tmpdir(), 'bg-transfer-node-'));
  await buildEsm(g.root, out);
  const client = (await import(pathToFileURL(join(out, 'ts', 'transfer.js')).href)) as Client;
  const driver = sourcePath('dist', 'templates', 'desktop', 'testing', 'transfer-node-driver.js');
  return {
    client,
    tmp: out,
    spec: {
      name: 'node',
      command: process.execPath,
      args: (o) => [
        driver,
        join(out, 'node', 'transfer', 'index.js'),
        JSON.stringify({
          dataDir: o.dataDir,
          directories: { applicationDocuments: o.filesDir, temporary: o.filesDir, applicationSupport: o.filesDir, applicationLibrary: o.filesDir },
          backoffBaseMs: o.backoffBaseMs,
          ...(o.maxConcurrentPerHost ? { maxConcurrentPerHost: o.maxConcurrentPerHost } : {}),
        }),
      ],
    },
  };
});
