/**
 * A big tree (a monorepo of many apps) audited on several threads. The walk
 * happens once, here. This thread and each worker take the list of paths,
 * find the same roots and groups as every other (detection is
 * deterministic), load only their share of them and run the rules on those
 * apps (run.ts shareOf, project/detect.ts). What comes back is plain data — its apps, findings with
 * their fixes computed, parse problems, suppression directives, the files
 * read — merged here and then finished exactly like a single-thread run
 * (runValidation's `finish`), so the report is the same whatever the number
 * of threads (tested).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { runningBundled, sourcePath } from '../lib/paths.js';
import { collectFindings, type Collected, type CollectRequest } from './run.js';
import { detachedWalkRecord, type DetachedWalkRecord } from './project/files.js';

export type WorkerRequest = Omit<CollectRequest, 'rules'> & {
  share: { index: number; count: number };
  /** What the walk saw besides its list (plugin folders are listed from it, project/plugins.ts). */
  walkRecord?: DetachedWalkRecord;
};

/**
 * The worker's module: the bundled one beside the bundled executables when
 * this code runs from dist/bin, else the compiled module beside this one.
 */
function workerScript(): string {
  return runningBundled ? sourcePath('dist', 'bin', 'bg-doctor-worker.js') : fileURLToPath(new URL('./worker.js', import.meta.url));
}

function runWorker(script: string, request: WorkerRequest): Promise<Collected> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    worker.once('message', (m: { ok: true; collected: Collected } | { ok: false; error: string }) => {
      settled = true;
      if (m.ok) resolvePromise(m.collected);
      else reject(new Error(`a bg-doctor worker failed: ${m.error}`));
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a bg-doctor worker exited (code ${code}) without a result`));
      settled = true;
    });
  });
}

export async function collectInWorkers(req: Omit<CollectRequest, 'rules' | 'share'>, jobs: number): Promise<Collected> {
  const script = workerScript();
  // Shares 1… on worker threads; share 0 here, meanwhile: this thread has its modules loaded
  // already, and would otherwise only wait (one thread fewer to start, and to hold in memory).
  const walkRecord = detachedWalkRecord(req.paths);
  const others = Array.from({ length: jobs - 1 }, (_, i) => runWorker(script, { ...req, walkRecord, share: { index: i + 1, count: jobs } }));
  // A worker's failure is reported once all shares are in (none is left running behind the run).
  const settled = Promise.allSettled(others);
  const mine = await collectFindings({ ...req, share: { index: 0, count: jobs } });
  const rest = await settled;
  const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return merge([mine, ...rest.map((r) => (r as PromiseFulfilledResult<Collected>).value)]);
}

/** One Collected from the shares: their apps in name order (as detection sorts them), findings in app order, files once. */
export function merge(shares: Collected[]): Collected {
  const apps = shares.flatMap((s) => s.apps).sort((a, b) => a.name.localeCompare(b.name));
  const order = new Map(apps.map((a, i) => [a.name, i]));
  const findings = shares.flatMap((s) => s.findings);
  // Rule findings in app order, as one thread would have produced them (the sort in finish is stable).
  findings.sort((a, b) => (order.get(a.app ?? '.') ?? -1) - (order.get(b.app ?? '.') ?? -1));
  const problems = new Map<string, Collected['problems'][number]>();
  const directives = new Map<string, Collected['directives']>();
  const read = new Set<string>();
  for (const s of shares) {
    for (const p of s.problems) if (!problems.has(p.file)) problems.set(p.file, p);
    // A file read by several workers has the same directives in each: keep one copy.
    const byFile = new Map<string, Collected['directives']>();
    for (const d of s.directives) {
      let l = byFile.get(d.file);
      if (!l) byFile.set(d.file, (l = []));
      l.push(d);
    }
    for (const [f, l] of byFile) if (!directives.has(f)) directives.set(f, l);
    for (const f of s.read) read.add(f);
  }
  return {
    apps,
    findings,
    problems: [...problems.values()],
    directives: [...directives.values()].flat(),
    internalErrors: shares.reduce((n, s) => n + s.internalErrors, 0),
    read: [...read],
    claims: shares.flatMap((s) => s.claims),
  };
}
