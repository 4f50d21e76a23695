import { defineRule } from '../rule.js';
import { readUnit, unitScope } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'systemd-user-no-user',
    platform: 'desktop',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'User units do not set User= or Group=',
      why: 'A user manager runs as the user and cannot switch identities: a unit with `User=`/`Group=` fails to start (status 216/GROUP or 217/USER).',
      fix: 'Remove `User=` and `Group=` (the unit already runs as the user who enabled it).',
      sources: ['[D1] systemd.exec(5)'],
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.systemdUnits) {
      const u = readUnit(ctx.project.files, f);
      if (!u || unitScope(u) !== 'user') continue;
      for (const e of u.entries) {
        if (e.section !== 'Service' || (e.key !== 'User' && e.key !== 'Group')) continue;
        ctx.report({
          message: `${e.key}=${e.value} in a user unit: the user manager cannot switch ${e.key === 'User' ? 'users' : 'groups'}, so the service fails to start`,
          file: f,
          line: e.line,
          column: 1,
          fix: { file: f, edits: [{ start: e.start, end: e.end, text: '' }], description: `remove ${e.key}=` },
        });
      }
    }
  },
});
