import { defineRule } from '../rule.js';
import { isWindowsTaskXml } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'windows-task',
    platform: 'desktop',
    severity: 'info',
    docs: {
      title: 'Windows Task Scheduler definitions are validated on Windows',
      why: 'Task Scheduler XML is only validated by Windows itself (`schtasks /Create /XML`), and a task or service that fails is not restarted unless recovery is configured.',
      fix: 'Validate on a Windows runner: `schtasks /Create /XML <file> /TN <name> /F`; for a service set recovery with `sc failure <name> reset= 86400 actions= restart/5000`.',
      notes: 'Not checked against a primary source (platform-rules.md confidence note); informational only.',
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.windowsTasks) {
      if (!isWindowsTaskXml(ctx.project.files, f)) continue;
      const src = ctx.project.files.read(f) ?? '';
      const at = src.search(/<Task\b/);
      ctx.report({
        message: 'Task Scheduler definition: bg-doctor cannot validate it off Windows; run `schtasks /Create /XML <file> /TN <name> /F` on a Windows runner and configure restart on failure',
        file: f,
        ...(at >= 0 ? ctx.project.files.position(f, at) : { line: 0, column: 0 }),
      });
    }
  },
});
