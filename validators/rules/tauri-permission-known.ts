import { join } from 'node:path';
import { defineRule } from '../rule.js';
import { CORE_PERMISSIONS, isValidPermissionIdentifier, pluginCrate, type TauriPlatform } from '../data/tauri.js';
import { capabilityPlatforms, cfgActive, definedPermissions, tauriView } from '../project/tauri.js';

export default defineRule({
  meta: {
    id: 'tauri-permission-known',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: 'Every capability permission exists for the platforms it is granted on',
      why:
        'tauri-build resolves every permission of the active capabilities: a `core:` identifier that does not exist, a plugin prefix whose ' +
        '`tauri-plugin-<name>` crate is not a dependency of this crate (for that target), or a command the plugin does not define fails the build.',
      fix: 'Fix the identifier, add the plugin crate to src-tauri/Cargo.toml (under the same `cfg` targets), or restrict the capability with `platforms`.',
      runtimeErrors: ['Permission dialog:allow-nonsense not found, expected one of core:default, …'],
      sources: ['[T2]', 'tauri-utils acl/resolved.rs'],
      notes:
        'Plugin permissions are checked against the plugin crate when it is a path dependency with a permissions/ folder; official plugins from the crate registry are only checked for the dependency. Without a Cargo.toml in the tree plugin prefixes are not judged (unknown provenance).',
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view) return;
    const files = ctx.project.files;
    const appPerms = definedPermissions(files, view.app.dir);
    const cratePerms = new Map<string, Set<string> | undefined>();
    for (const c of view.active) {
      const on = capabilityPlatforms(c, view.platforms);
      for (const p of c.permissions) {
        const where = { file: p.file, line: p.line, column: p.column };
        if (!isValidPermissionIdentifier(p.id)) {
          ctx.report({ message: `"${p.id}" is not a valid permission identifier (ASCII letters, digits, inner hyphens, one ":")`, ...where });
          continue;
        }
        if (p.id.startsWith('core:')) {
          if (!CORE_PERMISSIONS.has(p.id)) {
            const mod = p.id.split(':')[1];
            const near = [...CORE_PERMISSIONS].filter((x) => x.startsWith(`core:${mod}:`)).slice(0, 6);
            ctx.report({ message: `Permission ${p.id} not found${near.length ? `, expected one of ${near.join(', ')}, …` : ''}: the build fails`, ...where });
          }
          continue;
        }
        const colon = p.id.indexOf(':');
        if (colon < 0) {
          if (appPerms && !appPerms.has(p.id)) ctx.report({ message: `Permission ${p.id} not found in the app's own permissions (src-tauri/permissions, build.rs AppManifest): the build fails`, ...where });
          else if (!appPerms) ctx.report({ message: `"${p.id}" has no plugin prefix, so it names an app permission, but the app defines none (no src-tauri/permissions, no AppManifest commands): the build fails`, ...where });
          continue;
        }
        const prefix = p.id.slice(0, colon);
        const base = p.id.slice(colon + 1);
        if (!view.deps) continue; // no Cargo.toml in the tree: provenance unknown
        const crate = pluginCrate(prefix);
        const deps = view.deps.get(crate) ?? [];
        if (deps.length === 0) {
          ctx.report({ message: `"${p.id}" needs the ${crate} crate, which src-tauri/Cargo.toml does not depend on: the build fails`, ...where });
          continue;
        }
        const missingOn = on.filter((pl: TauriPlatform) => !deps.some((d) => d.cfg === undefined || cfgActive(d.cfg, pl)));
        if (missingOn.length) {
          ctx.report({
            message: `"${p.id}" is granted on ${missingOn.join(', ')} but ${crate} is only a dependency for ${deps.map((d) => d.cfg ?? 'all targets').join(', ')}: the build for ${missingOn.join(', ')} fails; restrict the capability with "platforms"`,
            ...where,
          });
          continue;
        }
        const local = deps.find((d) => d.path)?.path;
        if (local) {
          if (!cratePerms.has(local)) cratePerms.set(local, definedPermissions(files, local) ?? definedPermissions(files, join(local, '..')));
          const defined = cratePerms.get(local);
          if (defined && !defined.has(base)) ctx.report({ message: `Permission ${p.id} not found in ${crate} (${local}): the build fails`, ...where });
        }
      }
    }
  },
});
