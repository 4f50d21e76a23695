/**
 * The Tauri target's checks over the declaration matrix:
 *
 * - permissions: build.rs COMMANDS are exactly the commands the guest invokes plus the
 *   two listener commands, default.toml grants `allow-` of each, and an app's capability
 *   grants `<name>:default`.
 * - kotlinc: every row's plugin class, bridge and service compile together with Tauri's
 *   own Android library (the tauri crate's Kotlin sources), in one kotlinc call.
 * - cargo: every row's plugin crate in one cargo workspace, one `cargo check
 *   --all-targets` on the shared target (the crates' build.rs write their permission
 *   files), and rustfmt on the plugin's own files.
 *
 * One project per row (its Tauri app when it has one): the plugin is the same in every
 * shape, and one Kotlin package or crate name may be compiled only once per batch.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { checkRust } from '../../toolchains/index.js';
import { runTool } from '../../toolchains/common.js';
import { installed } from '../../toolchains/manifest.js';
import { parseToml } from '../../validators/project/tauri.js';
import { allowPermission } from '../../templates/ts/api.js';
import { compileHostKotlin } from '../../templates/hosts/testing/apps.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

const PLUGIN = /^(.*?\/?tauri)\/Cargo\.toml$/;
const pluginDir = (p: MatrixProject) => p.files.map((f) => PLUGIN.exec(f)?.[1]).find((d) => d !== undefined);

/** One project per row: its Tauri app if the row has one, else its standalone module. */
function perRow(projects: MatrixProject[]): MatrixProject[] {
  const rows = new Map<string, MatrixProject>();
  for (const p of projects) if (!rows.has(p.row) || p.shape === 'tauri') rows.set(p.row, p);
  return [...rows.values()];
}

/** Failures for tool diagnostics in files under each project's plugin (absolute paths under `base/<index>/`). */
function owned(base: string, order: MatrixProject[], diagnostics: ReadonlyArray<{ file: string; line: number; column: number; message: string }>): CheckFailure[] {
  return diagnostics.map((d) => {
    const rel = relative(base, d.file);
    const index = Number(rel.split(sep)[0]);
    const project = order[index] ?? order[0]!;
    const dir = pluginDir(project)!;
    return { project, file: Number.isInteger(index) ? join(dir, rel.split(sep).slice(1).join('/')) : d.file, ...(d.line ? { line: d.line, column: d.column } : {}), message: d.message };
  });
}

