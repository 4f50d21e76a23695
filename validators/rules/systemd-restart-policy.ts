import { defineRule } from '../rule.js';
import { readUnit, unitValues } from '../project/desktop.js';

const LONG_RUNNING = new Set(['simple', 'exec', 'notify', 'notify-reload', 'dbus']);

export default defineRule({
  meta: {
    id: 'systemd-restart-policy',
    platform: 'desktop',
    severity: 'warning',
    fixable: true,
    docs: {
      title: 'Long-running services restart after a failure',
      why: 'Without `Restart=`, a long-running service (Type=simple/exec/notify) that crashes stays dead until the next login or boot.',
      fix: 'Add `Restart=on-failure` and `RestartSec=5` to [Service].',
      sources: ['[D1] systemd.service(5)'],
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.systemdUnits) {
      if (!f.endsWith('.service')) continue;
      const u = readUnit(ctx.project.files, f);
      const svc = u?.sections.get('Service');
      if (!u || !svc) continue;
      const type = unitValues(u, 'Service', 'Type').pop()?.value ?? 'simple';
      if (!LONG_RUNNING.has(type) || unitValues(u, 'Service', 'Restart').length > 0) continue;
      const needsEol = svc.end > 0 && u.source[svc.end - 1] !== '\n';
      const text = `${needsEol ? u.eol : ''}Restart=on-failure${u.eol}RestartSec=5${u.eol}`;
      ctx.report({
        message: `Type=${type} service without Restart=: after a crash it stays down; add Restart=on-failure (RestartSec=5)`,
        file: f,
        line: svc.line,
        column: 1,
        fix: { file: f, edits: [{ start: svc.end, end: svc.end, text }], description: 'add Restart=on-failure and RestartSec=5' },
      });
    }
  },
});
