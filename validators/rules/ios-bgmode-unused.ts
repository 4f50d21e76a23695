import { defineRule } from '../rule.js';
import { MODE_FRAMEWORKS } from '../data/ios.js';
import { at, backgroundModes, isHostApp, isHybrid, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-bgmode-unused',
    platform: 'ios',
    severity: 'warning',
    docs: {
      title: 'Every declared background mode is used',
      why:
        'App Review (guideline 2.5.4) rejects apps that declare background modes they do not use; an unused `location` or `audio` mode is a common rejection.',
      fix: 'Remove the mode, or make sure the feature that needs it (AVAudioSession, CoreLocation, PushKit, CoreBluetooth, BackgroundTasks…) ships.',
      sources: ['App Review 2.5.4'],
      notes:
        'Only native iOS apps are checked: in Flutter, React Native, Expo, Capacitor and Tauri apps the framework use lives in plugin code that is not part of the app sources. Silent without sources.',
    },
  },
  check(ctx) {
    if (isHybrid(ctx.project)) return;
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan) continue;
      for (const m of backgroundModes(t).modes) {
        const fw = MODE_FRAMEWORKS[m.value];
        if (!fw || fw.symbols.some((s) => scan.uses(s).length > 0)) continue;
        ctx.report({
          message: `"${m.value}" is declared but the sources never use ${fw.framework} (${fw.symbols.slice(0, 3).join(', ')}…): App Review rejects unused background modes (2.5.4)`,
          file: t.infoPlistFile,
          ...at(t.infoPlist, m.el),
        });
      }
    }
  },
});
