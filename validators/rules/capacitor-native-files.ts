import { join } from 'node:path';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'capacitor-native-files',
    platform: 'capacitor',
    severity: 'info',
    docs: {
      title: "Capacitor's native projects are audited with the Android and iOS rules",
      why:
        'A Capacitor app is audited through its native projects: android/app/src/main/AndroidManifest.xml (merged with the plugin manifests), ios/App/App/Info.plist and ' +
        'ios/App/App/*.entitlements, plus capacitor.config. When a native project is not in the repository, none of that platform\'s rules can run.',
      fix: 'Commit the native projects (`npx cap add android` / `npx cap add ios`), or audit the generated ones in CI after `npx cap sync`.',
      sources: ['[C1]'],
    },
  },
  check(ctx) {
    const app = ctx.project.capacitor;
    if (!app) return;
    const files = ctx.project.files;
    const file = app.configFile ?? app.dir;
    const missing: string[] = [];
    if (!files.exists(join(app.dir, 'android', 'app', 'src', 'main', 'AndroidManifest.xml'))) missing.push('Android (android/app/src/main/AndroidManifest.xml)');
    if (!files.exists(join(app.dir, 'ios', 'App', 'App', 'Info.plist'))) missing.push('iOS (ios/App/App/Info.plist)');
    for (const m of missing) {
      ctx.report({ message: `no ${m} in the tree: the ${m.split(' ')[0]} rules did not run for this Capacitor app`, file, line: 0 });
    }
  },
});
