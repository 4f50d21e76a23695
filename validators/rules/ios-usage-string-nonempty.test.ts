import { ruleTester } from '../testing.js';
import rule from './ios-usage-string-nonempty.js';
import { iosApp, str } from './apple.test-util.js';

ruleTester(rule, {
  valid: [{ name: 'trap: non-empty strings (voyager)', files: iosApp(`${str('NSCameraUsageDescription', 'Attach photo to a new post')}\n${str('NSFaceIDUsageDescription', 'Unlock the app')}`) }],
  invalid: [
    { name: 'empty string (rn-background-actions template)', files: iosApp('<key>NSLocationWhenInUseUsageDescription</key>\n<string></string>'), errors: [{ line: 11, severity: 'warning', message: /must be a non-empty string/ }] },
    { name: 'whitespace only', files: iosApp(str('NSMicrophoneUsageDescription', '   ')), errors: [{ line: 11 }] },
    { name: 'not a string', files: iosApp('<key>NSCameraUsageDescription</key>\n<true/>'), errors: [{ line: 11, message: /found <true>/ }] },
  ],
});
