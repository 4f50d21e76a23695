import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-limits.js';
import { iosApp } from './apple.test-util.js';

const submits = (ids: string[]) => `import BackgroundTasks\nfunc schedule() {\n${ids.map((id) => `    try? BGTaskScheduler.shared.submit(BGAppRefreshTaskRequest(identifier: "${id}"))`).join('\n')}\n}\n`;

ruleTester(rule, {
  valid: [{ name: 'one refresh identifier', files: iosApp('', { 'App/T.swift': submits(['com.example.app.a']) }) }],
  invalid: [{ name: 'two refresh identifiers', files: iosApp('', { 'App/T.swift': submits(['com.example.app.a', 'com.example.app.b']) }), errors: [{ severity: 'info', line: 4, message: /at most 1 refresh request/ }] }],
});
