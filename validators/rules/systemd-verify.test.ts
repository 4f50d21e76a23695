import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, lintFiles } from '../testing.js';
import rule from './systemd-verify.js';
import { parseVerifyOutput } from '../project/desktop.js';
import { userUnit } from './desktop.test-util.js';

// Runs the real systemd-analyze (installed with systemd on the CI machine).
ruleTester(rule, {
  valid: [{ name: 'a clean user unit', files: userUnit({ Unit: ['Description=Sync'], Service: ['ExecStart=/usr/bin/true', 'Restart=on-failure'], Install: ['WantedBy=default.target'] }) }],
  invalid: [
    {
      name: 'unknown key and Restart=always on a oneshot',
      files: userUnit({ Unit: ['Description=Sync'], Service: ['Type=oneshot', 'ExecStart=/usr/bin/true', 'Restart=always', 'Colour=blue'], Install: ['WantedBy=default.target'] }),
      errors: [{ line: 7, message: /Restart=/ }, { line: 8, message: /Unknown key 'Colour'/ }],
    },
    {
      name: 'an ExecStart not installed here is a warning',
      files: userUnit({ Service: ['ExecStart=/opt/not-installed/bin/sync --service', 'Restart=on-failure'], Install: ['WantedBy=default.target'] }),
      errors: [{ line: 2, severity: 'warning', message: /not installed on this machine/ }],
    },
  ],
});

test('systemd-verify: without systemd-analyze an info finding says it did not run (never a silent pass)', async () => {
  const before = process.env.BG_DOCTOR_SYSTEMD_ANALYZE;
  process.env.BG_DOCTOR_SYSTEMD_ANALYZE = '/nonexistent/systemd-analyze';
  try {
    const r = await lintFiles(userUnit({ Service: ['ExecStart=/usr/bin/true'] }), { rules: [rule] });
    try {
      const got = r.findings.filter((f) => f.ruleId === 'systemd-verify');
      assert.equal(got.length, 1);
      assert.equal(got[0]!.severity, 'info');
      assert.match(got[0]!.message, /not installed/);
    } finally {
      r.cleanup();
    }
  } finally {
    if (before === undefined) delete process.env.BG_DOCTOR_SYSTEMD_ANALYZE;
    else process.env.BG_DOCTOR_SYSTEMD_ANALYZE = before;
  }
});

test('parseVerifyOutput: located lines, unit-named lines, summary lines folded', () => {
  const d = parseVerifyOutput(
    "/x/a.service:9: Unknown key 'Foo' in section [Service], ignoring.\na.service: Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing.\nUnit a.service has a bad unit file setting.\nb.service: Command /opt/b is not executable: No such file or directory\n",
    ['/x/a.service', '/x/b.service'],
  );
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.missingCommand]),
    [
      ['/x/a.service', 9, undefined],
      ['/x/a.service', 0, undefined],
      ['/x/b.service', 0, '/opt/b'],
    ],
  );
});
