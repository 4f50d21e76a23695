import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { verifyPlist } from './plist.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'plist', name);

test('verifyPlist: an Info.plist with background modes loads', async () => {
  const r = await verifyPlist(fx('Info.plist'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('verifyPlist: a key without a value fails at the key', async () => {
  const r = await verifyPlist(fx('missing-value.plist'));
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.line, d.column, d.message, d.tool]),
    [[fx('missing-value.plist'), 9, 2, "missing value for key 'BGTaskSchedulerPermittedIdentifiers'", 'plistlib']],
  );
});

test('verifyPlist: a mismatched tag and a duplicate key fail, located', async () => {
  const [mismatched, duplicate] = await Promise.all([verifyPlist(fx('mismatched.plist')), verifyPlist(fx('duplicate-key.plist'))]);
  assert.deepEqual(
    mismatched.diagnostics.map((d) => [d.line, d.column]),
    [[6, 18]],
  );
  assert.match(mismatched.diagnostics[0]!.message, /mismatched tag/);
  assert.deepEqual(
    duplicate.diagnostics.map((d) => [d.line, d.message]),
    [[6, "duplicate key 'UIBackgroundModes' in one <dict>"]],
  );
});
