/**
 * The drift cache (cache.ts): a clean check is remembered with everything it
 * read, and reused only while none of that changed — an edited glue file,
 * declaration or manifest, or a new file where the generator looks, brings
 * the full check (and its findings) back; a file merely touched does not.
 * The fs functions swapped in for the recording are put back, even when the
 * check throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsNamed from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runValidation } from '../run.js';
import drift from '../rules/bg-declaration-drift.js';
import invalid from '../rules/bg-declaration-invalid.js';
import stale from '../rules/bg-generated-stale.js';
import { knownClean, recordIfClean } from './cache.js';
import { generatedCapacitorApp, SAMPLE_DECLARATION, SAMPLE_SOURCE } from './testing.js';

const RULES = [drift, stale, invalid];
const DECLARATION = SAMPLE_DECLARATION;
const SOURCE = SAMPLE_SOURCE;

async function generatedApp(): Promise<string> {
  return (await generatedCapacitorApp('bg-drift-cache-', DECLARATION, SOURCE)).root;
}

/** Findings of the drift rules, and whether the run could answer from the cache (checked before it). */
async function audit(root: string): Promise<{ findings: string[]; cachedBefore: boolean }> {
  const cachedBefore = knownClean(root, {});
  const result = await runValidation({ root, rules: RULES, settings: { assumeTargetSdk: 35 } });
  assert.equal(result.internalErrors, 0);
  return { findings: result.findings.map((f) => `${f.ruleId}: ${f.message}`), cachedBefore };
}

function withCache<T>(fn: (cacheDir: string) => Promise<T>): () => Promise<T> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-cache-'));
    const saved = { cache: process.env.BG_SERVICE_CACHE, off: process.env.BG_DOCTOR_NO_CACHE };
    process.env.BG_SERVICE_CACHE = dir;
    delete process.env.BG_DOCTOR_NO_CACHE;
    try {
      return await fn(dir);
    } finally {
      if (saved.cache === undefined) delete process.env.BG_SERVICE_CACHE;
      else process.env.BG_SERVICE_CACHE = saved.cache;
      if (saved.off !== undefined) process.env.BG_DOCTOR_NO_CACHE = saved.off;
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'a clean check is remembered; any change it read brings the full check back, a touch does not',
  withCache(async (cacheDir) => {
    const root = await generatedApp();
    try {
      assert.deepEqual(await audit(root), { findings: [], cachedBefore: false });
      assert.equal(readdirSync(join(cacheDir, 'doctor', 'drift')).length, 1, 'the clean check was recorded');
      assert.deepEqual(await audit(root), { findings: [], cachedBefore: true });

      // A generated file edited by hand: found again, and not cached while it stands.
      const glue = readdirSync(root, { recursive: true, encoding: 'utf8' }).find((p) => p.endsWith('Types.kt'));
      assert.ok(glue, 'a generated Kotlin types file');
      const gluePath = join(root, glue);
      const original = readFileSync(gluePath, 'utf8');
      writeFileSync(gluePath, original + '// edited\n');
      const edited = await audit(root);
      assert.equal(edited.cachedBefore, false);
      assert.ok(edited.findings.some((f) => f.startsWith('bg-generated-stale')), edited.findings.join('\n'));
      assert.equal((await audit(root)).cachedBefore, false, 'a run with findings is not remembered');

      // Put back: the recorded content matches again.
      writeFileSync(gluePath, original);
      assert.deepEqual(await audit(root), { findings: [], cachedBefore: true });

      // Touched (new mtime, same bytes): still clean from the cache.
      const later = new Date(Date.now() + 5000);
      utimesSync(gluePath, later, later);
      assert.deepEqual(await audit(root), { findings: [], cachedBefore: true });

      // A manifest entry removed by hand: drift found.
      const manifest = join(root, 'android', 'app', 'src', 'main', 'AndroidManifest.xml');
      const text = readFileSync(manifest, 'utf8');
      writeFileSync(manifest, text.replace(/\s*<uses-permission android:name="android.permission.FOREGROUND_SERVICE_DATA_SYNC"\s*\/>/, ''));
      const drifted = await audit(root);
      assert.equal(drifted.cachedBefore, false);
      assert.ok(drifted.findings.some((f) => f.startsWith('bg-declaration-drift')), drifted.findings.join('\n'));
      writeFileSync(manifest, text);

      // The declaration changed: its outputs are stale.
      writeFileSync(join(root, DECLARATION), SOURCE.replace('total: number', 'total: number; skipped: number'));
      const changed = await audit(root);
      assert.equal(changed.cachedBefore, false);
      assert.ok(changed.findings.some((f) => f.startsWith('bg-generated-stale')), changed.findings.join('\n'));
      writeFileSync(join(root, DECLARATION), SOURCE);

      // A second declaration appears: every declaration is read again.
      writeFileSync(join(root, 'services', 'other.bg.ts'), SOURCE.replace("'notes-sync'", "'other-sync'"));
      const added = await audit(root);
      assert.equal(added.cachedBefore, false);
      assert.ok(added.findings.length > 0, 'the new service is not generated yet');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }),
);

test(
  'BG_DOCTOR_NO_CACHE=1 records nothing',
  withCache(async (cacheDir) => {
    const root = await generatedApp();
    process.env.BG_DOCTOR_NO_CACHE = '1';
    try {
      assert.deepEqual((await audit(root)).findings, []);
      assert.equal(existsSync(join(cacheDir, 'doctor')), false);
    } finally {
      delete process.env.BG_DOCTOR_NO_CACHE;
      rmSync(root, { recursive: true, force: true });
    }
  }),
);

test(
  'the recording puts the real fs functions back (CommonJS object and ES bindings), also when the check throws',
  withCache(async () => {
    const before = { readFileSync: fs.readFileSync, named: fsNamed.readFileSync, existsSync: fs.existsSync, readdir: fs.promises.readdir };
    const root = mkdtempSync(join(tmpdir(), 'bg-drift-cache-'));
    try {
      writeFileSync(join(root, 'a.txt'), 'a');
      let swapped = false;
      await recordIfClean(root, async () => {
        swapped = fsNamed.readFileSync !== before.named;
        fsNamed.readFileSync(join(root, 'a.txt'));
        return [];
      });
      assert.ok(swapped, 'the ES binding was swapped during the check');
      await assert.rejects(
        recordIfClean(root, async () => {
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(fs.readFileSync, before.readFileSync);
      assert.equal(fsNamed.readFileSync, before.named);
      assert.equal(fs.existsSync, before.existsSync);
      assert.equal(fs.promises.readdir, before.readdir);
      assert.ok(knownClean(root, {}), 'the clean check with its one read was kept');
      writeFileSync(join(root, 'a.txt'), 'b');
      assert.equal(knownClean(root, {}), false, 'and is void once the file it read changed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }),
);
