/**
 * A worker thread of a parallel audit (parallel.ts): collect the findings of
 * its share of the apps and post them back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectFindings } from './run.js';
import { attachWalkRecord } from './project/files.js';
import type { WorkerRequest } from './parallel.js';

const request = workerData as WorkerRequest;
try {
  if (request.walkRecord) attachWalkRecord(request.paths, request.walkRecord);
  const collected = await collectFindings(request);
  // Fixes are computed on first read (lazy getters): read them here, where the editors run.
  collected.findings = collected.findings.map((f) => ({ ...f, fix: f.fix }));
  parentPort!.postMessage({ ok: true, collected });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
