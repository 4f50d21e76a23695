import { defineRule } from '../rule.js';
import { frontendPluginUses, tauriView } from '../project/tauri.js';

export default defineRule({
  meta: {
    id: 'tauri-plugin-granted',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: 'Plugins the frontend calls are granted by a capability',
      why: 'A plugin command the webview invokes without a capability permission is rejected at run time by the ACL; the promise rejects and the feature silently does nothing.',
      fix: 'Add `<plugin>:default` or `<plugin>:allow-<command>` to a capability that applies to the calling window.',
      runtimeErrors: ['Command plugin:event|listen not allowed by ACL', 'dialog.save not allowed. Permissions associated with this command: dialog:allow-save, dialog:default'],
      sources: ['[T2] tauri webview/mod.rs'],
      notes: 'The calling window is not known statically: a grant in any active capability counts.',
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view) return;
    const granted = view.active.flatMap((c) => c.permissions.map((p) => p.id));
    const seen = new Set<string>();
    for (const u of frontendPluginUses(ctx.project.files, view)) {
      const mine = granted.filter((g) => g.startsWith(`${u.plugin}:`));
      const key = `${u.plugin}|${u.command ?? ''}`;
      if (seen.has(key)) continue;
      if (mine.length === 0) {
        seen.add(key);
        ctx.report({
          message: `the frontend uses the ${u.plugin} plugin${u.command ? ` (${u.command})` : ''} but no capability grants any ${u.plugin}: permission: "Command plugin:${u.plugin}|${u.command ?? '…'} not allowed by ACL"`,
          file: u.file,
          line: u.line,
          column: u.column,
        });
        continue;
      }
      if (!u.command) continue;
      if (mine.includes(`${u.plugin}:deny-${u.command}`)) {
        seen.add(key);
        ctx.report({ message: `plugin:${u.plugin}|${u.command} is invoked but a capability denies it (${u.plugin}:deny-${u.command})`, file: u.file, line: u.line, column: u.column });
        continue;
      }
      // Sets (default, read-all, …) may contain the command; only a grant made of explicit allow-* entries can be judged.
      const onlyExplicit = mine.every((g) => /:(?:allow|deny)-/.test(g));
      if (onlyExplicit && !mine.includes(`${u.plugin}:allow-${u.command}`)) {
        seen.add(key);
        ctx.report({
          message: `plugin:${u.plugin}|${u.command} is invoked but only ${mine.join(', ')} are granted: "Command plugin:${u.plugin}|${u.command} not allowed by ACL"; add ${u.plugin}:allow-${u.command}`,
          file: u.file,
          line: u.line,
          column: u.column,
        });
      }
    }
  },
});
