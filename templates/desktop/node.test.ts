/**
 * Proof of the generated Node runner (issue 7): the node-sync fixture is
 * generated through the real engine, type-checked with tsc (strict, both
 * NodeNext and bundler resolution, with the stricter options apps turn on),
 * built to ESM and run:
 *
 * - in process: lifecycle, events, typed commands, stop reasons and the
 *   persisted desired state, the generation guard, the stop grace period;
 * - as a separate OS-service process (the generated entry with a scripted
 *   service): a command round trip and event delivery over IPC, bad frames
 *   closing only their connection, a crash followed by a restart that the
 *   client reconnects to, a clean stop with SIGTERM;
 * - install-time units for executables at hostile paths, verified by
 *   systemd-analyze, plistlib and an XML parser; the runtime escapers against
 *   escape/'s; the install plans of every platform; the wire format is the
 *   Rust runner's.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { systemdExecArg, systemdExecPath, xmlText } from '../../escape/index.js';
import { sample, unicodeString } from '../../escape/testing/arbitraries.js';
import { nodeRunnerDir } from '../../generator/layout.js';
import { sourcePath } from '../../lib/paths.js';
import { formatDiagnostic, typecheckTs } from '../../toolchains/index.js';
import { tsTypesTarget } from '../ts/plan.js';
import { desktopNodeTarget } from './node-target.js';
import { sampleCommand, sampleEvent, sampleOutput } from './samples.js';
import { generateStandalone, type Generated } from './testing/generate.js';
import { buildEsm, STRICTEST_TS } from './testing/node-build.js';
import { ALWAYS_ALLOWED, checkRenderedUnits, doctorProblems, ON_DEMAND_AGENT, splitWindowsCommandLine } from './testing/units.js';
import { endpointHash } from './units.js';

/** The built runner is loaded at run time, so its values are untyped here. */
type Runner = any;

const FIXTURE = sourcePath('templates', 'desktop', 'fixtures', 'node-sync.bg.ts');
const TEST_FILES = sourcePath('templates', 'desktop', 'fixtures', 'node-service');

