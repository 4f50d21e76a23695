import { ruleTester } from '../testing.js';
import rule from './systemd-user-wantedby.js';
import { unit, userUnit } from './desktop.test-util.js';

const svc = ['ExecStart=/usr/bin/true'];
ruleTester(rule, {
  valid: [
    { name: 'default.target', files: userUnit({ Service: svc, Install: ['WantedBy=default.target'] }) },
    { name: 'a system unit may use multi-user.target', files: { 'packaging/systemd/system/sync.service': unit({ Service: svc, Install: ['WantedBy=multi-user.target'] }) } },
  ],
  invalid: [
    {
      name: 'multi-user.target in a user unit: fixed to default.target',
      files: userUnit({ Service: svc, Install: ['WantedBy=multi-user.target'] }),
      errors: [{ line: 5, message: /never starts/ }],
      output: userUnit({ Service: svc, Install: ['WantedBy=default.target'] }),
    },
  ],
});
