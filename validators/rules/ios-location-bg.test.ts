import { ruleTester } from '../testing.js';
import rule from './ios-location-bg.js';
import { arr, iosApp, str } from './apple.test-util.js';

const tracker = 'import CoreLocation\nfinal class Tracker {\n    let m = CLLocationManager()\n    func start() {\n        m.allowsBackgroundLocationUpdates = true\n        m.requestAlwaysAuthorization()\n    }\n}\n';
const keys = `${str('NSLocationWhenInUseUsageDescription', 'Shows your position on the map.')}\n${str('NSLocationAlwaysAndWhenInUseUsageDescription', 'Records your route in the background.')}`;

ruleTester(rule, {
  valid: [
    { name: 'mode and both strings', files: iosApp(`${arr('UIBackgroundModes', ['location'])}\n${keys}`, { 'App/Tracker.swift': tracker }) },
    { name: 'trap: no location mode and no background API (tauri geolocation)', files: iosApp('') },
  ],
  invalid: [
    {
      name: 'allowsBackgroundLocationUpdates without the mode: the fix adds it',
      files: iosApp(keys, { 'App/Tracker.swift': tracker }),
      errors: [{ file: 'App/Tracker.swift', line: 5, message: /CLClientIsBackgroundable/ }],
      output: { 'App/Info.plist': iosApp(`${keys}\n${arr('UIBackgroundModes', ['location'])}`)['App/Info.plist']! },
    },
    {
      name: 'mode without purpose strings',
      files: iosApp(arr('UIBackgroundModes', ['location']), { 'App/Tracker.swift': tracker }),
      errors: [{ line: 13, message: /NSLocationWhenInUseUsageDescription/ }, { line: 13, message: /NSLocationAlwaysAndWhenInUseUsageDescription/ }],
    },
  ],
});
