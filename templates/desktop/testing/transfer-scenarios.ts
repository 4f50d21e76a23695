/**
 * The transfer engines' behaviour, as one suite run against each engine
 * (Rust and Node), each in a process of its own driven over a line protocol
 * (see transfer-node-driver.ts and transfer_driver.rs), against a real HTTP
 * server on 127.0.0.1 (transfer-server.ts): downloads and their progress,
 * Range + If-Range resume after pause, a changed ETag restarting the file, a
 * weak ETag refusing resume, 5xx retried with exponential backoff, retries
 * running out, 404 → notFound, cancel mid-transfer, resume after the process
 * is killed, binary and multipart uploads received intact, the per-host limit,
 * and the persistent store with the replay of undelivered updates.
 *
 * Tasks are built by the generated TS client (`downloadTask`/`uploadTask` of
 * the module's ts/transfer.ts), so the suite also proves the client and the
 * engines agree on the wire format.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { parseMultipart, pattern, sha256, TransferServer } from './transfer-server.js';

export interface DriverOptions {
  dataDir: string;
  /** Every base directory (the tests put files in one folder). */
  filesDir: string;
  backoffBaseMs: number;
  maxConcurrentPerHost?: number;
  /** moveToSharedStorage's folders: `<sharedDir>/<destination>` for each of SHARED_FOLDERS. */
  sharedDir?: string;
  /** What openFile runs (the path appended). */
  openCommand?: { command: string; args: string[] };
}

/** The destinations that have a folder on desktop (`external` has none). */
export const SHARED_FOLDERS = ['downloads', 'images', 'video', 'audio', 'files'] as const;

interface Response {
  statusCode: number;
  reasonPhrase: string;
  headers: Record<string, string>;
  body: string;
  bodyBase64: string;
}

/** How to start an engine's driver process. */
export interface DriverSpec {
  name: string;
  command: string;
  args(options: DriverOptions): string[];
}

interface Update {
  kind: 'status' | 'progress';
  at: number;
  taskId: string;
  status?: string;
  progress?: number;
  payload: Record<string, unknown>;
}

