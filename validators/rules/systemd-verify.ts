import { defineRule } from '../rule.js';
import { readUnit, unitScope, verifyUnits } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'systemd-verify',
    platform: 'desktop',
    severity: 'error',
    docs: {
      title: 'Units pass `systemd-analyze verify`',
      why: 'systemd ignores unknown sections and keys, refuses contradictory settings (e.g. `Restart=always` with `Type=oneshot`) and cannot run an ExecStart that is not executable; `systemd-analyze verify` reports all of it before a user does.',
      fix: 'Fix what systemd-analyze reports. A command that is merely not installed on the machine running bg-doctor is a warning: verify again where the app is installed.',
      runtimeErrors: ["Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing."],
      sources: ['[D2] systemd-analyze(1)'],
      notes: 'Runs the real systemd-analyze (`--user` for user units) with a private 0700 XDG_RUNTIME_DIR. When it is not installed an info finding says so: never a silent pass.',
    },
  },
  async check(ctx) {
    const units = ctx.project.desktop.systemdUnits;
    if (units.length === 0) return;
    const files = ctx.project.files;
    const user = units.filter((f) => {
      const u = readUnit(files, f);
      return u !== undefined && unitScope(u) === 'user';
    });
    const system = units.filter((f) => !user.includes(f) && files.exists(f));
    for (const [batch, isUser] of [
      [user, true],
      [system, false],
    ] as const) {
      if (batch.length === 0) continue;
      const res = await verifyUnits(batch, isUser);
      if (!res.ran) {
        ctx.report({ message: `${res.reason}: ${batch.length} unit file(s) were not verified (install systemd, or run bg-doctor on a Linux machine)`, file: batch[0]!, line: 0, severity: 'info' });
        continue;
      }
      for (const d of res.diagnostics) {
        let line = d.line;
        const u = readUnit(files, d.file);
        if (line === 0 && u) {
          const key = d.missingCommand ? 'ExecStart' : /Restart=/.test(d.message) ? 'Restart' : undefined;
          const e = key && u.entries.find((x) => x.key === key && (!d.missingCommand || x.value.includes(d.missingCommand)));
          if (e) line = e.line;
        }
        ctx.report({
          message: d.missingCommand
            ? `systemd-analyze: ${d.message} (not installed on this machine; verify again where the app is installed)`
            : `systemd-analyze${isUser ? ' --user' : ''} verify: ${d.message}`,
          file: d.file,
          line,
          ...(d.missingCommand ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
});
