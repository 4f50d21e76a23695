import { defineRule } from '../rule.js';
import { readUnit, unitScope, unitValues } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'systemd-linger',
    platform: 'desktop',
    severity: 'info',
    docs: {
      title: 'User units start at boot only with lingering',
      why: "A user manager starts at the user's first login and stops at the last logout: an enabled user unit does not run at boot or after logout unless lingering is enabled for the user.",
      fix: 'Have the installer run `loginctl enable-linger "$USER"` when the service must run at boot or after logout.',
      sources: ['[D1] loginctl(1)'],
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.systemdUnits) {
      const u = readUnit(ctx.project.files, f);
      if (!u || unitScope(u) !== 'user') continue;
      const wanted = [...unitValues(u, 'Install', 'WantedBy'), ...unitValues(u, 'Install', 'RequiredBy')][0];
      if (!wanted) continue;
      if (/enable-linger/.test(u.source)) continue;
      ctx.report({
        message: 'this user unit starts with the user session only: to run at boot or after logout, the install step must run `loginctl enable-linger "$USER"`',
        file: f,
        line: wanted.line,
        column: 1,
      });
    }
  },
});
