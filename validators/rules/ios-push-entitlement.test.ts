import { ruleTester } from '../testing.js';
import rule from './ios-push-entitlement.js';
import { arr, iosApp, plist, str } from './apple.test-util.js';

const ents = (entries: string) => plist(entries);
const remote = arr('UIBackgroundModes', ['remote-notification']);

ruleTester(rule, {
  valid: [
    { name: 'aps-environment development', files: iosApp(remote, { 'App/App.entitlements': ents(str('aps-environment', 'development')) }) },
    {
      name: 'trap: release entitlements say development (icecubes)',
      files: iosApp(remote, { 'App/App/App.entitlements': ents(str('aps-environment', 'development')), 'App/App/App-release.entitlements': ents(str('aps-environment', 'development')) }),
    },
    {
      name: 'trap: notification service extension needs no aps-environment (icecubes)',
      files: {
        ...iosApp(remote, { 'App/App.entitlements': ents(str('aps-environment', 'production')) }),
        'Ext/Info.plist': plist('<key>NSExtension</key>\n<dict>\n\t<key>NSExtensionPointIdentifier</key>\n\t<string>com.apple.usernotifications.service</string>\n</dict>'),
        'Ext/Ext.entitlements': ents(str('com.apple.security.app-sandbox', 'x')),
      },
    },
    {
      name: 'trap: the macOS entitlements variant lacks it (rclone-gui)',
      files: iosApp(remote, { 'App/App.entitlements': ents(str('aps-environment', 'development')), 'App/App-macOS.entitlements': ents(str('com.apple.security.app-sandbox', 'x')) }),
    },
    { name: 'trap: no remote-notification, no aps-environment (voyager)', files: iosApp('', { 'App/App.entitlements': ents(str('com.apple.developer.associated-domains', 'x')) }) },
  ],
  invalid: [
    {
      name: 'entitlements without aps-environment: the fix adds it',
      files: iosApp(remote, { 'App/App.entitlements': ents(str('com.apple.developer.associated-domains', 'x')) }),
      errors: [{ file: 'App/App.entitlements', line: 4, message: /no valid “aps-environment” entitlement/ }],
      output: { 'App/App.entitlements': ents(`${str('com.apple.developer.associated-domains', 'x')}\n${str('aps-environment', 'development')}`) },
    },
    { name: 'no entitlements file at all', files: iosApp(remote), errors: [{ file: 'App/Info.plist', line: 13 }] },
    { name: 'only the macOS spelling', files: iosApp(remote, { 'App/App.entitlements': ents(str('com.apple.developer.aps-environment', 'development')) }), errors: [{ file: 'App/App.entitlements' }] },
    { name: 'bad value', files: iosApp(remote, { 'App/App.entitlements': ents(str('aps-environment', 'staging')) }), errors: [{ line: 6, message: /"development" or "production"/ }] },
    { name: 'registerForRemoteNotifications in code', files: iosApp('', { 'App/AppDelegate.swift': 'import UIKit\nfunc go() { UIApplication.shared.registerForRemoteNotifications() }\n' }), errors: [{ file: 'App/Info.plist' }] },
  ],
});
