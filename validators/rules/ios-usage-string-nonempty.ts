import { defineRule } from '../rule.js';
import { isPurposeStringKey } from '../data/ios.js';
import { at, expandSettings, iosDetails } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-usage-string-nonempty',
    platform: 'ios',
    severity: 'warning',
    docs: {
      title: 'Purpose strings are non-empty strings',
      why:
        'An empty or non-string `NS…UsageDescription` is treated as missing: the permission prompt cannot be shown, the access is denied or ' +
        'the app crashes, and App Review rejects the build (ITMS-90683). swift-build warns about it too.',
      fix: 'Write a real sentence that tells the user why the app needs the access (a placeholder is not a purpose string, so bg-doctor does not invent one).',
      runtimeErrors: ['The value for NSLocationWhenInUseUsageDescription must be a non-empty string.'],
      sources: ['[I2]'],
      notes: 'An Expo app without ios/ is checked in app.json (`expo.ios.infoPlist`), which prebuild copies into the generated Info.plist.',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      const doc = t.infoPlist;
      if (doc.root.type !== 'dict') continue;
      for (const e of doc.root.entries) {
        if (!isPurposeStringKey(e.key)) continue;
        if (e.value.type !== 'string') {
          ctx.report({ message: `The value for ${e.key} must be a non-empty string (found <${e.value.el.name}>)`, file: t.infoPlistFile, ...at(doc, e.keyEl) });
        } else if (expandSettings(e.value.value, t.buildSettings).trim() === '') {
          ctx.report({ message: `The value for ${e.key} must be a non-empty string: the permission prompt cannot explain the access`, file: t.infoPlistFile, ...at(doc, e.keyEl) });
        }
      }
      for (const [key, g] of iosDetails(t).generatedKeys) {
        if (!isPurposeStringKey(key) || g.value.trim() !== '') continue;
        const pos = ctx.project.files.position(g.file, g.offset);
        ctx.report({ message: `The value for ${key} (INFOPLIST_KEY_${key}) must be a non-empty string`, file: g.file, ...pos });
      }
    }
    // An Expo app without ios/: the strings app.json gives prebuild (config plugins may add others, never checked here).
    const expo = ctx.project.expo?.ios;
    for (const e of expo?.infoPlist ?? []) {
      if (!isPurposeStringKey(e.key)) continue;
      if (typeof e.value !== 'string') {
        ctx.report({ message: `expo.ios.infoPlist.${e.key} must be a non-empty string (found ${e.node.type})`, file: expo!.configFile, line: e.keyLoc.line, column: e.keyLoc.column });
      } else if (e.value.trim() === '') {
        ctx.report({ message: `expo.ios.infoPlist.${e.key} must be a non-empty string: the permission prompt cannot explain the access`, file: expo!.configFile, line: e.keyLoc.line, column: e.keyLoc.column });
      }
    }
  },
});
