import { defineRule, type RuleContext } from '../rule.js';
import { BACKGROUND_MODE_ALIASES, BACKGROUND_MODES } from '../data/ios.js';
import { at, backgroundModes, iosDetails, removeArrayItem } from '../project/ios.js';
import type { ExpoIosConfig } from '../project/types.js';
import { changedSpan, json } from '../../editors/index.js';

const EXPO_MODES_PATH = ['expo', 'ios', 'infoPlist', 'UIBackgroundModes'];

/** `expo.ios.infoPlist.UIBackgroundModes` of an Expo app without ios/: prebuild copies it into the Info.plist. */
function checkExpo(ctx: RuleContext, expo: ExpoIosConfig): void {
  const entry = expo.infoPlist.find((e) => e.key === 'UIBackgroundModes');
  if (!entry) return;
  const file = expo.configFile;
  const files = ctx.project.files;
  if (entry.node.type !== 'array') {
    ctx.report({ message: `expo.ios.infoPlist.UIBackgroundModes must be an array of strings, found ${entry.node.type}`, file, line: entry.keyLoc.line, column: entry.keyLoc.column });
    return;
  }
  for (const item of entry.node.children ?? []) {
    const pos = files.position(file, item.offset);
    if (item.type !== 'string') {
      ctx.report({ message: `expo.ios.infoPlist.UIBackgroundModes holds a ${item.type}; every value must be a string`, file, ...pos });
      continue;
    }
    const value = String(item.value).trim();
    const supported = BACKGROUND_MODES[value];
    if (supported) {
      if (!supported.includes('iOS')) {
        ctx.report({ message: `"${value}" is not supported on iOS (supported: ${supported.join(', ')}); the build strips it from the Info.plist`, file, ...pos, severity: 'warning' });
      }
      continue;
    }
    const alias = BACKGROUND_MODE_ALIASES[value];
    ctx.report({
      message: `"${value}" in expo.ios.infoPlist.UIBackgroundModes is not a valid UIBackgroundModes value${alias ? ` (did you mean "${alias}"?)` : ''}; prebuild copies it into the Info.plist and App Store Connect rejects the upload. Valid values: ${Object.keys(BACKGROUND_MODES).join(', ')}`,
      file,
      ...pos,
      fix: alias
        ? { file, edits: [{ start: item.offset, end: item.offset + item.length, text: JSON.stringify(alias) }], description: `replace "${value}" with "${alias}"` }
        : () => {
            const src = files.read(file);
            if (src === undefined) return undefined;
            const edits = changedSpan(src, json.removeArrayItem(src, EXPO_MODES_PATH, item.value as string, { file }));
            return edits.length ? { file, edits, description: `remove "${value}" from UIBackgroundModes` } : undefined;
          },
    });
  }
}


export default defineRule({
  meta: {
    id: 'ios-bgmodes-valid',
    platform: 'ios',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'UIBackgroundModes holds only values the platform knows',
      why:
        'App Store Connect rejects an upload whose UIBackgroundModes contains an unknown value (error 90112), and a value the ' +
        'target platform does not support is silently stripped from the built Info.plist, so the background behaviour it was meant to enable never happens.',
      fix: 'Fix the spelling (e.g. `fetch`, not `background-fetch`) or remove the value. Picture in Picture runs under `audio`; it is not a mode.',
      runtimeErrors: ["The Info.plist key UIBackgroundModes contains an invalid value: 'picture-in-picture'"],
      since: 'iOS 4',
      sources: ['[I1]', '[I2] swift-build InfoPlistProcessorTaskAction.swift'],
      notes:
        'macOS keeps no UIBackgroundModes value; a multiplatform target sharing its iOS plist with macOS is not reported for that. An Expo app without ios/ is ' +
        'checked in app.json (`expo.ios.infoPlist.UIBackgroundModes`), which prebuild copies into the generated Info.plist.',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      const { entry, modes } = backgroundModes(t);
      if (!entry) continue;
      const doc = t.infoPlist;
      if (entry.value.type !== 'array') {
        ctx.report({ message: `UIBackgroundModes must be an array of strings, found <${entry.value.el.name}>`, file: t.infoPlistFile, ...at(doc, entry.keyEl) });
        continue;
      }
      for (const item of entry.value.items) {
        if (item.type !== 'string') ctx.report({ message: `UIBackgroundModes holds a <${item.el.name}>; every value must be a <string>`, file: t.infoPlistFile, ...at(doc, item.el) });
      }
      const platforms = iosDetails(t).platforms.filter((p) => p !== 'macOS');
      for (const m of modes) {
        const supported = BACKGROUND_MODES[m.value];
        if (!supported) {
          const alias = BACKGROUND_MODE_ALIASES[m.value];
          const fix = alias
            ? { file: t.infoPlistFile, edits: [{ start: m.el.startTagEnd, end: m.el.closeStart, text: alias }], description: `replace "${m.value}" with "${alias}"` }
            : removeArrayItem(t.infoPlistFile, doc, m.el, `remove "${m.value}" from UIBackgroundModes`);
          ctx.report({
            message: `"${m.value}" is not a valid UIBackgroundModes value${alias ? ` (did you mean "${alias}"?)` : ''}; App Store Connect rejects the upload. Valid values: ${Object.keys(BACKGROUND_MODES).join(', ')}`,
            file: t.infoPlistFile,
            ...at(doc, m.el),
            fix,
          });
          continue;
        }
        const unsupported = platforms.filter((p) => !supported.includes(p));
        if (unsupported.length) {
          ctx.report({
            message: `"${m.value}" is not supported on ${unsupported.join(', ')} (supported: ${supported.join(', ')}); the build strips it from the Info.plist`,
            file: t.infoPlistFile,
            ...at(doc, m.el),
            severity: 'warning',
          });
        }
      }
    }
    const expo = ctx.project.expo?.ios;
    if (expo) checkExpo(ctx, expo);
  },
});
