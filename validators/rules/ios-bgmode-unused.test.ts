import { ruleTester } from '../testing.js';
import rule from './ios-bgmode-unused.js';
import { appDelegate, arr, iosApp } from './apple.test-util.js';

ruleTester(rule, {
  valid: [
    { name: 'audio used', files: iosApp(arr('UIBackgroundModes', ['audio']), { 'App/AppDelegate.swift': appDelegate('        try? AVAudioSession.sharedInstance().setCategory(.playback)') }) },
    { name: 'trap: no sources — silent', files: iosApp(arr('UIBackgroundModes', ['audio', 'location'])) },
  ],
  invalid: [{ name: 'location declared, CoreLocation never used', files: iosApp(arr('UIBackgroundModes', ['location']), { 'App/AppDelegate.swift': appDelegate('') }), errors: [{ file: 'App/Info.plist', line: 13, severity: 'warning', message: /2\.5\.4/ }] }],
});
