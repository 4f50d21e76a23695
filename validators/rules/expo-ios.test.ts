/**
 * Expo apps without a committed ios/ folder: app.json's `expo.ios.infoPlist`
 * and `expo.ios.entitlements` are what prebuild writes into the generated
 * Info.plist and entitlements, so the iOS rules check the values there —
 * conservatively: a value app.json has is checked, a key it lacks is never
 * reported (config plugins add keys at prebuild). The traps of the
 * streamyfin corpus case are the valid cases.
 */
import { ruleTester } from '../testing.js';
import bgmodesValid from './ios-bgmodes-valid.js';
import usageStrings from './ios-usage-string-nonempty.js';
import pushEntitlement from './ios-push-entitlement.js';
import permittedIds from './ios-bgtask-permitted-ids.js';
import bgtaskMode from './ios-bgtask-mode.js';

const PKG = { 'package.json': '{ "name": "app", "dependencies": { "expo": "52.0.0" } }' };

/** app.json with `ios` on line 3 and its keys from line 4. */
function expoApp(ios: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...PKG, 'app.json': `{\n  "expo": {\n    "ios": {\n${ios}\n    },\n    "plugins": ["expo-notifications"]\n  }\n}\n`, ...extra };
}

const STREAMYFIN_IOS = `      "infoPlist": {
        "NSCameraUsageDescription": "The app needs access to your camera to scan barcodes.",
        "UIBackgroundModes": ["audio", "fetch"]
      }`;

ruleTester(bgmodesValid, {
  valid: [
    { name: 'trap (streamyfin): audio and fetch are valid', files: expoApp(STREAMYFIN_IOS) },
    { name: 'no infoPlist', files: expoApp('      "bundleIdentifier": "com.example.app"') },
    {
      name: 'a committed ios/ folder is what counts (app.json is not read for it)',
      files: expoApp('      "infoPlist": { "UIBackgroundModes": ["picture-in-picture"] }', {
        'ios/App/Info.plist': '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.app</string>\n</dict>\n</plist>\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'background-fetch in app.json is replaced with fetch',
      files: expoApp('      "infoPlist": {\n        "UIBackgroundModes": ["audio", "background-fetch"]\n      }'),
      errors: [{ file: 'app.json', line: 5, message: /"background-fetch" in expo\.ios\.infoPlist\.UIBackgroundModes is not a valid UIBackgroundModes value \(did you mean "fetch"\?\)/ }],
      output: { 'app.json': expoApp('      "infoPlist": {\n        "UIBackgroundModes": ["audio", "fetch"]\n      }')['app.json']! },
    },
    {
      name: 'picture-in-picture in app.json is removed by the fix',
      files: expoApp('      "infoPlist": {\n        "UIBackgroundModes": [\n          "audio",\n          "picture-in-picture"\n        ]\n      }'),
      errors: [{ file: 'app.json', line: 7, column: 11, severity: 'error', message: /"picture-in-picture"/ }],
      output: { 'app.json': expoApp('      "infoPlist": {\n        "UIBackgroundModes": [\n          "audio"\n        ]\n      }')['app.json']! },
    },
    {
      name: 'not an array',
      files: expoApp('      "infoPlist": {\n        "UIBackgroundModes": "fetch"\n      }'),
      errors: [{ file: 'app.json', line: 5, message: /must be an array of strings, found string/ }],
    },
  ],
});

ruleTester(usageStrings, {
  valid: [
    { name: 'trap (streamyfin): real sentences', files: expoApp(STREAMYFIN_IOS) },
    { name: 'a string a config plugin sets is not app.json\'s to check', files: expoApp('      "bundleIdentifier": "com.example.app"') },
  ],
  invalid: [
    {
      name: 'an empty purpose string in app.json',
      files: expoApp('      "infoPlist": {\n        "NSLocationWhenInUseUsageDescription": " ",\n        "NSCameraUsageDescription": 42\n      }'),
      errors: [
        { file: 'app.json', line: 5, severity: 'warning', message: /expo\.ios\.infoPlist\.NSLocationWhenInUseUsageDescription must be a non-empty string/ },
        { file: 'app.json', line: 6, message: /NSCameraUsageDescription must be a non-empty string \(found number\)/ },
      ],
    },
  ],
});

ruleTester(pushEntitlement, {
  valid: [
    { name: 'aps-environment production', files: expoApp('      "entitlements": { "aps-environment": "production" }') },
    {
      name: 'remote-notification without entitlements in app.json: expo-notifications / EAS add aps-environment at build time',
      files: expoApp('      "infoPlist": { "UIBackgroundModes": ["remote-notification"] }'),
    },
  ],
  invalid: [
    {
      name: 'an aps-environment value that is neither development nor production',
      files: expoApp('      "entitlements": {\n        "aps-environment": "dev"\n      }'),
      errors: [{ file: 'app.json', line: 5, column: 28, message: /"aps-environment"\] must be "development" or "production", not "dev"/ }],
    },
  ],
});

// Traps: "fetch" needs no permitted identifiers, and a missing key is never reported from app.json alone.
for (const rule of [permittedIds, bgtaskMode]) {
  ruleTester(rule, {
    valid: [
      { name: 'trap (streamyfin): audio + fetch without BGTaskSchedulerPermittedIdentifiers', files: expoApp(STREAMYFIN_IOS) },
      { name: 'processing without identifiers: a config plugin may add them', files: expoApp('      "infoPlist": { "UIBackgroundModes": ["processing"] }') },
    ],
    invalid: [],
  });
}
