/**
 * Proof of the generated Rust runner (issue 7): the notes-sync example
 * generated through the real engine, compiled against the real crates
 * (the toolchain cache's tokio, serde, …), and checked with `checkRust`:
 * no warnings, the runners' own generated tests pass — start/stop/events in
 * process, stop reasons and the persisted desired state, the generation
 * guard, the stop grace period, bad frames closing one connection, and an IPC
 * round trip with a second real process that is killed, restarted and
 * stopped with SIGTERM — and rustfmt --check is clean.
 *
 * The same tests render the install-time unit files for executables at
 * hostile paths; systemd-analyze, plistlib and an XML parser verify them (an
 * executable found by systemd-analyze proves its path round-tripped), and the
 * runner's runtime escapers are compared with escape/'s on random strings.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { systemdExecArg, systemdExecPath, xmlText } from '../../escape/index.js';
import { sample, unicodeString } from '../../escape/testing/arbitraries.js';
import { rustRunnerDir, rustServiceFile } from '../../generator/layout.js';
import { sourcePath } from '../../lib/paths.js';
import { checkRust, formatDiagnostic } from '../../toolchains/index.js';
import { desktopRustTarget } from './rust-target.js';
import { generateStandalone } from './testing/generate.js';
import { writeRustHarness } from './testing/rust-harness.js';
import { ALWAYS_ALLOWED, checkRenderedUnits, doctorProblems, ON_DEMAND_AGENT, splitWindowsCommandLine } from './testing/units.js';

/** The example; the matrix rows desktop-rust-* cover the other shapes and options (e2e/checks/desktop.ts). */
const DECLARATIONS = [sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts')];

/** Executable names that stress the unit formats; the last ones systemd cannot run. */
const EXECUTABLES = ['app', 'My App', '50% done', '$HOME', 'é 😀 中文', 'semi;colon & <x>', 'q"uote', 'back\\slash'];

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

test('generated Rust runner: cargo check + cargo test (in-process and two processes over IPC) + rustfmt, no warnings; install-time units verify', async (t) => {
  const generated = await generateStandalone(DECLARATIONS, [desktopRustTarget]);
  const work = mkdtempSync(join(tmpdir(), 'bg-desktop-rust-'));
  const bin = join(work, 'bin dir');
  mkdirSync(bin);
  const exes = EXECUTABLES.map((name) => {
    const exe = join(bin, name);
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    return exe;
  });
  const strings = sample(unicodeString((p) => !/[\ud800-\udfff]/.test(p)), 300);
  const escapeIn = join(work, 'escape-in.json');
  writeFileSync(escapeIn, JSON.stringify(strings));
  mkdirSync(join(work, 'escape-out'));
  process.env.BG_SERVICE_UNIT_EXES = JSON.stringify(exes);
  process.env.BG_SERVICE_UNIT_OUT = join(work, 'units');
  process.env.BG_SERVICE_ESCAPE_IN = escapeIn;
  process.env.BG_SERVICE_ESCAPE_OUT = join(work, 'escape-out');

  const crate = join(work, 'crate');
  writeRustHarness(
    crate,
    'bg-desktop-runner-tests',
    generated.map((g) => ({ runnerDir: join(g.root, rustRunnerDir(g.ctx)), serviceFile: join(g.root, rustServiceFile(g.ctx)) })),
  );
  const result = await checkRust(crate, { test: true });
  t.diagnostic(`checkRust (cargo check, cargo test, rustfmt) of ${generated.length} runners: ${Math.round(result.durationMs)} ms`);
  assert.ok(result.ok, result.diagnostics.map(formatDiagnostic).join('\n'));

  const unitProblems: string[] = [];
  for (const g of generated) {
    for (const [i, exe] of exes.entries()) {
      unitProblems.push(...(await checkRenderedUnits(join(work, 'units', String(i)), g.ctx.ids.desktopLabel, [exe], g.model.desktop)));
    }
  }
  assert.deepEqual(unitProblems, []);
  const dollar = EXECUTABLES.indexOf('$HOME');
  const allowed = [
    ...ALWAYS_ALLOWED,
    ...(generated.some((g) => !g.model.desktop.autostart && !g.model.desktop.keepAlive) ? [ON_DEMAND_AGENT] : []),
    { rule: 'launchd-paths', file: new RegExp(`^${dollar}/`), reason: 'the executable is really named "$HOME"; launchd passes it unexpanded, as it should' },
  ];
  assert.deepEqual(await doctorProblems(join(work, 'units'), allowed), []);

  for (const g of generated) {
    const label = g.ctx.ids.desktopLabel;
    const results = JSON.parse(readFileSync(join(work, 'escape-out', `${label}.json`), 'utf8')) as Array<{ arg: string | null; path: string | null; xml: string | null; windows: string }>;
    assert.equal(results.length, strings.length);
    strings.forEach((s, i) => {
      const r = results[i]!;
      assert.equal(r.arg, attempt(() => systemdExecArg(s)), `systemd argument of ${JSON.stringify(s)}`);
      assert.equal(r.path, attempt(() => systemdExecPath(`/opt/${s}`)), `systemd executable /opt/${JSON.stringify(s)}`);
      assert.equal(r.xml, attempt(() => xmlText(s)), `XML text of ${JSON.stringify(s)}`);
      assert.deepEqual(splitWindowsCommandLine(`prog ${r.windows}`), ['prog', s], `Windows argument of ${JSON.stringify(s)}`);
    });
  }
});
