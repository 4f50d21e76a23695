/**
 * A small HTTP server on 127.0.0.1 for the transfer engines' tests: files
 * served with ETag / Last-Modified / Accept-Ranges and real Range + If-Range
 * semantics (RFC 9110: a weak or different validator sends the whole file),
 * uploads received and kept (raw and multipart-parsed), and switchable
 * faults — an HTTP status for the next n requests, a connection dropped after
 * n bytes, a slow body. Every request is logged. It closes itself after its
 * lifetime or request budget, so a test that forgets it cannot hang the run.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ServedFile {
  body: Buffer;
  /** As sent (`"abc"` strong, `W/"abc"` weak); null for none. */
  etag: string | null;
  acceptRanges: boolean;
  lastModified?: string;
  /** Bytes per second (default: as fast as possible). */
  rate?: number;
}

export type Fault = { kind: 'status'; status: number; times: number } | { kind: 'drop'; afterBytes: number; times: number };

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string, without '?' ('' for none). */
  query: string;
  headers: IncomingMessage['headers'];
  /** ms since the server started. */
  at: number;
  status?: number;
}

export interface ReceivedUpload {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Bytes that differ at every position (a misplaced range shows in the hash). */
export function pattern(size: number, seed = 1): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** Parse a multipart/form-data body (the test's own reader, independent of the engines). */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delim = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delim);
  if (at !== 0) throw new Error('the body does not start with the boundary');
  for (;;) {
    at += delim.length;
    if (body.subarray(at, at + 2).toString() === '--') {
      if (body.subarray(at + 2).toString() !== '\r\n') throw new Error('bytes after the closing boundary');
      return parts;
    }
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error('no CRLF after a boundary');
    at += 2;
    const headEnd = body.indexOf('\r\n\r\n', at);
    const head = body.subarray(at, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (headEnd < 0 || next < 0) throw new Error('a part is not terminated');
    const headers = new Map(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const disposition = headers.get('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Error(`a part without a name: ${disposition}`);
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    const ct = headers.get('content-type');
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(ct ? { contentType: ct } : {}), data: body.subarray(headEnd + 4, next) });
    at = next + 2;
  }
}

export class TransferServer {
  readonly files = new Map<string, ServedFile>();
  readonly faults = new Map<string, Fault[]>();
  readonly requests: LoggedRequest[] = [];
  readonly uploads: ReceivedUpload[] = [];
  /** The most requests of one path in flight at once. */
  readonly peak = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly started = Date.now();
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  url = '';

  constructor(private readonly limits: { lifetimeMs?: number; maxRequests?: number } = {}) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.stopTimer = setTimeout(() => void this.stop(), this.limits.lifetimeMs ?? 180_000);
    this.stopTimer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  serve(path: string, file: ServedFile): void {
    this.files.set(path, file);
  }

  fault(path: string, fault: Fault): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), fault]);
  }

  requestsFor(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private takeFault(path: string): Fault | undefined {
    const list = this.faults.get(path);
    const f = list?.[0];
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) list!.shift();
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const log: LoggedRequest = { method: req.method ?? '', path, query: url.search.slice(1), headers: req.headers, at: Date.now() - this.started };
    this.requests.push(log);
    if (this.requests.length > (this.limits.maxRequests ?? 2_000)) {
      res.writeHead(503).end('request budget spent');
      void this.stop();
      return;
    }
    const n = (this.inFlight.get(path) ?? 0) + 1;
    this.inFlight.set(path, n);
    this.peak.set(path, Math.max(this.peak.get(path) ?? 0, n));
    const done = () => this.inFlight.set(path, (this.inFlight.get(path) ?? 1) - 1);
    res.on('close', done);
    const fault = this.takeFault(path);
    if (fault?.kind === 'status') {
      log.status = fault.status;
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`fault ${fault.status}`);
      return;
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      this.uploads.push({ path, method: req.method, headers: req.headers, body });
      log.status = path.startsWith('/missing') ? 404 : 200;
      res.writeHead(log.status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: body.length, sha256: sha256(body) }));
      return;
    }
    const file = this.files.get(path);
    if (!file) {
      log.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (file.etag) headers.etag = file.etag;
    if (file.lastModified) headers['last-modified'] = file.lastModified;
    if (file.acceptRanges) headers['accept-ranges'] = 'bytes';
    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const ifRange = req.headers['if-range'];
    // If-Range matches only a strong, identical ETag (or the same Last-Modified).
    const validatorOk = ifRange === undefined || (file.etag !== null && !file.etag.startsWith('W/') && ifRange === file.etag) || ifRange === file.lastModified;
    if (range && file.acceptRanges && validatorOk) {
      start = Number(range[1]);
      if (start >= file.body.length) {
        log.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${file.body.length}` }).end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`;
    }
    const body = file.body.subarray(start);
    headers['content-length'] = String(body.length);
    log.status = status;
    res.writeHead(status, headers);
    const dropAt = fault?.kind === 'drop' ? fault.afterBytes : Infinity;
    const chunk = 16 * 1024;
    for (let at = 0; at < body.length; at += chunk) {
      if (res.destroyed) return;
      const piece = body.subarray(at, Math.min(at + chunk, body.length, dropAt));
      if (piece.length && !res.write(piece)) await new Promise((r) => res.once('drain', r));
      if (at + chunk >= dropAt) {
        res.destroy();
        return;
      }
      if (file.rate) await new Promise((r) => setTimeout(r, (chunk / file.rate!) * 1000));
    }
    res.end();
  }
}
