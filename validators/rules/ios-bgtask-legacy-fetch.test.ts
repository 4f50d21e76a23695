import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-legacy-fetch.js';
import { appDelegate, arr, iosApp } from './apple.test-util.js';

const legacy = '        application.setMinimumBackgroundFetchInterval(UIApplication.backgroundFetchIntervalMinimum)';

ruleTester(rule, {
  valid: [{ name: 'legacy fetch without BGTaskScheduler identifiers', files: iosApp(arr('UIBackgroundModes', ['fetch']), { 'App/AppDelegate.swift': appDelegate(legacy) }) }],
  invalid: [
    {
      name: 'legacy fetch next to permitted identifiers',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']), { 'App/AppDelegate.swift': appDelegate(legacy) }),
      errors: [{ file: 'App/AppDelegate.swift', line: 7, severity: 'warning' }],
    },
  ],
});
