/**
 * What `npx cap sync` finds in an app, by the patterns of @capacitor/cli 8.5.2 (its code
 * needs Node 22, this project runs on Node 20, so the patterns are applied here):
 * dist/plugin.js `resolvePlugin` (a dependency whose package.json has a `capacitor`
 * field) and `fixName` (the pod / SPM package name), dist/android/update.js
 * `findAndroidPluginClassesInPlugin` (`^@(?:CapacitorPlugin|NativePlugin)[\s\S]+?class (\w+)`
 * and `^package ([\w.]+);?$` before it, per .java/.kt file under <android.src>/src/main),
 * dist/util/iosplugin.js `findPluginClasses` (the first `@objc(…)` / `CAP_PLUGIN(…)` of
 * each .swift/.m file under <ios.src>).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filesUnder } from './apps.js';
import { capacitorFixName } from '../../capacitor/view.js';

export interface Discovered {
  id: string;
  /** `fixName(id)`: the CocoaPods pod and the SPM package/product name. */
  name: string;
  rootPath: string;
  android: Array<{ pkg: string; classpath: string }>;
  iosClasses: string[];
}

/** What `npx cap sync` finds in an app: @capacitor/cli 8.5.2's patterns, applied to the app's files. */
export function capacitorDiscovery(appRoot: string): Discovered[] {
  const app = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const out: Discovered[] = [];
  for (const [id, spec] of Object.entries({ ...app.dependencies, ...app.devDependencies })) {
    // resolvePlugin: the dependency's package.json (node resolution; a file: dependency is linked there by npm).
    const rootPath = spec.startsWith('file:') ? resolve(appRoot, spec.slice(5)) : join(appRoot, 'node_modules', id);
    if (!existsSync(join(rootPath, 'package.json'))) continue;
    const meta = JSON.parse(readFileSync(join(rootPath, 'package.json'), 'utf8')) as { capacitor?: { android?: { src?: string }; ios?: { src?: string } } };
    if (!meta.capacitor) continue;
    const found: Discovered = { id, name: capacitorFixName(id), rootPath, android: [], iosClasses: [] };
    if (meta.capacitor.android) {
      const srcPath = resolve(rootPath, meta.capacitor.android.src ?? 'android', 'src/main');
      for (const file of filesUnder(srcPath, ['.java', '.kt'])) {
        const text = readFileSync(file, 'utf8');
        const classRegex = /^@(?:CapacitorPlugin|NativePlugin)[\s\S]+?class ([\w]+)/gm;
        const packageRegex = /^package ([\w.]+);?$/gm;
        const classMatch = classRegex.exec(text);
        if (!classMatch) continue;
        const packageMatch = packageRegex.exec(text.substring(0, classMatch.index));
        if (!packageMatch) throw new Error(`Package could not be parsed from Android plugin.\nLocation: ${file}`);
        found.android.push({ pkg: id, classpath: `${packageMatch[1]}.${classMatch[1]}` });
      }
    }
    if (meta.capacitor.ios) {
      for (const file of filesUnder(resolve(rootPath, meta.capacitor.ios.src ?? 'ios'), ['.swift', '.m'])) {
        const text = readFileSync(file, 'utf8');
        const swift = /@objc\(([A-Za-z0-9_-]+)\)/.exec(text);
        if (swift?.[1] && !found.iosClasses.includes(swift[1])) found.iosClasses.push(swift[1]);
        const objc = /CAP_PLUGIN\(([A-Za-z0-9_-]+)/.exec(text);
        if (objc?.[1] && !found.iosClasses.includes(objc[1])) found.iosClasses.push(objc[1]);
      }
    }
    out.push(found);
  }
  return out;
}

