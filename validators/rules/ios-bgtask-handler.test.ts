import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-handler.js';
import { appDelegate, arr, iosApp } from './apple.test-util.js';

const register = (id: string) => `        BGTaskScheduler.shared.register(forTaskWithIdentifier: "${id}", using: nil) { task in task.setTaskCompleted(success: true) }`;
const ids = arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']);

ruleTester(rule, {
  valid: [
    { name: 'registered once', files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(register('com.example.app.refresh')) }) },
    { name: 'trap: no sources in the tree (rclone-gui) — silent', files: iosApp(ids) },
  ],
  invalid: [
    {
      name: 'permitted identifier never registered',
      files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(register('com.example.app.other')) }),
      errors: [{ file: 'App/Info.plist', line: 13, severity: 'error', message: /No launch handler registered for task with identifier com\.example\.app\.refresh/ }],
    },
    {
      name: 'registered twice',
      files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(`${register('com.example.app.refresh')}\n${register('com.example.app.refresh')}`) }),
      errors: [{ file: 'App/AppDelegate.swift', line: 8, message: /has already been registered/ }],
    },
    {
      name: 'a plugin may register it (Flutter app): warning',
      files: { ...iosApp(ids, { 'App/AppDelegate.swift': appDelegate('') }), 'pubspec.yaml': 'name: app\ndependencies:\n  flutter:\n    sdk: flutter\n' },
      errors: [{ severity: 'warning' }],
    },
  ],
});