export class Driver {
  readonly updates: Update[] = [];
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly waiters = new Set<() => void>();
  private nextId = 1;
  private stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const p of this.pending.values()) p.reject(new Error(`the driver exited: ${this.stderr}`));
      this.pending.clear();
    });
  }

  static async start(spec: DriverSpec, options: DriverOptions, listen = true): Promise<Driver> {
    const d = new Driver(spawn(spec.command, spec.args(options), { stdio: ['pipe', 'pipe', 'pipe'] }));
    if (listen) await d.call('listen');
    return d;
  }

  private onLine(line: string): void {
    let msg: { id?: number; value?: unknown; error?: { code: string; message: string }; event?: string; payload?: Record<string, unknown> };
    try {
      msg = JSON.parse(line);
    } catch {
      this.stderr += `${line}\n`;
      return;
    }
    if (msg.event && msg.payload) {
      const p = msg.payload;
      const task = p.task as { taskId: string };
      this.updates.push({
        kind: msg.event === 'transfer:status' ? 'status' : 'progress',
        at: Date.now(),
        taskId: task.taskId,
        ...(typeof p.status === 'string' ? { status: p.status } : {}),
        ...(typeof p.progress === 'number' ? { progress: p.progress } : {}),
        payload: p,
      });
      for (const w of [...this.waiters]) w();
      return;
    }
    const waiting = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
    if (!waiting) return;
    this.pending.delete(msg.id!);
    if (msg.error) waiting.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
    else waiting.resolve(msg.value);
  }

  private get dead(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.dead) return Promise.reject(new Error(`the driver has exited: ${this.stderr}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  /** The first update (from the start) that `pred` accepts. */
  waitFor(pred: (u: Update) => boolean, what: string, timeoutMs = 20_000): Promise<Update> {
    const found = this.updates.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const u = this.updates.find(pred);
        if (!u) return;
        cleanup();
        resolve(u);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; updates: ${JSON.stringify(this.updates.map((u) => [u.taskId, u.kind, u.status ?? u.progress]))}\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  finalStatus(taskId: string): Promise<Update> {
    return this.waitFor((u) => u.taskId === taskId && u.kind === 'status' && ['complete', 'failed', 'canceled', 'notFound'].includes(u.status!), `the end of ${taskId}`);
  }

  /** The progress update a final status sends (its sentinel), once it arrived. */
  async lastProgress(taskId: string, value: number): Promise<number> {
    const u = await this.waitFor((x) => x.taskId === taskId && x.kind === 'progress' && x.progress === value, `progress ${value} of ${taskId}`);
    return u.progress!;
  }

  statuses(taskId: string): string[] {
    return this.updates.filter((u) => u.taskId === taskId && u.kind === 'status').map((u) => u.status!);
  }

  progress(taskId: string): number[] {
    return this.updates.filter((u) => u.taskId === taskId && u.kind === 'progress').map((u) => u.progress!);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async close(): Promise<void> {
    if (this.dead) return;
    await this.call('close').catch(() => undefined);
    await this.exited;
  }
}

/** The generated TS client's task builders. */
export interface Client {
  downloadTask(o: Record<string, unknown>): Record<string, unknown> & { taskId: string };
  uploadTask(o: Record<string, unknown>): Record<string, unknown> & { taskId: string };
  serverRequest(o: Record<string, unknown>): Record<string, unknown>;
}

/** A loopback port nothing listens on (a server started and stopped). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const rejectsWith = (code: string) => (e: { code?: string; message?: string }) => {
  assert.equal(e.code, code, e.message);
  return true;
};

let counter = 0;
function folder(root: string, name: string): string {
  const dir = join(root, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Register the suite for one engine. `setup` builds it once (generation, compile) and returns its driver and the client. */
export function transferSuite(engine: string, setup: () => Promise<{ spec: DriverSpec; client: Client; tmp: string }>): void {
  let ctx: { spec: DriverSpec; client: Client; tmp: string } | undefined;
  let server: TransferServer;
  const drivers: Driver[] = [];
  const ready = (async () => {
    ctx = await setup();
    server = await new TransferServer().start();
  })();

  /** A fresh engine with its own store and files folder. */
  async function fresh(opts: Partial<DriverOptions> = {}, listen = true) {
    await ready;
    const options: DriverOptions = { dataDir: folder(ctx!.tmp, 'data'), filesDir: folder(ctx!.tmp, 'files'), backoffBaseMs: 100, ...opts };
    const driver = await Driver.start(ctx!.spec, options, listen);
    drivers.push(driver);
    return { driver, options, client: ctx!.client };
  }

  const t = (name: string, fn: () => Promise<void>) =>
    test(`${engine} transfers: ${name}`, { timeout: 60_000 }, async () => {
      await ready;
      try {
        await fn();
      } finally {
        await Promise.all(drivers.splice(0).map((d) => d.close()));
      }
    });

  test(`${engine} transfers: set up`, { timeout: 900_000 }, async () => {
    await ready;
  });

  t('a download completes intact: enqueued → running → complete, progress 0 … 1, throttled', async () => {
    const body = pattern(700_000, 7);
    server.serve('/file.bin', { body, etag: '"v1"', acceptRanges: true, rate: 700_000 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/file.bin`, filename: 'file.bin', directory: 'sub/dir' });
    assert.equal(await driver.call('enqueue', { task }), true);
    assert.equal(await driver.call('enqueue', { task }), false, 'a second enqueue of an active task is refused');
    const end = await driver.finalStatus(task.taskId);
    assert.equal(end.status, 'complete');
    await driver.lastProgress(task.taskId, 1);
    assert.deepEqual(driver.statuses(task.taskId), ['enqueued', 'running', 'complete']);
    assert.equal(sha256(readFileSync(join(options.filesDir, 'sub/dir/file.bin'))), sha256(body));
    const progress = driver.progress(task.taskId);
    assert.equal(progress[0], 0);
    assert.equal(progress.at(-1), 1);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]! >= progress[i - 1]!, `progress goes up: ${progress}`);
    // About 1 s of transfer: a few updates, never one per chunk (43 chunks of 16 KiB).
    assert.ok(progress.length >= 3 && progress.length <= 8, `throttled progress: ${progress}`);
    const ups = driver.updates.filter((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0 && u.progress! < 1);
    for (let i = 1; i < ups.length; i++) assert.ok(ups[i]!.at - ups[i - 1]!.at >= 400, 'at least ~500 ms between progress updates');
    const records = await driver.call<Array<{ task: { taskId: string }; status: string; progress: number }>>('records', { group: null });
    assert.deepEqual(records.map((r) => [r.task.taskId, r.status, r.progress]), [[task.taskId, 'complete', 1]]);
    assert.deepEqual(readdirSync(join(options.dataDir, 'transfers', 'partial')), [], 'no partial file is left');
  });

  t('pause and resume continue with Range + If-Range (206), and the file is intact', async () => {
    const body = pattern(800_000, 11);
    server.serve('/pause.bin', { body, etag: '"p1"', acceptRanges: true, rate: 400_000 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/pause.bin`, filename: 'pause.bin', allowPause: true });
    await driver.call('enqueue', { task });
    await driver.waitFor((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0.2 && u.progress! < 1, 'progress > 20 %');
    assert.equal(await driver.call('taskCanResume', { taskId: task.taskId }), true);
    assert.equal(await driver.call('pause', { taskId: task.taskId }), true);
    await driver.waitFor((u) => u.taskId === task.taskId && u.status === 'paused', 'paused');
    assert.deepEqual(await driver.call('allTasks', { group: null, includeWaitingToRetry: true }), [], 'a paused task is not listed as active');
    assert.equal(await driver.call('resume', { taskId: task.taskId }), true);
    const end = await driver.finalStatus(task.taskId);
    assert.equal(end.status, 'complete');
    assert.deepEqual(driver.statuses(task.taskId), ['enqueued', 'running', 'paused', 'enqueued', 'running', 'complete']);
    const second = server.requestsFor('/pause.bin').at(-1)!;
    assert.match(String(second.headers.range), /^bytes=[1-9]\d*-$/);
    assert.equal(second.headers['if-range'], '"p1"');
    assert.equal(second.status, 206);
    assert.equal(sha256(readFileSync(join(options.filesDir, 'pause.bin'))), sha256(body));
  });

  t('a changed ETag makes the resumed download start over with the new file', async () => {
    const before = pattern(800_000, 21);
    const after = pattern(600_000, 22);
    server.serve('/changing.bin', { body: before, etag: '"old"', acceptRanges: true, rate: 400_000 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/changing.bin`, filename: 'changing.bin', allowPause: true });
    await driver.call('enqueue', { task });
    await driver.waitFor((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0.2 && u.progress! < 1, 'progress > 20 %');
    assert.equal(await driver.call('pause', { taskId: task.taskId }), true);
    await driver.waitFor((u) => u.taskId === task.taskId && u.status === 'paused', 'paused');
    server.serve('/changing.bin', { body: after, etag: '"new"', acceptRanges: true });
    await driver.call('resume', { taskId: task.taskId });
    assert.equal((await driver.finalStatus(task.taskId)).status, 'complete');
    const last = server.requestsFor('/changing.bin').at(-1)!;
    assert.equal(last.headers['if-range'], '"old"', 'the resume asked for the old version');
    assert.equal(last.status, 200, 'the server sent the whole new file');
    assert.equal(sha256(readFileSync(join(options.filesDir, 'changing.bin'))), sha256(after));
  });

  t('a weak ETag refuses resume: no pause, and a dropped connection restarts from byte 0', async () => {
    const body = pattern(500_000, 31);
    server.serve('/weak.bin', { body, etag: 'W/"weak"', acceptRanges: true, rate: 500_000 });
    server.fault('/weak.bin', { kind: 'drop', afterBytes: 300_000, times: 1 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/weak.bin`, filename: 'weak.bin', allowPause: true, retries: 2 });
    await driver.call('enqueue', { task });
    await driver.waitFor((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0.1 && u.progress! < 1, 'progress > 10 %');
    assert.equal(await driver.call('taskCanResume', { taskId: task.taskId }), false);
    assert.equal(await driver.call('pause', { taskId: task.taskId }), false);
    assert.equal((await driver.finalStatus(task.taskId)).status, 'complete');
    assert.deepEqual(driver.statuses(task.taskId), ['enqueued', 'running', 'waitingToRetry', 'enqueued', 'running', 'complete']);
    const [first, second] = server.requestsFor('/weak.bin').slice(-2);
    assert.equal(first!.headers.range, undefined);
    assert.equal(second!.headers.range, undefined, 'no Range with a weak ETag');
    assert.equal(sha256(readFileSync(join(options.filesDir, 'weak.bin'))), sha256(body));
  });

  t('a dropped connection with a strong ETag resumes with a range on the retry', async () => {
    const body = pattern(500_000, 41);
    server.serve('/drop.bin', { body, etag: '"s1"', acceptRanges: true });
    server.fault('/drop.bin', { kind: 'drop', afterBytes: 200_000, times: 1 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/drop.bin`, filename: 'drop.bin', retries: 1 });
    await driver.call('enqueue', { task });
    assert.equal((await driver.finalStatus(task.taskId)).status, 'complete');
    const last = server.requestsFor('/drop.bin').at(-1)!;
    assert.match(String(last.headers.range), /^bytes=[1-9]\d*-$/);
    assert.equal(last.status, 206);
    assert.equal(sha256(readFileSync(join(options.filesDir, 'drop.bin'))), sha256(body));
  });

  t('5xx is retried with exponential backoff; then retries run out → failed', async () => {
    server.serve('/flaky.bin', { body: pattern(10_000, 51), etag: '"f"', acceptRanges: true });
    server.fault('/flaky.bin', { kind: 'status', status: 503, times: 2 });
    const { driver, client } = await fresh({ backoffBaseMs: 150 });
    const task = client.downloadTask({ url: `${server.url}/flaky.bin`, filename: 'flaky.bin', retries: 3 });
    await driver.call('enqueue', { task });
    assert.equal((await driver.finalStatus(task.taskId)).status, 'complete');
    assert.deepEqual(driver.statuses(task.taskId), ['enqueued', 'running', 'waitingToRetry', 'enqueued', 'running', 'waitingToRetry', 'enqueued', 'running', 'complete']);
    const at = server.requestsFor('/flaky.bin').map((r) => r.at);
    assert.equal(at.length, 3);
    assert.ok(at[1]! - at[0]! >= 140 && at[1]! - at[0]! < 1_000, `first backoff ~150 ms: ${at[1]! - at[0]!}`);
    assert.ok(at[2]! - at[1]! >= 290, `second backoff ~300 ms (doubled): ${at[2]! - at[1]!}`);
    const waiting = driver.updates.find((u) => u.taskId === task.taskId && u.status === 'waitingToRetry')!;
    assert.deepEqual(waiting.payload.exception, { type: 'httpResponse', message: 'HTTP 503', httpResponseCode: 503 });
    assert.ok(driver.progress(task.taskId).includes(-4), 'waitingToRetry sends progress -4');

    server.fault('/flaky.bin', { kind: 'status', status: 500, times: 5 });
    const out = client.downloadTask({ url: `${server.url}/flaky.bin`, filename: 'flaky2.bin', retries: 1 });
    await driver.call('enqueue', { task: out });
    const end = await driver.finalStatus(out.taskId);
    assert.equal(end.status, 'failed');
    assert.equal((end.payload.exception as { httpResponseCode: number }).httpResponseCode, 500);
    assert.equal(await driver.lastProgress(out.taskId, -1), -1);
    server.faults.delete('/flaky.bin');
  });

  t('404 → notFound at once, without retries', async () => {
    const { driver, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/nothing-here.bin`, retries: 3 });
    await driver.call('enqueue', { task });
    assert.equal((await driver.finalStatus(task.taskId)).status, 'notFound');
    assert.deepEqual(driver.statuses(task.taskId), ['enqueued', 'running', 'notFound']);
    assert.equal(await driver.lastProgress(task.taskId, -3), -3);
    assert.equal(server.requestsFor('/nothing-here.bin').length, 1);
  });

  t('cancel mid-transfer: canceled, no file, no partial', async () => {
    server.serve('/cancel.bin', { body: pattern(2_000_000, 61), etag: '"c"', acceptRanges: true, rate: 500_000 });
    const { driver, options, client } = await fresh();
    const task = client.downloadTask({ url: `${server.url}/cancel.bin`, filename: 'cancel.bin' });
    await driver.call('enqueue', { task });
    await driver.waitFor((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0.05 && u.progress! < 1, 'progress > 5 %');
    assert.equal(await driver.call('cancel', { taskIds: [task.taskId] }), true);
    assert.equal((await driver.finalStatus(task.taskId)).status, 'canceled');
    assert.equal(await driver.lastProgress(task.taskId, -2), -2);
    assert.equal(existsSync(join(options.filesDir, 'cancel.bin')), false);
    assert.deepEqual(readdirSync(join(options.dataDir, 'transfers', 'partial')), []);
    assert.equal(await driver.call('cancel', { taskIds: [task.taskId] }), false, 'nothing left to cancel');
  });

  t('resume after the process is killed: the next engine continues the partial file', async () => {
    const body = pattern(1_200_000, 71);
    server.serve('/killed.bin', { body, etag: '"k"', acceptRanges: true, rate: 600_000 });
    const first = await fresh();
    const task = first.client.downloadTask({ url: `${server.url}/killed.bin`, filename: 'killed.bin' });
    await first.driver.call('enqueue', { task });
    await first.driver.waitFor((u) => u.taskId === task.taskId && u.kind === 'progress' && u.progress! > 0.25 && u.progress! < 1, 'progress > 25 %');
    await first.driver.kill();
    const second = await Driver.start(ctx!.spec, first.options, false);
    drivers.push(second);
    // Nobody listened: the restart's updates wait in the store until taken.
    for (let i = 0; i < 200; i++) {
      const r = await second.call<Array<{ status: string }>>('records', { group: null });
      if (r[0]?.status === 'complete') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const last = server.requestsFor('/killed.bin').at(-1)!;
    assert.match(String(last.headers.range), /^bytes=[1-9]\d*-$/, 'the new process asked for the rest only');
    assert.equal(last.status, 206);
    assert.equal(sha256(readFileSync(join(first.options.filesDir, 'killed.bin'))), sha256(body));
    const missed = await second.call<Array<{ kind: string; update: { status?: string; task: { taskId: string } } }>>('takeUndelivered');
    assert.deepEqual(missed.filter((u) => u.kind === 'status').map((u) => u.update.status), ['enqueued', 'running', 'complete']);
    assert.deepEqual(await second.call('takeUndelivered'), [], 'taken once');
  });

  t('uploads: multipart (fields + file) and binary arrive intact', async () => {
    const { driver, options, client } = await fresh();
    const data = pattern(300_000, 81);
    writeFileSync(join(options.filesDir, 'photo "1".jpg'), data);
    const fields = { title: 'Grüße, "quoted"\r\nline two', empty: '' };
    const multi = client.uploadTask({ url: `${server.url}/upload`, filename: 'photo "1".jpg', fields, fileField: 'picture', headers: { 'x-test': 'multipart' } });
    await driver.call('enqueue', { task: multi });
    const end = await driver.finalStatus(multi.taskId);
    assert.equal(end.status, 'complete');
    assert.deepEqual(JSON.parse(String(end.payload.responseBody)).received > 0, true);
    const got = server.uploads.find((u) => u.headers['x-test'] === 'multipart')!;
    assert.equal(got.headers['content-length'], String(got.body.length));
    const parts = parseMultipart(got.body, String(got.headers['content-type']));
    assert.deepEqual(parts.map((p) => p.name).sort(), ['empty', 'picture', 'title']);
    assert.equal(parts.at(-1)!.name, 'picture', 'the file comes after the fields');
    assert.equal(parts.find((p) => p.name === 'title')!.data.toString('utf8'), fields.title);
    assert.equal(parts.find((p) => p.name === 'empty')!.data.length, 0);
    const file = parts.find((p) => p.name === 'picture')!;
    assert.equal(file.filename, 'photo %221%22.jpg');
    assert.equal(file.contentType, 'image/jpeg');
    assert.equal(sha256(file.data), sha256(data));
    assert.equal(await driver.lastProgress(multi.taskId, 1), 1);

    const bin = client.uploadTask({ url: `${server.url}/upload-binary`, filename: 'photo "1".jpg', encoding: 'binary', httpRequestMethod: 'PUT' });
    await driver.call('enqueue', { task: bin });
    assert.equal((await driver.finalStatus(bin.taskId)).status, 'complete');
    const raw = server.uploads.find((u) => u.path === '/upload-binary')!;
    assert.equal(raw.method, 'PUT');
    assert.equal(raw.headers['content-type'], 'image/jpeg');
    assert.equal(sha256(raw.body), sha256(data));

    const missing = client.uploadTask({ url: `${server.url}/upload`, filename: 'does-not-exist.txt', retries: 3 });
    await driver.call('enqueue', { task: missing });
    const gone = await driver.finalStatus(missing.taskId);
    assert.equal(gone.status, 'failed');
    assert.equal((gone.payload.exception as { type: string }).type, 'fileSystem');
  });

  t('at most maxConcurrentPerHost transfers run against one host', async () => {
    for (let i = 0; i < 4; i++) server.serve(`/par${i}.bin`, { body: pattern(150_000, 90 + i), etag: `"q${i}"`, acceptRanges: true, rate: 300_000 });
    const { driver, client } = await fresh({ maxConcurrentPerHost: 2 });
    let running = 0;
    let peak = 0;
    const tasks = [0, 1, 2, 3].map((i) => client.downloadTask({ url: `${server.url}/par${i}.bin`, filename: `par${i}.bin` }));
    for (const task of tasks) await driver.call('enqueue', { task });
    for (const task of tasks) await driver.finalStatus(task.taskId);
    for (const u of driver.updates.filter((x) => x.kind === 'status')) {
      if (u.status === 'running') peak = Math.max(peak, ++running);
      if (u.status === 'complete') running -= 1;
    }
    assert.equal(peak, 2);
    const starts = [0, 1, 2, 3].map((i) => server.requestsFor(`/par${i}.bin`)[0]!.at);
    assert.ok(Math.min(starts[2]!, starts[3]!) >= Math.min(starts[0]!, starts[1]!) + 200, 'the third waited for a slot');
  });

  t('records, deleteRecords, reset and the undelivered replay', async () => {
    server.serve('/small.txt', { body: Buffer.from('hello'), etag: '"h"', acceptRanges: true });
    server.serve('/slow.bin', { body: pattern(3_000_000, 99), etag: '"sl"', acceptRanges: true, rate: 300_000 });
    const { driver, client } = await fresh({}, false);
    const a = client.downloadTask({ url: `${server.url}/small.txt`, group: 'g1', metaData: '{"k":1}' });
    await driver.call('enqueue', { task: a });
    for (let i = 0; i < 100 && (await driver.call<Array<{ status: string }>>('records', { group: 'g1' }))[0]?.status !== 'complete'; i++) await new Promise((r) => setTimeout(r, 30));
    const missed = await driver.call<Array<{ kind: string; update: { status?: string; progress?: number; task: { metaData: string } } }>>('takeUndelivered');
    assert.deepEqual(missed.filter((u) => u.kind === 'status').map((u) => u.update.status), ['enqueued', 'running', 'complete']);
    assert.deepEqual(missed.filter((u) => u.kind === 'progress').map((u) => u.update.progress), [1], 'only the newest progress of a task is kept');
    assert.equal(missed[0]!.update.task.metaData, '{"k":1}');
    await driver.call('listen');
    const b = client.downloadTask({ url: `${server.url}/slow.bin`, group: 'g2' });
    await driver.call('enqueue', { task: b });
    await driver.waitFor((u) => u.taskId === b.taskId && u.status === 'running', 'running');
    assert.deepEqual((await driver.call<Array<{ taskId: string }>>('allTasks', { group: 'g2', includeWaitingToRetry: true })).map((t) => t.taskId), [b.taskId]);
    assert.deepEqual(await driver.call('allTasks', { group: 'g1', includeWaitingToRetry: true }), []);
    assert.equal((await driver.call<{ taskId: string }>('taskForId', { taskId: b.taskId })).taskId, b.taskId);
    assert.equal(await driver.call('reset', { group: 'g2' }), 1);
    assert.equal((await driver.finalStatus(b.taskId)).status, 'canceled');
    assert.equal(await driver.call('deleteRecords', { taskIds: [a.taskId] }), 1);
    assert.deepEqual((await driver.call<Array<{ task: { taskId: string } }>>('records', { group: null })).map((r) => r.task.taskId), [b.taskId]);
    assert.equal(await driver.call('deleteRecords', { taskIds: null }), 1);
    assert.equal(await driver.call('platform'), 'desktop');
    await assert.rejects(driver.call('nope'), /unknown transfer operation/);
  });

  t('request: an immediate request with query, headers and body; any status is the answer; 5xx retried with backoff; no updates', async () => {
    const body = pattern(5_000, 101);
    server.serve('/api/data.bin', { body, etag: '"d"', acceptRanges: false });
    server.serve('/api/flaky', { body: Buffer.from('fine'), etag: null, acceptRanges: false });
    const { driver, client } = await fresh({ backoffBaseMs: 150 });
    const request = (o: Record<string, unknown>) => driver.call<Response>('request', { request: client.serverRequest(o) });

    const ok = await request({ url: `${server.url}/api/data.bin`, urlQueryParameters: { q: 'a%20b' }, headers: { 'x-req': 'yes' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.reasonPhrase, 'OK');
    assert.equal(ok.headers.etag, '"d"');
    assert.equal(ok.headers['content-length'], '5000');
    assert.equal(sha256(Buffer.from(ok.bodyBase64, 'base64')), sha256(body), 'the exact bytes, base64');
    assert.equal(ok.body, body.toString('utf8'));
    const logged = server.requestsFor('/api/data.bin').at(-1)!;
    assert.equal(logged.method, 'GET');
    assert.equal(logged.query, 'q=a%20b');
    assert.equal(logged.headers['x-req'], 'yes');

    const posted = await request({ url: `${server.url}/api/echo`, post: '{"a":"ü"}', headers: { 'content-type': 'application/json' } });
    assert.equal(posted.statusCode, 200);
    assert.equal(JSON.parse(posted.body).received, Buffer.byteLength('{"a":"ü"}'));
    const echo = server.uploads.find((u) => u.path === '/api/echo')!;
    assert.equal(echo.method, 'POST');
    assert.equal(echo.body.toString('utf8'), '{"a":"ü"}');

    server.fault('/api/flaky', { kind: 'status', status: 503, times: 2 });
    const retried = await request({ url: `${server.url}/api/flaky`, retries: 3 });
    assert.equal(retried.statusCode, 200);
    assert.equal(retried.body, 'fine');
    const at = server.requestsFor('/api/flaky').map((r) => r.at);
    assert.equal(at.length, 3, 'two 503s, then the answer');
    assert.ok(at[1]! - at[0]! >= 140 && at[1]! - at[0]! < 1_000, `first backoff ~150 ms: ${at[1]! - at[0]!}`);
    assert.ok(at[2]! - at[1]! >= 290, `second backoff ~300 ms (doubled): ${at[2]! - at[1]!}`);

    server.fault('/api/flaky', { kind: 'status', status: 500, times: 5 });
    const exhausted = await request({ url: `${server.url}/api/flaky`, retries: 1 });
    assert.equal(exhausted.statusCode, 500, 'the last answer when retries run out, not an error');
    assert.equal(exhausted.reasonPhrase, 'Internal Server Error');
    assert.equal(exhausted.body, 'fault 500');
    assert.equal(server.requestsFor('/api/flaky').length, 5);
    server.faults.delete('/api/flaky');

    const missing = await request({ url: `${server.url}/api/missing`, retries: 3 });
    assert.equal(missing.statusCode, 404, 'a 404 is an answer, not an error');
    assert.equal(missing.reasonPhrase, 'Not Found');
    assert.equal(missing.body, 'not found');
    assert.equal(server.requestsFor('/api/missing').length, 1, 'a 404 is not retried');
    assert.deepEqual(driver.updates, [], 'a request sends no status or progress update');
    assert.deepEqual(await driver.call('records', { group: null }), [], 'nor leaves a record');
  });

  t('request: bad input is INVALID_INPUT (client and engine); no server after the retries is NETWORK_FAILED', async () => {
    const { driver, client } = await fresh({ backoffBaseMs: 50 });
    for (const bad of [{ url: 'ftp://x/y' }, { url: `${server.url}/a`, retries: 11 }, { url: `${server.url}/a`, httpRequestMethod: 'GE T' }]) {
      assert.throws(() => client.serverRequest(bad), rejectsWith('INVALID_INPUT'), JSON.stringify(bad));
      await assert.rejects(driver.call('request', { request: bad }), rejectsWith('INVALID_INPUT'), JSON.stringify(bad));
    }
    await assert.rejects(driver.call('request', { request: { url: `${server.url}/a`, headers: { a: 1 } } }), rejectsWith('INVALID_INPUT'));
    const port = await closedPort();
    const started = Date.now();
    await assert.rejects(driver.call('request', { request: client.serverRequest({ url: `http://127.0.0.1:${port}/x`, retries: 2 }) }), rejectsWith('NETWORK_FAILED'));
    assert.ok(Date.now() - started >= 140, 'two backoff delays (50 + 100 ms) before giving up');
  });

  t('moveToSharedStorage: the file moves to the shared folder (a free name when taken); missing file or external → null; bad input rejected', async () => {
    server.serve('/share.txt', { body: Buffer.from('shared'), etag: '"s"', acceptRanges: true });
    const shared = folder(ctx!.tmp, 'shared');
    const { driver, options, client } = await fresh({ sharedDir: shared });
    const move = (args: Record<string, unknown>) => driver.call<string | null>('moveToSharedStorage', { task: null, taskId: null, directory: '', mimeType: null, ...args });
    const first = client.downloadTask({ url: `${server.url}/share.txt`, filename: 'share.txt' });
    await driver.call('enqueue', { task: first });
    assert.equal((await driver.finalStatus(first.taskId)).status, 'complete');
    const moved = await move({ taskId: first.taskId, destination: 'downloads', directory: 'sub/dir' });
    assert.equal(moved, join(shared, 'downloads', 'sub', 'dir', 'share.txt'));
    assert.equal(readFileSync(moved!, 'utf8'), 'shared');
    assert.equal(existsSync(join(options.filesDir, 'share.txt')), false, 'moved, not copied');

    const second = client.downloadTask({ url: `${server.url}/share.txt`, filename: 'share.txt' });
    await driver.call('enqueue', { task: second });
    assert.equal((await driver.finalStatus(second.taskId)).status, 'complete');
    assert.equal(await move({ task: second, destination: 'downloads', directory: 'sub/dir' }), join(shared, 'downloads', 'sub', 'dir', 'share (1).txt'), 'the existing file is kept');
    assert.equal(readFileSync(moved!, 'utf8'), 'shared');

    assert.equal(await move({ taskId: first.taskId, destination: 'downloads' }), null, 'the file is gone: null');
    assert.equal(await move({ taskId: 'no-such-task', destination: 'downloads' }), null);
    writeFileSync(join(options.filesDir, 'photo.jpg'), 'jpg');
    const photo = client.downloadTask({ url: `${server.url}/photo.jpg`, filename: 'photo.jpg' });
    assert.equal(await move({ task: photo, destination: 'external' }), null, 'no external storage on desktop');
    assert.equal(existsSync(join(options.filesDir, 'photo.jpg')), true, 'and the file stays');
    assert.equal(await move({ task: photo, destination: 'images', mimeType: 'image/jpeg' }), join(shared, 'images', 'photo.jpg'));

    await assert.rejects(move({ task: photo, destination: 'nowhere' }), rejectsWith('INVALID_INPUT'));
    await assert.rejects(move({ task: photo, destination: 'images', directory: '../up' }), rejectsWith('INVALID_INPUT'));
    await assert.rejects(move({ destination: 'images' }), rejectsWith('INVALID_INPUT'), 'neither a task nor a taskId');
  });

  t('openFile: runs the opener with the file and says whether it started; a missing file, a failing or missing opener → false; notifications are ignored on desktop', async () => {
    const out = join(folder(ctx!.tmp, 'open'), 'opened.txt');
    const record = "require('node:fs').writeFileSync(process.argv[1], process.argv[2])";
    const { driver, options, client } = await fresh({ openCommand: { command: process.execPath, args: ['-e', record, out] } });
    const open = (args: Record<string, unknown>) => driver.call<boolean>('openFile', { task: null, taskId: null, filePath: null, mimeType: null, ...args });
    writeFileSync(join(options.filesDir, 'doc "1".pdf'), 'pdf');
    const task = client.downloadTask({ url: `${server.url}/doc.pdf`, filename: 'doc "1".pdf' });
    assert.equal(await open({ task, mimeType: 'application/pdf' }), true);
    assert.equal(readFileSync(out, 'utf8'), join(options.filesDir, 'doc "1".pdf'), 'the path, as one argument');
    writeFileSync(join(options.filesDir, 'other.txt'), 'txt');
    assert.equal(await open({ filePath: join(options.filesDir, 'other.txt') }), true);
    assert.equal(readFileSync(out, 'utf8'), join(options.filesDir, 'other.txt'));
    assert.equal(await open({ filePath: join(options.filesDir, 'missing.txt') }), false);
    await assert.rejects(open({}), rejectsWith('INVALID_INPUT'));

    const failing = await fresh({ openCommand: { command: process.execPath, args: ['-e', 'process.exit(3)'] } });
    writeFileSync(join(failing.options.filesDir, 'x.txt'), 'x');
    assert.equal(await failing.driver.call('openFile', { task: null, taskId: null, filePath: join(failing.options.filesDir, 'x.txt'), mimeType: null }), false);
    const absent = await fresh({ openCommand: { command: join(ctx!.tmp, 'no-such-opener'), args: [] } });
    assert.equal(await absent.driver.call('openFile', { task: null, taskId: null, filePath: join(failing.options.filesDir, 'x.txt'), mimeType: null }), false);

    assert.equal(await driver.call('configureNotification', { scope: 'group', key: 'g', config: { running: { title: 'x' } } }), false, 'desktop shows no notifications');
    await assert.rejects(driver.call('configureNotification', { scope: 'everything', key: null, config: null }), rejectsWith('INVALID_INPUT'));
    assert.deepEqual(await driver.call('takeNotificationTaps'), []);
  });

  test(`${engine} transfers: tear down`, async () => {
    await ready;
    await server.stop();
  });
}
