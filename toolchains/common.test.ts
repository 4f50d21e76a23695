import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { ToolchainMissingError, finish, runTool } from './common.js';
import { compileKotlin, checkRust, parseSwift, verifyPlist, verifySystemdUnit } from './index.js';

// No silent passes: without the toolchains every checker throws, naming what
// is missing and `npm run toolchains` as the fix.

async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const missing = (what: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ToolchainMissingError, String(e));
  assert.match(e.message, what);
  assert.match(e.message, /npm run toolchains/);
  return true;
};

test('an empty cache: compileKotlin, checkRust and parseSwift throw ToolchainMissingError', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'bg-empty-cache-'));
  try {
    await withEnv({ BG_SERVICE_CACHE: empty }, async () => {
      await assert.rejects(compileKotlin([sourcePath('toolchains', 'fixtures', 'kotlin', 'Events.kt')]), missing(/Kotlin compiler/));
      await assert.rejects(checkRust(sourcePath('toolchains', 'fixtures', 'rust', 'good')), missing(/Rust crate cache/));
      await assert.rejects(parseSwift([sourcePath('toolchains', 'fixtures', 'swift', 'Broken.swift')]), missing(/Swift grammar/));
    });
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('no python3 or systemd-analyze on PATH: verifyPlist and verifySystemdUnit throw ToolchainMissingError', async () => {
  await withEnv({ PATH: '/nonexistent' }, async () => {
    await assert.rejects(verifyPlist(sourcePath('toolchains', 'fixtures', 'plist', 'Info.plist')), missing(/python3/));
    await assert.rejects(verifySystemdUnit(sourcePath('toolchains', 'fixtures', 'systemd', 'bg-sync.service')), missing(/systemd-analyze/));
  });
});

test('runTool captures both streams and the exit code', async () => {
  const r = await runTool(process.execPath, ['-e', 'console.log("out"); console.error("err"); process.exit(3)']);
  assert.deepEqual([r.code, r.stdout.trim(), r.stderr.trim()], [3, 'out', 'err']);
});

test('finish: duplicates dropped, sorted by file and position, ok only when nothing is left', () => {
  const d = (file: string, line: number) => ({ file, line, column: 1, severity: 'error' as const, message: 'm', tool: 't' });
  const r = finish([d('/b', 1), d('/a', 9), d('/a', 2), d('/a', 9)], performance.now());
  assert.deepEqual(r.diagnostics.map((x) => `${x.file}:${x.line}`), ['/a:2', '/a:9', '/b:1']);
  assert.equal(r.ok, false);
  assert.equal(finish([], performance.now()).ok, true);
});
