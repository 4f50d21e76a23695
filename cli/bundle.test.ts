/**
 * The bundled executables (dist/bin, scripts/bundle.mjs) are what package.json
 * installs, and they keep the lazy loading the modules were written for:
 * `bg-doctor validate` requires ts-morph and TypeScript only to read a
 * declaration, and not even then while the declaration is as generate read
 * it (seen in require.cache of the real process: both are loaded with
 * require(), never bundled), and a big tree audited on worker threads
 * (the bundled worker module) reports what one thread reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, sourcePath } from '../lib/paths.js';

const PROBE = `process.on('exit', () => {
  const heavy = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/](ts-morph|typescript|@ts-morph)[\\\\/]/.test(k));
  require('node:fs').writeFileSync(process.env.BG_PROBE_OUT, JSON.stringify(heavy));
});`;

function heavyRequiredBy(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; heavy: string[]; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bg-bundle-probe-'));
  try {
    const probe = join(dir, 'probe.cjs');
    const out = join(dir, 'out.json');
    writeFileSync(probe, PROBE);
    const r = spawnSync(process.execPath, ['--require', probe, binPath('bg-doctor'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', BG_PROBE_OUT: out, ...env },
    });
    return { code: r.status, heavy: JSON.parse(readFileSync(out, 'utf8')) as string[], out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('package.json installs the bundled executables', () => {
  const pkg = JSON.parse(readFileSync(sourcePath('package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
  for (const [name, path] of Object.entries(pkg.bin)) {
    assert.match(path, /^dist\/bin\/[\w-]+\.js$/, name);
    const r = spawnSync(process.execPath, [sourcePath(path), '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
  }
});

test('bundled bg-doctor requires ts-morph only to read a declaration that changed since generate', () => {
  const plain = mkdtempSync(join(tmpdir(), 'bg-bundle-plain-'));
  const declared = mkdtempSync(join(tmpdir(), 'bg-bundle-declared-'));
  try {
    cpSync(sourcePath('e2e', 'fixtures', 'apps', 'capacitor'), plain, { recursive: true });
    const clean = heavyRequiredBy(['validate', '.'], plain);
    assert.equal(clean.code, 0, clean.out);
    assert.deepEqual(clean.heavy, []);

    // An app with a declaration, checked without the drift cache (a fresh CI checkout): while the
    // declaration is as generate read it, its snapshot (.bg-service/models.json) spares the compiler.
    cpSync(sourcePath('e2e', 'fixtures', 'apps', 'tauri'), declared, { recursive: true });
    const create = spawnSync(process.execPath, [binPath('create-bg-service'), '--yes', '--name', 'notes-sync'], { cwd: declared, encoding: 'utf8' });
    assert.equal(create.status, 0, create.stderr + create.stdout);
    const snapshotted = heavyRequiredBy(['validate', '.'], declared, { BG_DOCTOR_NO_CACHE: '1' });
    assert.equal(snapshotted.code, 0, snapshotted.out);
    assert.deepEqual(snapshotted.heavy, []);

    // The probe can fail: once the declaration changes (a comment will do), the reader runs.
    appendFileSync(join(declared, 'bg-services', 'notes-sync', 'notes-sync.bg.ts'), '// edited\n');
    const checked = heavyRequiredBy(['validate', '.'], declared, { BG_DOCTOR_NO_CACHE: '1' });
    assert.equal(checked.code, 0, checked.out);
    // (ts-morph ships its own TypeScript: @ts-morph/common/dist/typescript.js.)
    assert.ok(checked.heavy.some((k) => /typescript\.js$/.test(k)) && checked.heavy.some((k) => /[\\/]ts-morph[\\/]/.test(k)), checked.heavy.join('\n'));
  } finally {
    rmSync(plain, { recursive: true, force: true });
    rmSync(declared, { recursive: true, force: true });
  }
});

test('bundled bg-doctor --jobs 2 (worker threads from dist/bin) reports what --jobs 1 reports', () => {
  const corpusLike = mkdtempSync(join(tmpdir(), 'bg-bundle-jobs-'));
  try {
    for (const [i, app] of ['capacitor', 'tauri', 'capacitor', 'tauri'].entries()) cpSync(sourcePath('e2e', 'fixtures', 'apps', app), join(corpusLike, `app${i}`), { recursive: true });
    // A finding in one app, so the reports have content to compare.
    writeFileSync(join(corpusLike, 'app0', 'android', 'app', 'src', 'main', 'AndroidManifest.xml'), `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE" />
    <application>
        <service android:name=".Sync" android:foregroundServiceType="dataSync" android:exported="false" />
    </application>
</manifest>
`);
    const run = (jobs: string) => spawnSync(process.execPath, [binPath('bg-doctor'), 'validate', corpusLike, '--format', 'json', '--jobs', jobs], { encoding: 'utf8' });
    const one = run('1');
    const two = run('2');
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, 1, two.stderr);
    assert.ok((JSON.parse(one.stdout) as { apps: unknown[] }).apps.length >= 4);
    assert.equal(two.stdout, one.stdout);
    assert.match(spawnSync(process.execPath, [binPath('bg-doctor'), 'validate', corpusLike, '--jobs', '0'], { encoding: 'utf8' }).stderr, /--jobs expects a number of threads/);
  } finally {
    rmSync(corpusLike, { recursive: true, force: true });
  }
});
