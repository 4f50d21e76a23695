import { ruleTester } from '../testing.js';
import rule from './systemd-restart-policy.js';
import { userUnit } from './desktop.test-util.js';

const install = ['WantedBy=default.target'];
ruleTester(rule, {
  valid: [
    { name: 'Restart=on-failure', files: userUnit({ Service: ['ExecStart=/usr/bin/true', 'Restart=on-failure'], Install: install }) },
    { name: 'oneshot needs none', files: userUnit({ Service: ['Type=oneshot', 'ExecStart=/usr/bin/true'], Install: install }) },
  ],
  invalid: [
    {
      name: 'simple service without Restart=: the fix adds it',
      files: userUnit({ Service: ['Type=simple', 'ExecStart=/usr/bin/true'], Install: install }),
      errors: [{ line: 1, severity: 'warning' }],
      output: userUnit({ Service: ['Type=simple', 'ExecStart=/usr/bin/true', 'Restart=on-failure', 'RestartSec=5'], Install: install }),
    },
  ],
});
