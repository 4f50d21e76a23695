import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { verifySystemdUnit } from './systemd.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'systemd', name);

test('verifySystemdUnit: a user service unit verifies with no output at all', async () => {
  const r = await verifySystemdUnit(fx('bg-sync.service'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('verifySystemdUnit: an unknown key fails (systemd only warns and exits 0) at its line', async () => {
  const r = await verifySystemdUnit(fx('bg-broken.service'));
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.line, d.tool]),
    [[fx('bg-broken.service'), 7, 'systemd-analyze']],
  );
  assert.match(r.diagnostics[0]!.message, /Unknown key 'RestartWhenever' in section \[Service\]/);
});
