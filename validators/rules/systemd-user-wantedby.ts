import { defineRule } from '../rule.js';
import { readUnit, unitScope, unitValues } from '../project/desktop.js';

const SYSTEM_TARGETS = /\b(?:multi-user|graphical)\.target\b/g;

export default defineRule({
  meta: {
    id: 'systemd-user-wantedby',
    platform: 'desktop',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'User units are wanted by default.target',
      why: 'A user manager has no multi-user.target or graphical.target: `systemctl --user enable` links the unit to a target that never starts, so the unit never starts.',
      fix: 'Use `WantedBy=default.target` in [Install].',
      runtimeErrors: ['Unit … is added as a dependency to a non-existent unit multi-user.target.'],
      sources: ['[D1] systemd.special(7)'],
    },
  },
  check(ctx) {
    for (const f of ctx.project.desktop.systemdUnits) {
      const u = readUnit(ctx.project.files, f);
      if (!u || unitScope(u) !== 'user') continue;
      for (const e of unitValues(u, 'Install', 'WantedBy')) {
        if (!SYSTEM_TARGETS.test(e.value)) continue;
        SYSTEM_TARGETS.lastIndex = 0;
        const lineText = u.source.slice(e.start, e.end);
        const fixed = lineText.replace(SYSTEM_TARGETS, 'default.target').replace(/\bdefault\.target(\s+default\.target)+\b/g, 'default.target');
        ctx.report({
          message: `WantedBy=${e.value} in a user unit: the user manager has no such target, so the unit never starts; use WantedBy=default.target`,
          file: f,
          line: e.line,
          column: 1,
          fix: { file: f, edits: [{ start: e.start, end: e.end, text: fixed }], description: 'WantedBy=default.target' },
        });
      }
    }
  },
});
