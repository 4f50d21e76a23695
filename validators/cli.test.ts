/**
 * The executable as installed (the bundled dist/bin/bg-doctor.js) on temporary projects: exit
 * codes 0/1/2, --max-warnings, --quiet, config errors, --fix (atomic,
 * byte-preserving, re-validated) and --fix-dry-run, rules/explain/help/version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, packageRoot } from '../lib/paths.js';
import { writeProject } from './testing.js';
import { APP, gradleApp, manifest, perm } from './android/fixture.js';

const CLI = binPath('bg-doctor');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const LAUNCHER = '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';
const clean = () => ({ ...gradleApp(35), [APP]: manifest([perm('INTERNET')], [LAUNCHER]) });
const warnOnly = () => ({ ...gradleApp(35), [APP]: manifest([perm('REQUEST_IGNORE_BATTERY_OPTIMIZATIONS')], [LAUNCHER]) });
const broken = () => ({
  ...gradleApp(35),
  [APP]: manifest([perm('POST_NOTIFICATIONS'), perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
});

function withProject(files: Record<string, string>, fn: (dir: string) => void) {
  const dir = writeProject(files);
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('exit 0 on a clean project', () => {
  withProject(clean(), (dir) => {
    const r = run(['validate', dir]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /no problems/);
  });
});

test('exit 0 with warnings only; 1 over --max-warnings', () => {
  withProject(warnOnly(), (dir) => {
    assert.equal(run(['validate', dir]).code, 0);
    assert.equal(run(['validate', dir, '--max-warnings', '1']).code, 0);
    assert.equal(run(['validate', dir, '--max-warnings', '0']).code, 1);
  });
});

test('exit 1 on an error; --quiet shows errors only', () => {
  withProject(broken(), (dir) => {
    const r = run(['validate', dir]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /android-fgs-type-permission/);
    assert.ok(!r.out.includes('\u001b['), 'NO_COLOR: no escapes');
    const q = run(['validate', dir, '--quiet']);
    assert.equal(q.code, 1);
    assert.ok(!/warning/.test(q.out.split('\n').filter((l) => /^\s+\d+:\d+/.test(l)).join('\n')));
  });
});

test('a malformed manifest is a located parse-error, exit 1', () => {
  withProject({ ...gradleApp(35), [APP]: '<manifest>\n  <application>\n</manifest>\n' }, (dir) => {
    const r = run(['validate', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const out = JSON.parse(r.out);
    const f = out.apps.flatMap((a: { findings: unknown[] }) => a.findings)[0];
    assert.equal(f.ruleId, 'parse-error');
    assert.equal(f.line, 3);
  });
});

test('exit 2: unknown flag, unknown format, unknown command, missing folder, bad --max-warnings', () => {
  assert.equal(run(['validate', '--bogus']).code, 2);
  assert.equal(run(['validate', '.', '--format', 'xml']).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run([]).code, 2);
  assert.equal(run(['validate', '/definitely/not/here']).code, 2);
  assert.equal(run(['validate', '.', '--max-warnings', 'many']).code, 2);
  assert.equal(run(['explain', 'no-such-rule']).code, 2);
});

test('config: unknown rule id → exit 2 with a suggestion; severities and ignore apply', () => {
  withProject({ ...broken(), 'bg-doctor.config.json': JSON.stringify({ rules: { 'android-fgs-type-permision': 'off' } }) }, (dir) => {
    const r = run(['validate', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /did you mean "android-fgs-type-permission"/);
  });
  withProject({ ...broken(), 'bg-doctor.config.json': JSON.stringify({ rules: { 'android-fgs-type-permission': 'warn' } }) }, (dir) => {
    assert.equal(run(['validate', dir]).code, 0);
  });
  withProject({ ...broken(), 'package.json': JSON.stringify({ name: 'x', bgDoctor: { ignore: ['app/'] } }) }, (dir) => {
    const r = run(['validate', dir]);
    assert.equal(r.code, 0, r.out);
  });
  withProject({ ...clean(), 'bg-doctor.config.json': '{ "rules": ' }, (dir) => {
    assert.equal(run(['validate', dir]).code, 2);
  });
});

test('--fix-dry-run prints a diff and writes nothing; --fix patches atomically and re-validates clean', () => {
  withProject(broken(), (dir) => {
    const before = readFileSync(join(dir, APP), 'utf8');
    const d = run(['validate', dir, '--fix-dry-run']);
    assert.equal(d.code, 1);
    assert.match(d.out, /^\+\s+<uses-permission android:name="android.permission.FOREGROUND_SERVICE_DATA_SYNC"\/>$/m);
    assert.equal(readFileSync(join(dir, APP), 'utf8'), before);
    const f = run(['validate', dir, '--fix']);
    assert.equal(f.code, 0, f.out + f.err);
    const after = readFileSync(join(dir, APP), 'utf8');
    assert.equal(after, before.replace(perm('FOREGROUND_SERVICE') + '\n', perm('FOREGROUND_SERVICE') + '\n    ' + perm('FOREGROUND_SERVICE_DATA_SYNC') + '\n'));
    assert.equal(run(['validate', dir, '--fix']).code, 0, 'a second --fix changes nothing');
    assert.equal(readFileSync(join(dir, APP), 'utf8'), after);
  });
});

test('--fix keeps CRLF line endings and a BOM', () => {
  const m = '\ufeff' + manifest([perm('POST_NOTIFICATIONS'), perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']).replace(/\n/g, '\r\n');
  withProject({ ...gradleApp(35), [APP]: m }, (dir) => {
    assert.equal(run(['validate', dir, '--fix']).code, 0);
    const after = readFileSync(join(dir, APP), 'utf8');
    assert.ok(after.startsWith('\ufeff'));
    assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
    assert.match(after, /FOREGROUND_SERVICE_DATA_SYNC/);
  });
});

test('inline suppression with a reason silences; without one it is reported', () => {
  const withSuppression = (comment: string) => ({
    ...gradleApp(35),
    [APP]: manifest([perm('POST_NOTIFICATIONS'), perm('FOREGROUND_SERVICE')], [LAUNCHER, comment, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
  });
  withProject(withSuppression('<!-- bg-doctor-disable-next-line android-fgs-type-permission — declared by our SDK at build time -->'), (dir) => {
    const r = run(['validate', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.out);
  });
  withProject(withSuppression('<!-- bg-doctor-disable-next-line android-fgs-type-permission -->'), (dir) => {
    const out = JSON.parse(run(['validate', dir, '--format', 'json']).out);
    const ids = out.apps.flatMap((a: { findings: Array<{ ruleId: string }> }) => a.findings.map((f) => f.ruleId));
    assert.deepEqual(ids.sort(), ['invalid-suppression']);
  });
  withProject(withSuppression('<!-- bg-doctor-disable-next-line android-no-such-rule: reason -->'), (dir) => {
    const out = JSON.parse(run(['validate', dir, '--format', 'json']).out);
    const ids = out.apps.flatMap((a: { findings: Array<{ ruleId: string }> }) => a.findings.map((f) => f.ruleId));
    assert.ok(ids.includes('invalid-suppression') && ids.includes('android-fgs-type-permission'));
  });
});

test('rules, explain, help and version', () => {
  const rules = run(['rules']);
  assert.equal(rules.code, 0);
  assert.match(rules.out, /android-fgs-type-missing\s+error\s+android/);
  const json = JSON.parse(run(['rules', '--format', 'json']).out);
  assert.ok(json.find((r: { id: string; fixable: boolean }) => r.id === 'android-boot-permission' && r.fixable));
  const ex = run(['explain', 'android-fgs-type-missing']);
  assert.equal(ex.code, 0);
  assert.ok(ex.out.includes('android.app.MissingForegroundServiceTypeException: Starting FGS without a type  callerApp=ProcessRecord{…} targetSDK=34'));
  for (const a of [['--help'], ['validate', '--help'], ['rules', '--help'], ['explain', '--help']]) {
    const h = run(a);
    assert.equal(h.code, 0);
    assert.match(h.out, /Usage: bg-doctor/);
  }
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.out.trim(), JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version);
});

test('sarif and github formats from the real CLI', () => {
  withProject(broken(), (dir) => {
    const s = run(['validate', dir, '--format', 'sarif']);
    assert.equal(s.code, 1);
    assert.equal(JSON.parse(s.out).version, '2.1.0');
    const g = run(['validate', dir, '--format', 'github']);
    assert.match(g.out, /^::error file=.*AndroidManifest\.xml,line=\d+,col=\d+/m);
  });
});

test('colour only when forced on a pipe, never with NO_COLOR', () => {
  withProject(broken(), (dir) => {
    assert.ok(run(['validate', dir], { FORCE_COLOR: '1', NO_COLOR: '' }).out.includes('\u001b['));
    assert.ok(!run(['validate', dir], { NO_COLOR: '1' }).out.includes('\u001b['));
  });
});
