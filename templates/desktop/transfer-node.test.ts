/**
 * The Node transfer engine (templates/desktop/transfer/node), generated from
 * a declaration, built to ESM as a user's toolchain would, type-checked
 * strictly, and run in its own processes through the shared suite
 * (testing/transfer-scenarios.ts) against a real HTTP server on loopback.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { sourcePath } from '../../lib/paths.js';
import { typecheckTs } from '../../toolchains/index.js';
import { tsTypesTarget } from '../ts/plan.js';
import { buildEsm } from './testing/node-build.js';
import { generateStandalone } from './testing/generate.js';
import { SHARED_FOLDERS, transferSuite, type Client } from './testing/transfer-scenarios.js';
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
          ...(o.sharedDir ? { sharedDirectories: Object.fromEntries(SHARED_FOLDERS.map((d) => [d, join(o.sharedDir!, d)])) } : {}),
          ...(o.openCommand ? { openCommand: o.openCommand } : {}),
        }),
      ],
    },
  };
});

/**
 * The TS client (ts/transfer.ts, the same file every host package gets) over the Node engine in
 * this process: download/upload awaiting the end, batches with their progress, listeners and the
 * update stream, the database, and the replay of updates missed while nothing listened.
 */
test('node transfers: the TS API — download/upload, batches, listeners, stream, database, replay of missed updates', { timeout: 120_000 }, async () => {
  const g = await project;
  const { TransferServer, pattern, sha256 } = await import('./testing/transfer-server.js');
  const server = await new TransferServer().start();
  const out = mkdtempSync(join(tmpdir(), 'bg-transfer-api-'));
  await buildEsm(g.root, out);
  type Api = import('./testing/transfer-api-types.js').ClientApi;
  const mod = (await import(pathToFileURL(join(out, 'node', 'transfer', 'index.js')).href)) as { createTransfers(o: object): { api: Api; engine: { enqueue(task: object): boolean }; close(): Promise<void> } };
  const files = join(out, 'files');
  const shared = join(out, 'shared');
  const opts = {
    dataDir: join(out, 'data'),
    directories: { applicationDocuments: files },
    backoffBaseMs: 50,
    sharedDirectories: Object.fromEntries(SHARED_FOLDERS.map((d) => [d, join(shared, d)])),
  };
  try {
    server.serve('/a.bin', { body: pattern(300_000, 1), etag: '"a"', acceptRanges: true, rate: 600_000 });
    server.serve('/b.bin', { body: pattern(1_000, 2), etag: '"b"', acceptRanges: true });
    // An app that was not listening (suspended, or not started yet): the updates wait in the store.
    const first = mod.createTransfers(opts);
    const early = first.api.downloadTask({ url: `${server.url}/b.bin`, filename: 'early.bin' });
    assert.equal(early.group, 'files', "the declaration's group is the default");
    assert.equal(early.retries, 2, "the declaration's retries are the default");
    assert.equal(early.httpRequestMethod, 'GET');
    assert.equal(first.engine.enqueue(early), true);
    for (let i = 0; i < 200 && (await first.api.database.recordForId(early.taskId))?.status !== 'complete'; i++) await new Promise((r) => setTimeout(r, 20));
    await first.close();
    const t = mod.createTransfers(opts);
    const api = t.api;
    const seen: string[] = [];
    await api.onStatus((u) => seen.push(`${u.task.taskId}:${u.status}`));
    assert.ok((await api.resumeFromBackground()) >= 3, 'the missed updates are replayed');
    assert.deepEqual(seen.filter((s) => s.startsWith(early.taskId)).map((s) => s.split(':')[1]), ['enqueued', 'running', 'complete']);
    assert.equal(await api.resumeFromBackground(), 0, 'once');

    const stream = api.updates({ group: 'files' });
    const progress: number[] = [];
    const elapsed: number[] = [];
    const result = await api.download(
      { url: `${server.url}/a.bin`, filename: 'a.bin' },
      { onProgress: (u) => progress.push(u.progress), onElapsedTime: (ms) => elapsed.push(ms), elapsedTimeInterval: 100 },
    );
    assert.ok(elapsed.length >= 2 && elapsed.every((ms, i) => i === 0 || ms > elapsed[i - 1]!), `elapsed time reported while waiting: ${elapsed}`);
    assert.equal(result.status, 'complete');
    assert.equal(progress.at(-1), 1);
    assert.equal(sha256(readFileSync(join(files, 'a.bin'))), sha256(pattern(300_000, 1)));
    const streamed: string[] = [];
    for await (const u of stream) {
      if (u.kind === 'status') streamed.push(u.update.status);
      if (u.kind === 'status' && u.update.status === 'complete') break;
    }
    assert.deepEqual(streamed, ['enqueued', 'running', 'complete']);

    const batchProgress: Array<[number, number]> = [];
    const batch = await api.downloadBatch(
      [{ url: `${server.url}/b.bin`, filename: 'b1.bin' }, { url: `${server.url}/missing.bin` }, { url: `${server.url}/b.bin`, filename: 'b2.bin' }],
      { onBatchProgress: (s, f) => batchProgress.push([s, f]) },
    );
    assert.equal(batch.numSucceeded, 2);
    assert.equal(batch.numFailed, 1);
    assert.deepEqual(batch.results.map((r) => r.status), ['complete', 'notFound', 'complete']);
    assert.deepEqual(batchProgress[0], [0, 0]);
    assert.deepEqual(batchProgress.at(-1), [2, 1]);

    writeFileSync(join(files, 'up.txt'), 'hello upload');
    const up = await api.upload({ url: `${server.url}/up`, filename: 'up.txt', fields: { a: 'b' } });
    assert.equal(up.status, 'complete');
    assert.equal(JSON.parse(up.responseBody!).received > 0, true);

    const record = await api.database.recordForId(result.task.taskId);
    assert.equal(record?.status, 'complete');
    assert.equal((await api.database.allRecords()).length >= 5, true);
    assert.equal(await api.database.deleteRecordWithId(result.task.taskId), true);
    assert.equal(await api.database.recordForId(result.task.taskId), null);
    // Server requests, shared storage and the notification API through the TS client.
    server.serve('/api.json', { body: Buffer.from('{"ok":true}'), etag: null, acceptRanges: false });
    const answer = await api.request({ url: `${server.url}/api.json`, headers: { accept: 'application/json' } });
    assert.deepEqual([answer.statusCode, answer.reasonPhrase, JSON.parse(answer.body)], [200, 'OK', { ok: true }]);
    assert.equal((await api.request({ url: `${server.url}/nope.json`, retries: 0 })).statusCode, 404);
    await assert.rejects(api.request({ url: 'file:///etc/passwd' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    const moved = await api.moveToSharedStorage(result.task, 'downloads', { directory: 'from-api' });
    assert.equal(moved, join(shared, 'downloads', 'from-api', 'a.bin'));
    assert.equal(sha256(readFileSync(moved!)), sha256(pattern(300_000, 1)));
    assert.equal(await api.moveToSharedStorage(result.task.taskId, 'downloads'), null, 'already moved');
    await assert.rejects(api.moveToSharedStorage(result.task, 'desktop' as never), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(api.moveToSharedStorage(result.task, 'images', { directory: '../x' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    assert.equal(await api.openFile(join(files, 'missing.bin')), false);
    await api.configureNotification({ running: { title: 'Getting {filename}', body: '{progress}' }, tapOpensFile: true });
    await api.configureNotificationForGroup('files', null);
    await assert.rejects(api.configureNotificationForTask('t1', { complete: { title: 'Done {file}' } }), (e: { code?: string; message?: string }) => e.code === 'INVALID_INPUT' && /\{file\}/.test(e.message!));
    await assert.rejects(api.configureNotification({ finished: { title: 'x' } }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(api.configureNotificationForGroup('', {}), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    const taps: unknown[] = [];
    const stopTaps = await api.onNotificationTap((tap) => taps.push(tap));
    stopTaps();
    assert.deepEqual(taps, [], 'no notification taps on desktop');

    await assert.rejects(api.download({ url: 'ftp://x/y' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(api.download({ url: `${server.url}/a.bin`, directory: '../escape' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    await t.close();
  } finally {
    await server.stop();
  }
});
