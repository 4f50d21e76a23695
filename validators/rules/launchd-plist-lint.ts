import { defineRule } from '../rule.js';
import { readLaunchd } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'launchd-plist-lint',
    platform: 'desktop',
    severity: 'error',
    docs: {
      title: 'launchd plists parse strictly',
      why: 'launchctl refuses a malformed property list (`plutil -lint` fails), so the agent is never loaded; a half-valid plist is not partially honoured.',
      fix: 'Fix the reported syntax error; check with `plutil -lint <file>` on macOS.',
      runtimeErrors: ['Load failed: 5: Input/output error'],
      sources: ['[D3] launchd.plist(5)'],
      notes: 'bg-doctor parses with its strict located plist parser (the same rules as plutil and Python plistlib), so it runs on any OS.',
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.launchdPlists) {
      const p = readLaunchd(ctx.project.files, f);
      if (!p) continue;
      if ('error' in p) {
        ctx.report({ message: `not a valid property list: ${p.error.message}`, file: f, line: p.error.line, column: p.error.column });
      } else if (p.doc.root.type !== 'dict') {
        const pos = p.doc.xml.position(p.doc.root.el.start);
        ctx.report({ message: `a launchd job must be a <dict>, found <${p.doc.root.el.name}>`, file: f, ...pos });
      }
    }
  },
});
