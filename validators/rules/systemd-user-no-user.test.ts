import { ruleTester } from '../testing.js';
import rule from './systemd-user-no-user.js';
import { unit, userUnit } from './desktop.test-util.js';

const install = ['WantedBy=default.target'];
ruleTester(rule, {
  valid: [
    { name: 'no User=', files: userUnit({ Service: ['ExecStart=/usr/bin/true'], Install: install }) },
    { name: 'system unit with User=', files: { 'dist/system/sync.service': unit({ Service: ['ExecStart=/usr/bin/true', 'User=sync'], Install: ['WantedBy=multi-user.target'] }) } },
  ],
  invalid: [
    {
      name: 'User= and Group= removed',
      files: userUnit({ Service: ['ExecStart=/usr/bin/true', 'User=bob', 'Group=bob'], Install: install }),
      errors: [{ line: 3, message: /cannot switch users/ }, { line: 4 }],
      output: userUnit({ Service: ['ExecStart=/usr/bin/true'], Install: install }),
    },
  ],
});
