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
 * Last, the generated Node client drives a Rust service process (one wire
 * format for both runtimes).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { systemdExecArg, systemdExecPath, xmlText } from '../../escape/index.js';
import { sample, unicodeString } from '../../escape/testing/arbitraries.js';
import { nodeRunnerDir, rustRunnerDir, rustServiceFile } from '../../generator/layout.js';
import { sourcePath } from '../../lib/paths.js';
import { runTool } from '../../toolchains/common.js';
import { cargoEnv, checkRust, formatDiagnostic } from '../../toolchains/index.js';
import { tsTypesTarget } from '../ts/plan.js';
import { desktopNodeTarget } from './node-target.js';
import { desktopRustTarget } from './rust-target.js';
import { sampleCommand, sampleEvent, sampleOutput } from './samples.js';
import { buildEsm } from './testing/node-build.js';
import { generateStandalone } from './testing/generate.js';
import { writeRustHarness } from './testing/rust-harness.js';
import { ALWAYS_ALLOWED, checkRenderedUnits, doctorProblems, ON_DEMAND_AGENT, splitWindowsCommandLine } from './testing/units.js';

/** The example; the matrix rows desktop-rust-* cover the other shapes and options (e2e/checks/desktop.ts). */
const EXAMPLE = sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts');
/** The Node runner's fixture: generated once more with the Rust runtime, for the cross-runtime round trip. */
const NODE_FIXTURE = sourcePath('templates', 'desktop', 'fixtures', 'node-sync.bg.ts');

/** Executable names that stress the unit formats; the last ones systemd cannot run. */
const EXECUTABLES = ['app', 'My App', '50% done', '$HOME', 'é 😀 中文', 'semi;colon & <x>', 'q"uote', 'back\\slash'];

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

test('generated Rust runner: cargo check + cargo test (in-process and two processes over IPC) + rustfmt, no warnings; install-time units verify; a Node client drives the Rust service process', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'bg-desktop-rust-'));
  const asRust = join(work, 'node-sync.bg.ts');
  writeFileSync(asRust, readFileSync(NODE_FIXTURE, 'utf8').replace("hosts: ['capacitor']", "hosts: ['tauri']").replace("runtime: 'node'", "runtime: 'rust'"));
  const generated = [...(await generateStandalone([EXAMPLE], [desktopRustTarget])), ...(await generateStandalone([asRust], [desktopRustTarget]))];
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
  await crossRuntimeRoundTrip(join(work, 'crate'), generated.findIndex((g) => g.model.names.kebab === 'node-sync'), work);

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

/**
 * The wire format is one for both runtimes: the node-sync service, run by the
 * Rust runner as its OS-service process (the test binary in child mode), is
 * driven by the generated Node client: status, start, events, typed commands,
 * a clean stop with SIGTERM.
 */
async function crossRuntimeRoundTrip(crate: string, row: number, work: string): Promise<void> {
  const built = await runTool('cargo', ['test', '--no-run', '--message-format=json'], { cwd: crate, env: cargoEnv() });
  const executable = built.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { reason?: string; executable?: string | null; profile?: { test?: boolean } })
    .find((m) => m.reason === 'compiler-artifact' && m.profile?.test && m.executable)?.executable;
  assert.ok(executable, `no test binary:\n${built.stderr}`);

  const [node] = await generateStandalone([NODE_FIXTURE], [tsTypesTarget, desktopNodeTarget]);
  const out = join(work, 'node-out');
  await buildEsm(node!.root, out);
  const runner = (await import(pathToFileURL(join(out, nodeRunnerDir(node!.ctx), 'runner', 'index.js')).href)) as Record<string, any>;
  const model = node!.model;

  const dataDir = mkdtempSync(join(tmpdir(), 'bg-x-'));
  runner.saveDesired(dataDir, { desiredRunning: false, lastStopReason: 'userStop' });
  const child = spawn(executable!, [`row_${row}::runner::tests::ipc_child_process`, '--exact', '--nocapture', '--test-threads=1'], {
    env: { ...process.env, BG_SERVICE_TEST_CHILD_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const client = runner.Client.connect(dataDir, { timeoutMs: 20_000 });
  try {
    assert.ok(await client.waitConnected(30_000), 'the Node client did not reach the Rust service');
    const notices: any[] = [];
    client.subscribe((n: unknown) => notices.push(n));
    assert.equal((await client.status()).state, 'idle');
    assert.equal((await client.start()).state, 'running');
    const events = model.events.map((e) => ({ type: 'event', ...sampleEvent(model, e) }));
    const deadline = Date.now() + 20_000;
    while (notices.length < 1 + events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(notices, [{ type: 'started', generation: 1 }, ...events]);
    const typed = runner.commandsOf(client);
    for (const c of model.commands) {
      const sample = sampleCommand(model, c) as { input?: unknown };
      const output = await typed[c.name](...(c.input ? [sample.input] : []));
      assert.deepEqual(output ?? null, sampleOutput(model, c), c.name);
    }
    await assert.rejects(client.call({ type: 'stop', reason: 'nonsense' }), { code: 'invalidData' });
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    client.close();
    child.kill('SIGKILL');
  }
}