export const tauriChecks: MatrixCheck[] = [
  {
    name: 'tauri: build.rs COMMANDS = what the guest invokes + the listener commands; default.toml grants each; the app grants <name>:default',
    applies: (p) => pluginDir(p) !== undefined,
    async run(projects) {
      const failures: CheckFailure[] = [];
      for (const p of projects) {
        const dir = join(p.root, pluginDir(p)!);
        const fail = (file: string, message: string) => failures.push({ project: p, file: relative(p.root, join(dir, file)), message });
        const plugin = /^name = "tauri-plugin-(.+)"$/m.exec(readFileSync(join(dir, 'Cargo.toml'), 'utf8'))?.[1];
        if (!plugin || !/^links = "tauri-plugin-/m.test(readFileSync(join(dir, 'Cargo.toml'), 'utf8'))) fail('Cargo.toml', 'no name/links = "tauri-plugin-…"');
        const guest = readFileSync(join(dir, 'guest-js/index.ts'), 'utf8');
        const invoked = [...guest.matchAll(/'plugin:([a-z0-9-]+)\|([a-z0-9_]+)'/g)];
        if (invoked.some((m) => m[1] !== plugin)) fail('guest-js/index.ts', `invokes a plugin other than ${plugin}`);
        const want = [...new Set([...invoked.map((m) => m[2]!), 'register_listener', 'remove_listener'])].sort();
        // One item per line, or one line when rustfmt keeps the array there (short lists).
        const list = /const COMMANDS: &\[&str\] = &\[([\s\S]*?)\];/.exec(readFileSync(join(dir, 'build.rs'), 'utf8'))?.[1] ?? '';
        const commands = [...list.matchAll(/"([a-z0-9_]+)"/g)].map((m) => m[1]!);
        if (JSON.stringify([...commands].sort()) !== JSON.stringify(want)) fail('build.rs', `COMMANDS ${JSON.stringify(commands)} are not the invoked ${JSON.stringify(want)}`);
        const defaults = (parseToml(readFileSync(join(dir, 'permissions/default.toml'), 'utf8')).value.default as { permissions?: string[] } | undefined)?.permissions ?? [];
        if (JSON.stringify(defaults) !== JSON.stringify(commands.map(allowPermission))) fail('permissions/default.toml', `grants ${JSON.stringify(defaults)}, not allow- of each command`);
        if (p.shape === 'tauri') {
          const capability = join(p.root, 'src-tauri/capabilities/default.json');
          if (existsSync(capability) && !(JSON.parse(readFileSync(capability, 'utf8')) as { permissions: string[] }).permissions.includes(`${plugin}:default`)) {
            failures.push({ project: p, file: 'src-tauri/capabilities/default.json', message: `does not grant ${plugin}:default` });
          }
        }
      }
      return failures;
    },
  },
  {
    name: "tauri: kotlinc — every plugin class, bridge and service with Tauri's Android library (app.tauri.*)",
    applies: (p) => pluginDir(p) !== undefined,
    async run(projects) {
      const rows = perRow(projects);
      const dirs = rows.map((p) => join(p.root, pluginDir(p)!, 'android/src/main/java'));
      const r = await compileHostKotlin('tauri', dirs);
      return r.diagnostics.map((d) => {
        const project = rows[dirs.findIndex((dir) => d.file.startsWith(dir))] ?? rows[0]!;
        return { project, file: relative(project.root, d.file), ...(d.line ? { line: d.line, column: d.column } : {}), message: `${d.severity}: ${d.message}` };
      });
    },
  },
  {
    name: 'tauri: cargo check --all-targets of every plugin crate (one workspace, shared target) and rustfmt of the plugin files',
    applies: (p) => pluginDir(p) !== undefined,
    async run(projects) {
      const rows = perRow(projects);
      const base = await mkdtemp(join(tmpdir(), 'bg-matrix-tauri-'));
      try {
        rows.forEach((p, i) => cpSync(join(p.root, pluginDir(p)!), join(base, `${i}`), { recursive: true, filter: (src) => !/[/\\](?:target|Cargo\.lock)$/.test(src) }));
        writeFileSync(join(base, 'Cargo.toml'), `[workspace]\nresolver = "2"\nmembers = [${rows.map((_, i) => `"${i}"`).join(', ')}]\n`);
        cpSync(installed('rust', (e) => [e.lockfile]).lockfile, join(base, 'Cargo.lock'));
        const r = await checkRust(base, { test: false, fmt: false });
        const failures = owned(base, rows, r.diagnostics);
        // rustfmt: the plugin's leaf files, lib.rs through stdin (as a file rustfmt would follow its modules).
        for (let i = 0; i < rows.length; i++) {
          const crate = join(base, `${i}`);
          const leaves = ['build.rs', 'src/commands.rs', 'src/desktop.rs', 'src/mobile.rs', 'src/models.rs', 'src/error.rs', 'src/types.rs'].map((f) => join(crate, f));
          const fmt = await runTool('rustfmt', ['--edition', '2021', '--check', '--color', 'never', ...leaves], { cwd: crate });
          if (fmt.code !== 0) failures.push({ project: rows[i]!, file: join(pluginDir(rows[i]!)!, 'src'), message: `rustfmt --check:\n${fmt.stdout.split('\n').slice(0, 20).join('\n')}` });
          const lib = readFileSync(join(crate, 'src/lib.rs'), 'utf8');
          const out = spawnSync('rustfmt', ['--edition', '2021', '--emit', 'stdout'], { input: lib, encoding: 'utf8' });
          if (out.stdout !== lib) failures.push({ project: rows[i]!, file: join(pluginDir(rows[i]!)!, 'src/lib.rs'), message: 'not formatted as rustfmt formats it' });
        }
        return failures;
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  },
];
