import { ruleTester } from '../testing.js';
import runner from './capacitor-background-runner.js';
import nativeFiles from './capacitor-native-files.js';
import { appDelegate, arr, plist, str } from './apple.test-util.js';

const config = JSON.stringify({ appId: 'com.example.app', webDir: 'dist', plugins: { BackgroundRunner: { label: 'com.example.app.check', src: 'runners/background.js', event: 'checkIn', repeat: true, interval: 15 } } }, null, 2);
const okPlist = plist(`${str('CFBundleIdentifier', 'com.example.app')}\n${arr('UIBackgroundModes', ['fetch', 'processing'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.check'])}`);
const manifest = '<manifest xmlns:android="http://schemas.android.com/apk/res/android"><application/></manifest>\n';
const project = (over: Record<string, string> = {}) => ({
  'package.json': '{"dependencies":{"@capacitor/core":"8"}}',
  'capacitor.config.json': config,
  'ios/App/App/Info.plist': okPlist,
  'ios/App/App/AppDelegate.swift': appDelegate('        BackgroundRunnerPlugin.registerBackgroundTask()'),
  'src/runners/background.js': "addEventListener('checkIn', (resolve) => { resolve(); });\n",
  'android/app/src/main/AndroidManifest.xml': manifest,
  ...over,
});

ruleTester(runner, {
  valid: [
    { name: 'wired up', files: project() },
    { name: 'trap: no BackgroundRunner config (voyager)', files: project({ 'capacitor.config.json': '{"appId":"com.example.app"}' }) },
  ],
  invalid: [
    {
      name: 'label not permitted, fetch missing: fixes add both',
      files: project({ 'ios/App/App/Info.plist': plist(`${str('CFBundleIdentifier', 'com.example.app')}\n${arr('UIBackgroundModes', ['processing'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.other'])}`) }),
      errors: [{ line: 7, message: /"fetch"/ }, { line: 11, message: /not advertised/ }],
      output: {
        'ios/App/App/Info.plist': plist(`${str('CFBundleIdentifier', 'com.example.app')}\n${arr('UIBackgroundModes', ['processing', 'fetch'])}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.other', 'com.example.app.check'])}`),
      },
    },
    { name: 'registerBackgroundTask never called', files: project({ 'ios/App/App/AppDelegate.swift': appDelegate('') }), errors: [{ file: 'ios/App/App/AppDelegate.swift', line: 6, message: /never called/ }] },
    {
      name: 'registerBackgroundTask called too late',
      files: project({ 'ios/App/App/AppDelegate.swift': appDelegate('', '    func applicationDidBecomeActive(_ application: UIApplication) {\n        BackgroundRunnerPlugin.registerBackgroundTask()\n    }\n') }),
      errors: [{ file: 'ios/App/App/AppDelegate.swift', line: 11, message: /must be called in application/ }],
    },
    { name: 'event not handled by the runner script', files: project({ 'src/runners/background.js': "addEventListener('other', (r) => r());\n" }), errors: [{ file: 'capacitor.config.json', line: 8, message: /addEventListener\('checkIn'/ }] },
    { name: 'runner script missing (warning)', files: project({ 'src/runners/background.js': '' , 'capacitor.config.json': config.replace('runners/background.js', 'runners/missing.js') }), errors: [{ severity: 'warning', message: /was not found/ }] },
  ],
});

ruleTester(nativeFiles, {
  valid: [{ name: 'both native projects committed (voyager)', files: project() }],
  invalid: [
    {
      name: 'no ios/ folder',
      files: { 'package.json': '{"dependencies":{"@capacitor/core":"8"}}', 'capacitor.config.json': '{"appId":"com.example.app"}', 'android/app/src/main/AndroidManifest.xml': manifest },
      errors: [{ severity: 'info', message: /iOS rules did not run/ }],
    },
  ],
});
