import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-permitted-ids.js';
import { appDelegate, arr, iosApp } from './apple.test-util.js';

const register = (id: string) => `        BGTaskScheduler.shared.register(forTaskWithIdentifier: ${id}, using: nil) { task in task.setTaskCompleted(success: true) }`;

ruleTester(rule, {
  valid: [
    { name: 'trap: fetch alone needs no permitted identifiers (lichess, streamyfin)', files: iosApp(arr('UIBackgroundModes', ['fetch', 'remote-notification'])) },
    {
      name: 'trap: processing + fetch with identifiers (rclone-gui)',
      files: iosApp(`${arr('UIBackgroundModes', ['fetch', 'processing'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh'])}`),
    },
    {
      name: 'identifier from a constant, listed',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']), {
        'App/AppDelegate.swift': appDelegate(register('Tasks.refresh'), '    enum Tasks { static let refresh = "com.example.app.refresh" }'),
      }),
    },
    {
      name: 'identifier built from the bundle id, listed with $(PRODUCT_BUNDLE_IDENTIFIER)',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['$(PRODUCT_BUNDLE_IDENTIFIER).refresh']), {
        'App/AppDelegate.swift': appDelegate(register('"\\(Bundle.main.bundleIdentifier!).refresh"')),
      }),
    },
  ],
  invalid: [
    {
      name: 'processing without permitted identifiers (rn-background-actions, ITMS-90771)',
      files: iosApp(arr('UIBackgroundModes', ['processing'])),
      errors: [{ line: 11, severity: 'error', message: /ITMS-90771/ }],
    },
    {
      name: 'registered identifier missing from the list: the fix adds it',
      files: iosApp(`${arr('UIBackgroundModes', ['fetch'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.other'])}`, {
        'App/AppDelegate.swift': appDelegate(register('"com.example.app.refresh"')),
      }),
      errors: [{ file: 'App/Info.plist', line: 15, message: /is not advertised in the application's Info\.plist/ }],
      output: {
        'App/Info.plist': iosApp(`${arr('UIBackgroundModes', ['fetch'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.other', 'com.example.app.refresh'])}`)['App/Info.plist']!,
      },
    },
    {
      name: 'no key at all: the fix adds it',
      files: iosApp(arr('UIBackgroundModes', ['fetch']), {
        'App/Refresh.swift': 'import BackgroundTasks\nfunc schedule() {\n    let r = BGAppRefreshTaskRequest(identifier: "com.example.app.refresh")\n    try? BGTaskScheduler.shared.submit(r)\n}\n',
      }),
      errors: [{ file: 'App/Info.plist', line: 11 }],
      output: {
        'App/Info.plist': iosApp(`${arr('UIBackgroundModes', ['fetch'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh'])}`)['App/Info.plist']!,
      },
    },
  ],
});
