import { defineRule } from '../rule.js';
import { USAGE_KEYS } from '../data/ios.js';
import { at, backgroundModes, isHostApp, missingKeySeverity, plistKey, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bluetooth-strings',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'Bluetooth use has NSBluetoothAlwaysUsageDescription',
      why:
        'Since iOS 13 any CoreBluetooth use (and so every `bluetooth-central` / `bluetooth-peripheral` background mode) needs ' +
        '`NSBluetoothAlwaysUsageDescription`; without it TCC kills the process the moment a CBCentralManager or CBPeripheralManager is created.',
      fix: `Add ${USAGE_KEYS.bluetooth} with a real purpose string (keep ${USAGE_KEYS.bluetoothLegacy} only for iOS 12 and older).`,
      runtimeErrors: [
        "This app has crashed because it attempted to access privacy-sensitive data without a usage description. The app's Info.plist must contain an NSBluetoothAlwaysUsageDescription key with a string value explaining to the user how the app uses this data.",
      ],
      since: 'iOS 13',
      sources: ['issues'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (plistKey(t, USAGE_KEYS.bluetooth)) continue;
      const modes = backgroundModes(t);
      const mode = isHostApp(t) ? modes.modes.find((m) => m.value === 'bluetooth-central' || m.value === 'bluetooth-peripheral') : undefined;
      const scan = mode ? undefined : targetScan(ctx.project.files, t);
      const use = scan ? [...scan.uses('CBCentralManager'), ...scan.uses('CBPeripheralManager')][0] : undefined;
      if (!mode && !use) continue;
      const severity = missingKeySeverity(t);
      ctx.report({
        message:
          `${mode ? `UIBackgroundModes has "${mode.value}"` : `CoreBluetooth is used (${use!.file}:${use!.line})`} but the Info.plist has no ${USAGE_KEYS.bluetooth}: ` +
          'since iOS 13 the app is killed as soon as it touches Bluetooth' +
          (severity === 'warning' ? ' (unless a build setting generates the key)' : ''),
        file: t.infoPlistFile,
        ...at(t.infoPlist, mode ? modes.entry!.keyEl : t.infoPlist.root.el),
        severity,
      });
    }
  },
});
