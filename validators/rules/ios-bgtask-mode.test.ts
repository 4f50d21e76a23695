import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-mode.js';
import { arr, iosApp } from './apple.test-util.js';

const submit = (cls: string) => `import BackgroundTasks\nfunc schedule() {\n    let r = ${cls}(identifier: "com.example.app.task")\n    try? BGTaskScheduler.shared.submit(r)\n}\n`;

ruleTester(rule, {
  valid: [
    { name: 'refresh with fetch', files: iosApp(arr('UIBackgroundModes', ['fetch']), { 'App/Tasks.swift': submit('BGAppRefreshTaskRequest') }) },
    { name: 'trap: remote-notification only, no identifiers (icecubes)', files: iosApp(arr('UIBackgroundModes', ['remote-notification'])) },
  ],
  invalid: [
    {
      name: 'processing request without the processing mode: the fix adds it',
      files: iosApp(arr('UIBackgroundModes', ['fetch']), { 'App/Tasks.swift': submit('BGProcessingTaskRequest') }),
      errors: [{ file: 'App/Info.plist', line: 11, message: /"processing" background mode/ }],
      output: { 'App/Info.plist': iosApp(arr('UIBackgroundModes', ['fetch', 'processing']))['App/Info.plist']! },
    },
    {
      name: 'permitted identifiers with neither mode',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.task'])),
      errors: [{ line: 11, message: /neither "fetch" nor "processing"/ }],
    },
  ],
});
