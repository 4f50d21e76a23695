import { ruleTester } from '../testing.js';
import rule from './ios-bgmodes-valid.js';
import { APP_KEYS, arr, iosApp, plist } from './apple.test-util.js';

ruleTester(rule, {
  valid: [
    { name: 'known modes', files: iosApp(arr('UIBackgroundModes', ['audio', 'fetch', 'processing', 'remote-notification', 'bluetooth-central'])) },
    { name: 'no UIBackgroundModes', files: iosApp('') },
    { name: 'trap: bluetooth-central is valid (cgmblekit)', files: iosApp(arr('UIBackgroundModes', ['bluetooth-central'])) },
  ],
  invalid: [
    {
      name: 'picture-in-picture (rclone-gui) is removed by the fix',
      files: iosApp(arr('UIBackgroundModes', ['audio', 'picture-in-picture'])),
      errors: [{ line: 14, severity: 'error', message: /"picture-in-picture" is not a valid UIBackgroundModes value/ }],
      output: { 'App/Info.plist': plist(`${APP_KEYS}\n${arr('UIBackgroundModes', ['audio'])}`) },
    },
    {
      name: 'background-fetch is replaced with fetch',
      files: iosApp(arr('UIBackgroundModes', ['background-fetch'])),
      errors: [{ line: 13, message: /did you mean "fetch"/ }],
      output: { 'App/Info.plist': iosApp(arr('UIBackgroundModes', ['fetch']))['App/Info.plist']! },
    },
    {
      name: 'location on tvOS is stripped (warning)',
      files: { 'TV/tvOS/Info.plist': plist(arr('UIBackgroundModes', ['location'])) },
      errors: [{ severity: 'warning', message: /not supported on tvOS/ }],
    },
    { name: 'not an array', files: iosApp('<key>UIBackgroundModes</key>\n<string>fetch</string>'), errors: [{ message: /must be an array/ }] },
  ],
});
