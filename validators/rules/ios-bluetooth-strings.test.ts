import { ruleTester } from '../testing.js';
import rule from './ios-bluetooth-strings.js';
import { arr, iosApp, plist, str } from './apple.test-util.js';

ruleTester(rule, {
  valid: [
    { name: 'trap: ResetTransmitter has the key (cgmblekit)', files: iosApp(`${arr('UIBackgroundModes', ['bluetooth-central'])}\n${str('NSBluetoothAlwaysUsageDescription', 'Talks to your transmitter.')}`) },
    { name: 'no Bluetooth at all', files: iosApp(arr('UIBackgroundModes', ['fetch'])) },
  ],
  invalid: [
    { name: 'bluetooth-central without the key (cgmblekit Example)', files: iosApp(arr('UIBackgroundModes', ['bluetooth-central'])), errors: [{ line: 11, severity: 'error', message: /NSBluetoothAlwaysUsageDescription/ }] },
    { name: 'CoreBluetooth in code', files: iosApp('', { 'App/BLE.swift': 'import CoreBluetooth\nlet central = CBCentralManager(delegate: nil, queue: nil)\n' }), errors: [{ file: 'App/Info.plist', line: 4 }] },
    {
      name: 'partial plist without a pbxproj (keys may be generated): warning',
      files: { 'App/Info.plist': plist(arr('UIBackgroundModes', ['bluetooth-peripheral'])) },
      errors: [{ severity: 'warning', message: /unless a build setting generates the key/ }],
    },
  ],
});
