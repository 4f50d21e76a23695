/**
 * The runner: crash isolation (a throwing rule is an internal error, exit 2,
 * and the other rules still run), configured severities, suppressions,
 * parse errors, exit codes, config validation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineRule } from './rule.js';
import { exitCodeFor } from './run.js';
import { lintFiles } from './testing.js';
import { ConfigError, parseConfig } from './config.js';
import { APP, manifest, perm } from './android/fixture.js';
import bootPermission from './rules/android-boot-permission.js';

const crashing = defineRule({
  meta: { id: 'test-crash', platform: 'android', severity: 'error', docs: { title: 't', why: 'w', fix: 'f' } },
  check() {
    throw new TypeError('boom');
  },
});
const lazyThrows = defineRule({
  meta: { id: 'test-lazy', platform: 'android', severity: 'warning', docs: { title: 't', why: 'w', fix: 'f' } },
  check(ctx) {
    ctx.report({ file: ctx.project.android!.manifestFile, line: 1, message: 'x', fix: () => { throw new Error('editor refused'); } });
  },
});
const BOOT = '<receiver android:name=".Boot"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>';

test('a crashing rule is isolated and reported; the others still run; exit 2', async () => {
  const r = await lintFiles({ [APP]: manifest([], [BOOT]) }, { rules: [crashing, bootPermission] });
  try {
    assert.equal(r.result.internalErrors, 1);
    const ids = r.findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['android-boot-permission', 'internal-error']);
    assert.match(r.findings.find((f) => f.ruleId === 'internal-error')!.message, /rule test-crash crashed: boom/);
    assert.equal(exitCodeFor(r.result), 2);
  } finally {
    r.cleanup();
  }
});

test('a lazy fix whose editor throws is simply no fix', async () => {
  const r = await lintFiles({ [APP]: manifest([], []) }, { rules: [lazyThrows] });
  try {
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]!.fix, undefined);
    assert.equal(exitCodeFor(r.result), 0);
  } finally {
    r.cleanup();
  }
});

test('configured severities override, off disables, max-warnings counts', async () => {
  const files = { [APP]: manifest([], [BOOT]) };
  const warn = await lintFiles(files, { rules: [bootPermission], config: { rules: { 'android-boot-permission': 'warning' } } });
  const off = await lintFiles(files, { rules: [bootPermission], config: { rules: { 'android-boot-permission': 'off' } } });
  try {
    assert.equal(warn.findings[0]!.severity, 'warning');
    assert.equal(exitCodeFor(warn.result), 0);
    assert.equal(exitCodeFor(warn.result, 0), 1);
    assert.equal(off.findings.length, 0);
  } finally {
    warn.cleanup();
    off.cleanup();
  }
});

test('suppressions: used, unused (info), without reason (warning, still suppresses)', async () => {
  const files = {
    [APP]: manifest([perm('INTERNET')], [
      '<!-- bg-doctor-disable-next-line android-boot-permission: boot handled by the OEM launcher -->',
      BOOT,
      '<!-- bg-doctor-disable-next-line android-boot-permission: stale -->',
      '<service android:name=".S"/>',
    ]),
  };
  const r = await lintFiles(files, { rules: [bootPermission] });
  try {
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity, f.line]), [['unused-suppression', 'info', 6]]);
  } finally {
    r.cleanup();
  }
  const nr = await lintFiles({ [APP]: manifest([], ['<!-- bg-doctor-disable-next-line android-boot-permission -->', BOOT]) }, { rules: [bootPermission] });
  try {
    assert.deepEqual(nr.findings.map((f) => [f.ruleId, f.severity]), [['invalid-suppression', 'warning']]);
  } finally {
    nr.cleanup();
  }
});

test('malformed plist and binary plist are located parse errors', async () => {
  const r = await lintFiles({
    'ios/App/Info.plist': '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n  <key>A</key>\n</dict>\n</plist>\n',
    'mac/Other/Info.plist': 'bplist00\u0000\u0001',
  });
  try {
    const pe = r.findings.filter((f) => f.ruleId === 'parse-error').map((f) => [f.rel, f.line]);
    assert.deepEqual(pe.sort(), [['ios/App/Info.plist', 4], ['mac/Other/Info.plist', 1]]);
    assert.equal(exitCodeFor(r.result), 1);
  } finally {
    r.cleanup();
  }
});

test('config validation', () => {
  const ids = ['android-boot-permission', 'android-wake-lock'];
  assert.deepEqual(parseConfig({ rules: { 'android-wake-lock': 'warn' }, ignore: ['a/**'], targetSdk: 35 }, 'c', ids).rules, { 'android-wake-lock': 'warning' });
  assert.throws(() => parseConfig({ rules: { 'android-wake-lok': 'off' } }, 'c', ids), (e: Error) => e instanceof ConfigError && /did you mean "android-wake-lock"/.test(e.message));
  assert.throws(() => parseConfig({ rules: { 'android-wake-lock': 'loud' } }, 'c', ids), ConfigError);
  assert.throws(() => parseConfig({ rulez: {} }, 'c', ids), /did you mean "rules"/);
  assert.throws(() => parseConfig({ ignore: 'x' }, 'c', ids), ConfigError);
  assert.throws(() => parseConfig([], 'c', ids), ConfigError);
});
