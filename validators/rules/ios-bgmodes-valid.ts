import { defineRule } from '../rule.js';
import { BACKGROUND_MODE_ALIASES, BACKGROUND_MODES } from '../data/ios.js';
import { at, backgroundModes, iosDetails, removeArrayItem } from '../project/ios.js';

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
      notes: 'macOS keeps no UIBackgroundModes value; a multiplatform target sharing its iOS plist with macOS is not reported for that.',
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
  },
});
