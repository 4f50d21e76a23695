import { isAbsolute, join } from 'node:path';
import { defineRule } from '../rule.js';
import { capabilityPlatforms, globMatch, tauriView, type TauriView, type TauriWindow } from '../project/tauri.js';
import type { ProjectFiles } from '../project/types.js';

export default defineRule({
  meta: {
    id: 'tauri-window-covered',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: 'Every window is covered by a capability',
      why: 'Capabilities apply to windows by label (or glob). A window whose label no active capability matches has no IPC at all: every `invoke` from it is rejected.',
      fix: 'Add the window label (or a glob such as `"*"`) to the `windows` of a capability that applies on that platform.',
      runtimeErrors: ['Command plugin:event|listen not allowed by ACL'],
      sources: ['[T1]'],
      notes:
        'Windows are read from tauri.conf.json, its platform overlays (tauri.android.conf.json …, which replace app.windows on that platform) and `WebviewWindowBuilder::new` in src-tauri/src. A secondary window with its own page (e.g. a splash screen) may need no IPC: it is reported only when its page uses Tauri APIs (info when the page cannot be read).',
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view) return;
    const reported = new Set<string>();
    for (const w of view.windows) {
      const uncovered = w.platforms.filter((p) => !view.active.some((c) => capabilityPlatforms(c, view.platforms).includes(p) && [...c.windows, ...c.webviews].some((g) => globMatch(g, w.label))));
      if (uncovered.length === 0 || reported.has(`${w.file}:${w.line}`)) continue;
      reported.add(`${w.file}:${w.line}`);
      const msg = `window "${w.label}" is matched by no capability on ${uncovered.join(', ')}: it has no IPC access at all`;
      const page = secondaryPage(ctx.project.files, view, w);
      if (page === 'main') ctx.report({ message: msg, file: w.file, line: w.line, column: w.column });
      else if (page === 'uses-ipc') ctx.report({ message: `${msg}, and its page ${w.url} uses Tauri APIs`, file: w.file, line: w.line, column: w.column });
      else if (page === 'unknown') ctx.report({ message: `${msg} (fine if its page ${w.url} makes no Tauri calls; the page could not be read to check)`, file: w.file, line: w.line, column: w.column, severity: 'info' });
    }
  },
});

/** 'main' for the app's frontend, otherwise what the window's own page shows. */
function secondaryPage(files: ProjectFiles, view: TauriView, w: TauriWindow): 'main' | 'uses-ipc' | 'no-ipc' | 'unknown' {
  const url = w.url;
  if (!url || /^(?:\/|index\.html|\/index\.html|\.\/?)$/.test(url) || /^https?:\/\//.test(url)) return 'main';
  const build = view.config.value.build as Record<string, unknown> | undefined;
  const dist = typeof build?.frontendDist === 'string' ? build.frontendDist : undefined;
  const candidates = [dist && join(view.app.dir, dist, url), join(view.appDir, url), join(view.appDir, 'public', url), join(view.appDir, 'src', url)].filter(
    (p): p is string => typeof p === 'string' && isAbsolute(p),
  );
  for (const p of candidates) {
    const src = files.read(p);
    if (src !== undefined) return /__TAURI__|@tauri-apps\/|\binvoke\s*\(/.test(src) ? 'uses-ipc' : 'no-ipc';
  }
  return 'unknown';
}
