import { findNodeAtLocation } from 'jsonc-parser';
import { defineRule } from '../rule.js';
import { tauriView } from '../project/tauri.js';

export default defineRule({
  meta: {
    id: 'tauri-v1-allowlist',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: 'No Tauri v1 allowlist',
      why: 'Tauri v2 ignores the v1 `tauri.allowlist`: nothing it lists is allowed. v2 grants APIs through capabilities and plugin permissions.',
      fix: 'Run `npx tauri migrate` (it writes capabilities/migrated.json) and remove the allowlist.',
      sources: ['[T1]'],
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view?.config.file) return;
    const tree = view.config.tree;
    const node = tree && (findNodeAtLocation(tree, ['tauri', 'allowlist']) ?? findNodeAtLocation(tree, ['allowlist']));
    if (!node) return;
    const pos = ctx.project.files.position(view.config.file, node.parent?.offset ?? node.offset);
    ctx.report({ message: 'a Tauri v1 "allowlist" is present; Tauri v2 ignores it (use capabilities and plugin permissions)', file: view.config.file, ...pos });
  },
});
