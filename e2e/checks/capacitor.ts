/**
 * The Capacitor target's checks over the declaration matrix:
 *
 * - discovery: in each Capacitor app, Capacitor's own patterns (as @capacitor/cli 8.5.2
 *   applies them, templates/hosts/testing/capacitor-discovery.ts) find exactly the
 *   plugin's class on Android and on iOS, and the names agree (@CapacitorPlugin name,
 *   jsName, registerPlugin; Package.swift and podspec named as `cap sync` names the plugin).
 * - kotlinc: every row's plugin class, bridge and service compile against Capacitor's
 *   Android library (com.getcapacitor.* Java sources) in one kotlinc call.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileHostKotlin } from '../../templates/hosts/testing/apps.js';
import { capacitorDiscovery } from '../../templates/hosts/testing/capacitor-discovery.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

const PLUGIN = /^(.*?\/?capacitor)\/package\.json$/;
const pluginDir = (p: MatrixProject) => p.files.map((f) => PLUGIN.exec(f)?.[1]).find((d) => d !== undefined);

export const capacitorChecks: MatrixCheck[] = [
  {
    name: "capacitor: Capacitor's discovery patterns find exactly the plugin's classes, under names that agree",
    applies: (p) => p.shape === 'capacitor' && pluginDir(p) !== undefined,
    async run(projects) {
      const failures: CheckFailure[] = [];
      for (const p of projects) {
        const dir = pluginDir(p)!;
        const P = p.model.names.pascal;
        const fail = (file: string, message: string) => failures.push({ project: p, file, message });
        let found;
        try {
          found = capacitorDiscovery(p.root).filter((d) => d.rootPath === join(p.root, dir));
        } catch (e) {
          fail(dir, (e as Error).message);
          continue;
        }
        if (found.length !== 1) {
          fail('package.json', `npx cap sync would find ${found.length} plugin(s) at ${dir} (is the file: dependency there?)`);
          continue;
        }
        const plugin = found[0]!;
        const classes = plugin.android.map((a) => a.classpath);
        if (classes.length !== 1 || !classes[0]!.endsWith(`.${P}Plugin`)) fail(join(dir, 'android'), `Android plugin classes found: ${JSON.stringify(classes)}`);
        if (JSON.stringify(plugin.iosClasses) !== JSON.stringify([`${P}Plugin`])) fail(join(dir, 'ios'), `iOS plugin classes found: ${JSON.stringify(plugin.iosClasses)} (each Swift file's first @objc(…))`);
        const swift = readFileSync(join(p.root, dir, `ios/Sources/${P}Plugin/${P}Plugin.swift`), 'utf8');
        const index = readFileSync(join(p.root, dir, 'src/index.ts'), 'utf8');
        const kotlin = readFileSync(`${join(p.root, dir, 'android/src/main/java', ...classes[0]!.split('.'))}.kt`, 'utf8');
        const names = [/@CapacitorPlugin\(\s*name = "(\w+)"/.exec(kotlin)?.[1], /public let jsName = "(\w+)"/.exec(swift)?.[1], /registerPlugin<\w+>\('(\w+)'/.exec(index)?.[1]];
        if (new Set(names).size !== 1 || names[0] !== P) fail(dir, `the plugin's names disagree: Kotlin ${names[0]}, Swift jsName ${names[1]}, registerPlugin ${names[2]}`);
        const pkg = readFileSync(join(p.root, dir, 'Package.swift'), 'utf8');
        if (!pkg.includes(`name: "${plugin.name}"`)) fail(join(dir, 'Package.swift'), `not named ${plugin.name} (what cap sync calls the plugin)`);
        if (!readFileSync(join(p.root, dir, `${plugin.name}.podspec`), 'utf8').includes(`s.name = '${plugin.name}'`)) fail(join(dir, `${plugin.name}.podspec`), `s.name is not ${plugin.name}`);
      }
      return failures;
    },
  },
  {
    name: "capacitor: kotlinc — every plugin class, bridge and service against Capacitor's Android library (com.getcapacitor.*)",
    applies: (p) => pluginDir(p) !== undefined,
    async run(projects) {
      // One project per row: the plugin is the same in every shape, a package may be compiled only once.
      const rows = new Map<string, MatrixProject>();
      for (const p of projects) if (!rows.has(p.row) || p.shape === 'capacitor') rows.set(p.row, p);
      const list = [...rows.values()];
      const dirs = list.map((p) => join(p.root, pluginDir(p)!, 'android/src/main/java'));
      const r = await compileHostKotlin('capacitor', dirs);
      return r.diagnostics.map((d) => {
        const project = list[dirs.findIndex((dir) => d.file.startsWith(dir))] ?? list[0]!;
        return { project, file: relative(project.root, d.file), ...(d.line ? { line: d.line, column: d.column } : {}), message: `${d.severity}: ${d.message}` };
      });
    },
  },
];
