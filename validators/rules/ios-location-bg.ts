import { defineRule } from '../rule.js';
import { USAGE_KEYS } from '../data/ios.js';
import { at, backgroundModes, ensureArrayItems, hasMode, isHostApp, missingKeySeverity, plistKey, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-location-bg',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Background location has its mode and its purpose strings',
      why:
        'Setting `allowsBackgroundLocationUpdates = true` without the `location` background mode crashes the app. With the mode, ' +
        'location authorization needs `NSLocationWhenInUseUsageDescription`, and Always authorization also ' +
        '`NSLocationAlwaysAndWhenInUseUsageDescription`; without them the request is ignored (no prompt) or the app is rejected.',
      fix: 'Add `location` to UIBackgroundModes when the app really tracks location in the background, and write both purpose strings.',
      runtimeErrors: [
        'Invalid parameter not satisfying: !stayUp || CLClientIsBackgroundable(internal->fClient)',
        "This app has attempted to access privacy-sensitive data without a usage description. The app's Info.plist must contain both “NSLocationAlwaysAndWhenInUseUsageDescription” and “NSLocationWhenInUseUsageDescription” keys with string values explaining to the user how the app uses this data",
      ],
      since: 'iOS 11',
      sources: ['issues', '[I1]'],
      notes: 'A declared but unused `location` mode (App Review 2.5.4) is reported by ios-bgmode-unused, so it is not reported twice.',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const doc = t.infoPlist;
      const scan = targetScan(ctx.project.files, t);
      const hasLocation = hasMode(t, 'location');
      if (!hasLocation && scan) {
        for (const u of scan.uses('allowsBackgroundLocationUpdates')) {
          const after = (ctx.project.files.read(u.file) ?? '').slice(u.offset, u.offset + 80);
          if (!/^allowsBackgroundLocationUpdates\s*=\s*(?:true|YES)\b/.test(after) && !/^allowsBackgroundLocationUpdates:\s*YES/.test(after)) continue;
          ctx.report({
            message: 'allowsBackgroundLocationUpdates = true without the "location" background mode crashes: "Invalid parameter not satisfying: !stayUp || CLClientIsBackgroundable(internal->fClient)"',
            file: u.file,
            line: u.line,
            column: u.column,
            fix: ensureArrayItems(t.infoPlistFile, doc, 'UIBackgroundModes', ['location'], 'add "location" to UIBackgroundModes')!,
          });
        }
      }
      if (!hasLocation) continue;
      const mode = backgroundModes(t).modes.find((m) => m.value === 'location')!;
      const severity = missingKeySeverity(t);
      const need: string[] = [USAGE_KEYS.locationWhenInUse];
      const always = scan?.uses('requestAlwaysAuthorization')[0];
      if (always) need.push(USAGE_KEYS.locationAlways);
      for (const key of need) {
        if (plistKey(t, key)) continue;
        ctx.report({
          message:
            `UIBackgroundModes has "location"${key === USAGE_KEYS.locationAlways ? ` and the app requests Always authorization (${always!.file}:${always!.line})` : ''} but the Info.plist has no ${key}: the authorization request is ignored and the app is rejected` +
            (severity === 'warning' ? ' (unless a build setting generates the key)' : ''),
          file: t.infoPlistFile,
          ...at(doc, mode.el),
          severity,
        });
      }
    }
  },
});
