import { defineRule } from '../rule.js';
import { APS_ENVIRONMENTS } from '../data/ios.js';
import { dictEntry } from '../../parsers/plist.js';
import { appendToDict, at, backgroundModes, entitlements, iosDetails, isHostApp, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-push-entitlement',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Remote notifications have the aps-environment entitlement',
      why:
        'With the `remote-notification` mode or a `registerForRemoteNotifications()` call, the app needs the Push Notifications capability: ' +
        'without `aps-environment` in its entitlements, registration fails and no push (silent or visible) ever arrives.',
      fix: 'Enable Push Notifications in Signing & Capabilities, which adds `aps-environment` (`development`; Xcode signs exported builds with `production`).',
      runtimeErrors: ['Error Domain=NSCocoaErrorDomain Code=3000 "no valid “aps-environment” entitlement string found for application"'],
      sources: ['[I1]'],
      notes: 'Either value is accepted in any configuration. Extensions are not checked (they do not receive pushes themselves). `com.apple.developer.aps-environment` is the macOS spelling and does not count for iOS. ' +
        'For an Expo app without ios/, a value in app.json `expo.ios.entitlements` is checked; a missing one is not reported (expo-notifications and EAS add it at build time).',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const mode = backgroundModes(t).modes.find((m) => m.value === 'remote-notification');
      const call = mode ? undefined : targetScan(ctx.project.files, t)?.uses('registerForRemoteNotifications')[0];
      if (!mode && !call) continue;
      const reason = mode ? 'UIBackgroundModes has "remote-notification"' : `registerForRemoteNotifications is called (${call!.file}:${call!.line})`;
      const ents = entitlements(ctx.project.files, t);
      if (ents.length === 0) {
        ctx.report({
          message: `${reason} but the target has no entitlements file with aps-environment: "no valid “aps-environment” entitlement string found for application"`,
          file: t.infoPlistFile,
          ...(mode ? at(t.infoPlist, mode.el) : at(t.infoPlist, t.infoPlist.root.el)),
        });
        continue;
      }
      const exact = iosDetails(t).entitlementsExact;
      const lacking = ents.filter((e) => {
        const v = dictEntry(e.doc.root, 'aps-environment')?.value;
        return !(v?.type === 'string' && APS_ENVIRONMENTS.includes(v.value.trim()));
      });
      // Without the pbxproj, any candidate file with the key is taken to be the one the target signs with.
      if (!exact && lacking.length < ents.length) continue;
      for (const e of lacking) {
        const entry = dictEntry(e.doc.root, 'aps-environment');
        if (entry) {
          ctx.report({
            message: `aps-environment must be "development" or "production"${entry.value.type === 'string' ? `, not "${entry.value.value}"` : ''}`,
            file: e.file,
            ...at(e.doc, entry.value.el),
          });
          continue;
        }
        ctx.report({
          message: `${reason} but ${e.config ? `the ${e.config} entitlements` : 'the entitlements'} lack aps-environment: "no valid “aps-environment” entitlement string found for application"`,
          file: e.file,
          ...at(e.doc, e.doc.root.el),
          fix: {
            file: e.file,
            edits: [appendToDict(e.doc, e.doc.root, 'aps-environment', () => '<string>development</string>')],
            description: 'add aps-environment = development',
          },
        });
      }
    }
    // An Expo app without ios/: a value app.json sets is checked; a missing one is not (expo-notifications and EAS add it at build time).
    const expo = ctx.project.expo?.ios;
    const aps = expo?.entitlements.find((e) => e.key === 'aps-environment');
    if (expo && aps && !(typeof aps.value === 'string' && APS_ENVIRONMENTS.includes(aps.value.trim()))) {
      ctx.report({
        message: `expo.ios.entitlements["aps-environment"] must be "development" or "production"${typeof aps.value === 'string' ? `, not "${aps.value}"` : ''}: "no valid “aps-environment” entitlement string found for application"`,
        file: expo.configFile,
        line: aps.valueLoc.line,
        column: aps.valueLoc.column,
      });
    }
  },
});
