import { join } from 'node:path';
import { defineRule } from '../rule.js';
import { buildRsCommandList, definedPermissions, hasAppManifest, tauriView } from '../project/tauri.js';

export default defineRule({
  meta: {
    id: 'tauri-app-commands',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: "The app's own commands are allowed by a capability",
      why:
        'With an app manifest (`tauri_build::Attributes::new().app_manifest(AppManifest::new().commands(&[…]))`) every app command is ACL-checked: ' +
        'a command without `allow-<command>` in a capability is rejected at run time. Without an app manifest, custom commands are not ACL-checked for local origins at all.',
      fix: 'Add `allow-<command>` (or an app permission set that includes it) to the capability of the windows that call it; consider declaring an app manifest.',
      runtimeErrors: ['Command <command> not allowed by ACL'],
      sources: ['[T2]'],
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view) return;
    const files = ctx.project.files;
    const srcTauri = view.app.dir;
    if (hasAppManifest(files, srcTauri)) {
      const list = buildRsCommandList(files, srcTauri);
      if (!list) return;
      const granted = new Set(view.active.flatMap((c) => c.permissions.map((p) => p.id)));
      // App permission sets (src-tauri/permissions) granted by identifier may include the command: read their members.
      const viaSets = new Set<string>();
      for (const f of files.glob(join(srcTauri, 'permissions'), /\.toml$/)) {
        const src = files.read(f) ?? '';
        for (const m of src.matchAll(/"(allow-[a-z0-9-]+)"/g)) viaSets.add(m[1]!);
      }
      for (const cmd of list.commands) {
        const id = `allow-${cmd.replace(/_/g, '-')}`;
        if (granted.has(id) || (viaSets.has(id) && [...granted].some((g) => !g.includes(':') && definedPermissions(files, srcTauri)?.has(g)))) continue;
        ctx.report({ message: `app command "${cmd}" is in the app manifest but no capability allows it (${id}): "Command ${cmd} not allowed by ACL"`, file: list.file, line: list.line });
      }
      return;
    }
    for (const f of files.glob(join(srcTauri, 'src'), /\.rs$/)) {
      const src = files.read(f) ?? '';
      const m = /\bgenerate_handler!\s*\[\s*[A-Za-z_]/.exec(src);
      if (!m) continue;
      const pos = files.position(f, m.index);
      ctx.report({
        message: 'the app registers custom commands but build.rs declares no app manifest: they are not ACL-checked for local origins (any window may call them)',
        file: f,
        ...pos,
        severity: 'info',
      });
      break;
    }
  },
});