let generated: Generated;
let out: string;
let runner: any;
let testService: any;
let ipcModule: any;
let samplesFile: string;
let samples: { events: unknown[]; commands: Array<{ command: { command: string; input?: unknown }; output: unknown }> };
const work = mkdtempSync(join(tmpdir(), 'bg-desktop-node-'));

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Collects notices; `next()` waits for the next one. */
function recorder(control: { subscribe(l: (n: unknown) => void): () => void }) {
  const seen: unknown[] = [];
  let wake: (() => void) | undefined;
  const stop = control.subscribe((n) => {
    seen.push(n);
    wake?.();
  });
  return {
    stop,
    async next(timeoutMs = 20_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      while (seen.length === 0) {
        if (Date.now() > deadline) throw new Error('no notice in time');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return seen.shift();
    },
  };
}

async function waitFor(what: string, predicate: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

before(async () => {
  generated = (await generateStandalone([FIXTURE], [tsTypesTarget, desktopNodeTarget]))[0]!;
  const g = generated;
  const node = join(g.root, nodeRunnerDir(g.ctx));
  for (const f of ['test-service.ts', 'test-main.ts']) copyFileSync(join(TEST_FILES, f), join(node, f));
  writeFileSync(join(g.root, 'package.json'), '{ "type": "module" }\n');
  out = join(work, 'out');
  await buildEsm(g.root, out);
  runner = await import(pathToFileURL(join(out, nodeRunnerDir(g.ctx), 'runner', 'index.js')).href);
  testService = await import(pathToFileURL(join(out, nodeRunnerDir(g.ctx), 'test-service.js')).href);
  ipcModule = await import(pathToFileURL(join(out, nodeRunnerDir(g.ctx), 'runner', 'ipc.js')).href);
  samples = {
    events: g.model.events.map((e) => sampleEvent(g.model, e)),
    commands: g.model.commands.map((c) => ({ command: sampleCommand(g.model, c) as { command: string; input?: unknown }, output: sampleOutput(g.model, c) })),
  };
  samplesFile = join(work, 'samples.json');
  writeFileSync(samplesFile, JSON.stringify(samples));
});

test('the generated Node runner type-checks (strict; NodeNext and bundler resolution; noUnused*, exactOptionalPropertyTypes, erasableSyntaxOnly …)', async (t) => {
  const node = join(generated.root, nodeRunnerDir(generated.ctx));
  for (const resolution of ['nodenext', 'bundler'] as const) {
    const r = await typecheckTs(node, { types: ['node'], resolution, compilerOptions: STRICTEST_TS });
    // ts/types.ts (the TS types target) is checked by its own tests; here only the runner's files count.
    const mine = r.diagnostics.filter((d) => d.file.startsWith(node));
    t.diagnostic(`tsc (${resolution}): ${Math.round(r.durationMs)} ms`);
    assert.deepEqual(mine.map(formatDiagnostic), [], resolution);
  }
});

describe('in process', () => {
  const make = (script: string, options: Record<string, unknown> = {}) => {
    const dir = mkdtempSync(join(work, 'in-process-'));
    const service = new testService.TestService(script, samples);
    return { dir, service, r: new runner.Runner(service, { dataDir: dir, ...options }) as Runner };
  };

  test('start, events, typed and untyped commands, stop', async () => {
    const { dir, service, r } = make('untilStopped');
    const notices = recorder(r);
    assert.deepEqual(await r.status(), { state: 'idle', generation: 0, lastError: null, lastStopReason: null, desiredRunning: false });
    await assert.rejects(r.command({ command: 'ping' }), { code: 'notRunning' });
    const running = await r.start();
    assert.deepEqual([running.state, running.generation, running.desiredRunning], ['running', 1, true]);
    await assert.rejects(r.start(), { code: 'alreadyRunning' });
    assert.deepEqual(await notices.next(), { type: 'started', generation: 1 });
    for (const e of samples.events) assert.deepEqual(await notices.next(), { type: 'event', ...(e as object) });
    for (const s of samples.commands) assert.deepEqual(await r.command(s.command), s.output);
    const typed = runner.commandsOf(r);
    assert.deepEqual(await typed.syncNow(samples.commands[0]!.command.input), samples.commands[0]!.output);
    assert.equal(await typed.ping(), null);
    assert.deepEqual(await typed.run(samples.commands[2]!.command.input), samples.commands[2]!.output);
    const stopped = await r.stop('userStop');
    assert.deepEqual([stopped.state, stopped.lastStopReason, stopped.desiredRunning], ['stopped', 'userStop', false]);
    assert.deepEqual(await notices.next(), { type: 'stopped', generation: 1, reason: 'userStop' });
    assert.deepEqual([service.log[0], service.log[1], service.log.at(-1)], ['init 1', 'run 1', 'onStop 1 userStop']);
    assert.deepEqual(runner.loadDesired(dir), { desiredRunning: false, lastStopReason: 'userStop' });
  });

  test('stop reasons decide the persisted desired state, and recover() follows it', async () => {
    assert.deepEqual(
      runner.STOP_REASONS.filter((reason: string) => runner.keepsDesire(reason)),
      ['appStop', 'platformTimeout', 'osRestart', 'error'],
    );
    for (const reason of runner.STOP_REASONS as string[]) {
      const { dir, r } = make('untilStopped');
      await r.start();
      await r.stop(reason);
      assert.deepEqual(runner.loadDesired(dir), { desiredRunning: runner.keepsDesire(reason), lastStopReason: reason }, reason);
      const nextLaunch = new runner.Runner(new testService.TestService('untilStopped', samples), { dataDir: dir });
      const recovered = await nextLaunch.recover();
      assert.equal(recovered !== undefined, runner.keepsDesire(reason), reason);
      await nextLaunch.stop('userStop');
    }
  });

  test('a service that ends on its own: taskCompleted, or error with the message', async () => {
    for (const [script, reason, error] of [['complete', 'taskCompleted', null], ['fail', 'error', 'run failed']] as const) {
      const { r } = make(script);
      const notices = recorder(r);
      await r.start();
      assert.equal((await notices.next()).type, 'started');
      for (let i = 0; i < samples.events.length; i++) assert.equal((await notices.next()).type, 'event');
      if (error) assert.deepEqual(await notices.next(), { type: 'error', message: error });
      assert.deepEqual(await notices.next(), { type: 'stopped', generation: 1, reason });
      const status = await r.status();
      assert.deepEqual([status.state, status.lastError, status.desiredRunning], ['stopped', error, reason === 'error']);
    }
  });

  test('a failing init fails the start', async () => {
    const { r } = make('failInit');
    await assert.rejects(r.start(), { code: 'failed', message: 'init failed' });
    const status = await r.status();
    assert.deepEqual([status.state, status.lastStopReason, status.lastError], ['stopped', 'error', 'init failed']);
  });

  test('a stale stop never overwrites a newer start (generations)', async () => {
    const { service, r } = make('slowStop');
    await r.start();
    const stopping = r.stop('userStop');
    assert.equal((await r.status()).state, 'stopped', 'a stop marks the service stopped at once');
    const second = await r.start();
    assert.deepEqual([second.state, second.generation], ['running', 2]);
    await stopping;
    const status = await r.status();
    assert.deepEqual([status.state, status.generation, status.desiredRunning], ['running', 2, true]);
    assert.ok(service.log.includes('onStop 1 userStop'));
    await r.stop('userStop');
  });

  test('a service ignoring the stop is given up on after the grace period', async () => {
    const { r } = make('ignoreStop', { stopGraceMs: 200 });
    await r.start();
    const status = await r.stop('appStop');
    assert.equal(status.state, 'stopped');
    assert.match(status.lastError ?? '', /did not stop within 200 ms/);
    assert.equal(status.desiredRunning, true, 'an app stop keeps the wish to run');
  });

  test('requests of the wrong shape are refused before they reach the service', () => {
    assert.match(String(runnerIpc().parseRequest({ type: 'command', command: 'syncNow', input: { folder: 1, choices: [] } })), /input\.folder is not a string/);
    assert.match(String(runnerIpc().parseRequest({ type: 'command', command: 'nope' })), /unknown command/);
    assert.match(String(runnerIpc().parseRequest({ type: 'stop', reason: 'user' })), /unknown stop reason/);
    assert.deepEqual(runnerIpc().parseRequest({ type: 'command', command: 'ping' }), { type: 'command', command: 'ping' });
  });
});

function runnerIpc(): any {
  return ipcModule;
}

test('the wire format is the Rust runner\'s', () => {
  assert.equal(runner.endpointHash('/home/u/.local/share/app'), endpointHash(generated.ctx.ids.desktopLabel, '/home/u/.local/share/app'));
  const frame = runner.MAX_FRAME;
  assert.equal(frame, 16 * 1024 * 1024);
  const encoded: Buffer = ipcModule.encodeFrame({ id: 7, request: { type: 'stop', reason: 'osRestart' } });
  assert.equal(encoded.readUInt32BE(0), encoded.length - 4);
  assert.equal(encoded.subarray(4).toString(), '{"id":7,"request":{"type":"stop","reason":"osRestart"}}');
  const reader = new ipcModule.FrameReader();
  const frames: Buffer[] = [];
  for (const byte of Buffer.concat([encoded, encoded])) frames.push(...reader.push(Buffer.from([byte])));
  assert.deepEqual(frames.map((f) => f.toString()), [encoded.subarray(4).toString(), encoded.subarray(4).toString()]);
  const over = Buffer.alloc(4);
  over.writeUInt32BE(frame + 1);
  assert.throws(() => new ipcModule.FrameReader().push(over), /over the limit/);
});

describe('as an OS-service process over IPC', () => {
  let dataDir: string;
  let child: ChildProcess;
  let client: any;
  const entry = () => join(out, nodeRunnerDir(generated.ctx), 'test-main.js');
  const launch = () =>
    spawn(process.execPath, [entry(), '--bg-service', generated.ctx.ids.desktopLabel, '--bg-data-dir', dataDir], {
      env: { ...process.env, BG_TEST_SAMPLES: samplesFile },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));

  before(() => {
    dataDir = mkdtempSync(join(work, 'service-'));
    // As if the user had stopped it: the process starts idle, waiting for us.
    runner.saveDesired(dataDir, { desiredRunning: false, lastStopReason: 'userStop' });
    child = launch();
    client = runner.Client.connect(dataDir, { timeoutMs: 20_000 });
  });

  test('a command round trip and event delivery', async () => {
    assert.ok(await client.waitConnected(20_000), 'no connection to the service process');
    const notices = recorder(client);
    assert.equal((await client.status()).state, 'idle');
    const running = await client.start();
    assert.deepEqual([running.state, running.generation], ['running', 1]);
    assert.deepEqual(await notices.next(), { type: 'started', generation: 1 });
    for (const e of samples.events) assert.deepEqual(await notices.next(), { type: 'event', ...(e as object) });
    const typed = runner.commandsOf(client);
    assert.deepEqual(await typed.syncNow(samples.commands[0]!.command.input), samples.commands[0]!.output);
    assert.equal(await typed.ping(), null);
    for (const s of samples.commands) assert.deepEqual(await client.command(s.command), s.output);
    notices.stop();
  });

  test('a malformed or oversized frame closes only its own connection; a wrong request gets invalidData', async () => {
    const path = runner.endpoint(dataDir);
    const closedAfter = (bytes: Buffer) =>
      new Promise<boolean>((resolve) => {
        const s: Socket = createConnection(path, () => s.write(bytes));
        s.on('data', () => {});
        s.on('error', () => {});
        s.on('close', () => resolve(true));
        setTimeout(() => {
          s.destroy();
          resolve(false);
        }, 10_000);
      });
    const over = Buffer.alloc(4);
    over.writeUInt32BE(runner.MAX_FRAME + 1);
    assert.equal(await closedAfter(over), true, 'an oversized frame closes the connection');
    const garbage = Buffer.from('{not json');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(garbage.length);
    assert.equal(await closedAfter(Buffer.concat([head, garbage])), true, 'a malformed frame closes the connection');
    assert.equal(await closedAfter(ipcModule.encodeFrame({ request: { type: 'status' } })), true, 'a frame without an id closes the connection');

    const reply = await new Promise<any>((resolve, reject) => {
      const s: Socket = createConnection(path, () => s.write(ipcModule.encodeFrame({ id: 3, request: { type: 'command', command: 'syncNow', input: {} } })));
      const reader = new ipcModule.FrameReader();
      s.on('data', (chunk: Buffer) => {
        for (const f of reader.push(chunk)) {
          const frame = JSON.parse(f.toString());
          if (frame.type === 'reply') {
            s.destroy();
            resolve(frame);
          }
        }
      });
      s.on('error', reject);
    });
    assert.deepEqual(reply, { type: 'reply', id: 3, error: { code: 'invalidData', message: 'input.folder is missing' } });
    assert.equal((await client.status()).state, 'running', 'the other connection still works');
  });

  test('a crash, then a restart the client reconnects to; then a clean stop with SIGTERM', async () => {
    child.kill('SIGKILL');
    await exited(child);
    await waitFor('the client to notice the crash', () => !client.connected);
    child = launch(); // what Restart=on-failure does
    assert.ok(await client.waitConnected(20_000), 'no reconnection');
    // The wish to run survived the crash, so the new process started the service itself.
    await waitFor('the restarted service to run', async () => (await client.status()).state === 'running');
    assert.deepEqual(await client.command(samples.commands[1]!.command), null);
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
    client.close();
    assert.deepEqual(runner.loadDesired(dataDir), { desiredRunning: true, lastStopReason: 'osRestart' });
  });
});

test('install-time units for executables at hostile paths verify; runtime escapers agree with escape/; plans for every platform', async () => {
  const bin = join(work, 'bin dir');
  mkdirSync(bin);
  const names = ['node', 'My Node', '50% done', '$HOME', 'é 😀 中文', 'semi;colon & <x>', 'q"uote', 'back\\slash'];
  const label = generated.ctx.ids.desktopLabel;
  const problems: string[] = [];
  for (const [i, name] of names.entries()) {
    const exe = join(bin, name);
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    const dir = join(work, 'units', String(i));
    mkdirSync(dir, { recursive: true });
    const l = runner.launch([exe, '/opt/app/main.js'], join(work, 'data dir'));
    const write = (file: string, render: () => string) => {
      try {
        writeFileSync(join(dir, file), render());
      } catch (e) {
        writeFileSync(join(dir, `${file}.error`), (e as Error).message);
      }
    };
    const os = await import(pathToFileURL(join(out, nodeRunnerDir(generated.ctx), 'runner', 'os-service.js')).href);
    write(`${label}.service`, () => os.systemdUnit(l));
    write(`${label}.plist`, () => os.launchdPlist(l, join(work, 'data dir', 'logs', `${label}.log`)));
    write(`${label}.task.xml`, () => os.taskSchedulerXml(l, 'HOST\\user'));
    problems.push(...(await checkRenderedUnits(dir, label, [exe, '/opt/app/main.js'], generated.model.desktop)));
  }
  assert.deepEqual(problems, []);
  const allowed = [
    ...ALWAYS_ALLOWED,
    ...(!generated.model.desktop.autostart && !generated.model.desktop.keepAlive ? [ON_DEMAND_AGENT] : []),
    { rule: 'launchd-paths', file: new RegExp(`^${names.indexOf('$HOME')}/`), reason: 'the executable is really named "$HOME"; launchd passes it unexpanded, as it should' },
  ];
  assert.deepEqual(await doctorProblems(join(work, 'units'), allowed), []);

  const os = await import(pathToFileURL(join(out, nodeRunnerDir(generated.ctx), 'runner', 'os-service.js')).href);
  for (const s of sample(unicodeString(), 500)) {
    assert.equal(attempt(() => os.systemdExecArg(s)), attempt(() => systemdExecArg(s)), `argument ${JSON.stringify(s)}`);
    assert.equal(attempt(() => os.systemdExecPath(`/opt/${s}`)), attempt(() => systemdExecPath(`/opt/${s}`)), `executable ${JSON.stringify(s)}`);
    assert.equal(attempt(() => os.xmlText(s)), attempt(() => xmlText(s)), `XML ${JSON.stringify(s)}`);
    assert.deepEqual(splitWindowsCommandLine(`prog ${os.windowsArg(s)}`), ['prog', s], `Windows ${JSON.stringify(s)}`);
  }

  const l = runner.launch(['/usr/bin/node', '/opt/app/main.js'], '/home/u/.local/share/app');
  const commands = (steps: any[]) => steps.filter((s) => s.kind === 'run').map((s) => `${s.program} ${s.args.join(' ')}`);
  const systemd = new runner.OsService(l, '/home/u/.local/share/app', { kind: 'systemd', configDir: '/home/u/.config' });
  assert.equal(systemd.unitPath(), `/home/u/.config/systemd/user/${label}.service`);
  assert.deepEqual(commands(systemd.installPlan()), ['systemctl --user daemon-reload', `systemctl --user enable ${label}.service`]);
  assert.deepEqual(commands(systemd.controlPlan('restart')), [`systemctl --user restart ${label}.service`]);
  const launchd = new runner.OsService(l, '/home/u/.local/share/app', { kind: 'launchd', home: '/Users/u', uid: 501 });
  assert.deepEqual(commands(launchd.installPlan()), [`launchctl bootout gui/501/${label}`, `launchctl bootstrap gui/501 /Users/u/Library/LaunchAgents/${label}.plist`]);
  const windows = new runner.OsService(l, '/home/u/.local/share/app', { kind: 'taskScheduler', user: 'HOST\\u' });
  const plan = windows.installPlan();
  assert.deepEqual([...plan[0].content.subarray(0, 4)], [0xff, 0xfe, 0x3c, 0]);
  assert.deepEqual(commands(plan), [`schtasks /Create /TN ${label} /XML /home/u/.local/share/app/${label}.task.xml /F`]);
  const xml = readFileSync(join(work, 'units', '0', `${label}.task.xml`), 'utf8');
  assert.deepEqual(splitWindowsCommandLine(`x ${/<Arguments>(.*)<\/Arguments>/.exec(xml)![1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')}`).slice(1), [
    '/opt/app/main.js', '--bg-service', label, '--bg-data-dir', join(work, 'data dir'),
  ]);
});
