import { ruleTester } from '../testing.js';
import rule from './systemd-linger.js';
import { userUnit } from './desktop.test-util.js';

ruleTester(rule, {
  valid: [{ name: 'not enabled anywhere', files: userUnit({ Service: ['ExecStart=/usr/bin/true'] }) }],
  invalid: [{ name: 'enabled user unit', files: userUnit({ Service: ['ExecStart=/usr/bin/true'], Install: ['WantedBy=default.target'] }), errors: [{ line: 5, severity: 'info', message: /enable-linger/ }] }],
});
