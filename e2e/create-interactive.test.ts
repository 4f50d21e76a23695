/**
 * create-bg-service on a terminal: the real executable in a pseudo-terminal
 * (e2e/pty-driver.py), answers typed as a person would (arrows, space,
 * Enter, Backspace, Ctrl-C), the screen asserted. Each result is then held to
 * the same bar as a run by flags: `generate --check` clean, the equivalent
 * command by flags changes nothing, bg-doctor clean.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeCapacitorApp, makeTauriApp, tempDir } from './create-apps.js';
import { ARROW_DOWN, assertDoctorClean, create, createOnTerminal, ENTER, run, snapshot, type PtyResult } from './create-harness.js';

const BACKSPACE = '\u007f';
const CTRL_C = '\u0003';

function assertFinished(r: PtyResult): void {
  assert.equal(r.timedOutAt, null, `the run stalled at step ${r.timedOutAt}:\n${r.screen}`);
  assert.equal(r.exit, 0, r.screen);
}

/** The result is what the same answers by flags give: a run with them changes nothing. */
function assertSameAsFlags(project: string, cwd: string, flags: string[]): void {
  assert.equal(run('bg-service', ['generate', '--check'], project).code, 0, 'generate --check is clean');
  const before = snapshot(project);
  const again = create(['--yes', ...flags], cwd);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /Nothing to change: 0 created, 0 changed, 0 deleted/);
  assert.deepEqual(snapshot(project), before);
}

test('terminal: an empty folder, every question answered by keys', async (t) => {
  const dir = join(tempDir('pty-empty'), 'pty-module');
  mkdirSync(dir);
  const r = createOnTerminal([], dir, [
    { expect: 'Service name', send: ENTER }, // the folder's name, offered as the default
    { expect: 'What kind of work', send: ARROW_DOWN + ENTER }, // periodic
    { expect: 'Which hosts', send: ENTER }, // both, pre-selected
    { expect: 'Reverse-DNS identifier', send: `com.example.ptymodule${ENTER}` },
    { expect: 'Run every how many minutes\\?', send: `30${ENTER}` },
    { expect: 'Runtime permissions', send: ENTER },
    { expect: 'iOS background modes', send: ENTER },
    { expect: 'iOS: ask for a background refresh', send: ENTER }, // the period, offered
    { expect: 'processing task', send: `y${ENTER}` },
    { expect: 'which runtime', send: ENTER }, // rust, with the tauri host
    { expect: 'inside the app, or as an OS service', send: ARROW_DOWN + ENTER },
    { expect: 'start the OS service', send: `y${ENTER}` },
  ]);
  assertFinished(r);
  for (const line of [
    '✔ Service name (kebab-case; every type and file name derives from it) pty-module',
    '✔ What kind of work? periodic',
    'tauri, capacitor',
    '✔ Run every how many minutes? 30',
    '? 30', // the iOS refresh took the period as its default
    'processing task (BGProcessingTask: minutes of work, at night or on power)? Yes',
    '✔ Desktop: run inside the app, or as an OS service? osService',
    '✔ Desktop: start the OS service with the user session? Yes',
  ]) {
    assert.ok(r.screen.includes(line), `screen shows ${JSON.stringify(line)}:\n${r.screen}`);
  }
  assert.match(r.screen, /create +pty-module\.bg\.ts +the declaration/);
  assert.match(r.screen, /Done: \d+ created/);
  assert.match(r.screen, /To do by hand/);
  const decl = readFileSync(join(dir, 'pty-module.bg.ts'), 'utf8');
  assert.match(decl, /schedule: \{ everyMinutes: 30 \}/);
  assert.match(decl, /desktop: \{ runtime: 'rust', mode: 'osService', autostart: true \}/);
  assertSameAsFlags(dir, dir, ['--kind', 'periodic', '--identifier', 'com.example.ptymodule', '--every-minutes', '30', '--ios-processing', '--desktop-mode', 'osService', '--autostart']);
  await assertDoctorClean(t, dir);
});

test('terminal: a Capacitor app, wrong answers refused on screen and asked again', async (t) => {
  const dir = makeCapacitorApp();
  const r = createOnTerminal([], dir, [
    { expect: 'Service name', send: `Field Sync${ENTER}` },
    { expect: "'Field Sync' is not kebab-case", send: `${BACKSPACE.repeat(10)}field-sync${ENTER}` },
    { expect: 'What kind of work', send: ENTER },
    { expect: 'Reverse-DNS identifier', send: ENTER }, // the app's id + name
    { expect: 'foreground-service types', send: ENTER },
    { expect: 'Title of the notification', send: `Syncing field notes${ENTER}` },
    { expect: 'notification channel id', send: ENTER },
    { expect: 'Runtime permissions', send: ENTER },
    { expect: 'iOS background modes', send: ` ${ENTER}` }, // 'location' without the location permission…
    { expect: "background mode 'location' needs the 'location' permission", send: ` ${ENTER}` }, // …refused; unselected
    { expect: 'iOS: ask for a background refresh', send: ENTER },
    { expect: 'which runtime', send: ENTER },
    { expect: 'inside the app, or as an OS service', send: ENTER },
  ]);
  assertFinished(r);
  assert.ok(r.screen.includes('✔ Service name (kebab-case; every type and file name derives from it) field-sync'), r.screen);
  assert.ok(r.stream.includes("rust (runtime 'rust' needs the 'tauri' host"), 'the runtime the app cannot carry is shown disabled, with the reason');
  assert.match(r.screen, /update +ios\/App\/App\/Info\.plist/);
  const decl = readFileSync(join(dir, 'bg-services/field-sync/field-sync.bg.ts'), 'utf8');
  assert.match(decl, /notification: \{ channel: 'field-sync', title: 'Syncing field notes' \}/);
  assert.doesNotMatch(decl, /backgroundModes/);
  assertSameAsFlags(dir, dir, ['--name', 'field-sync', '--notification-title', 'Syncing field notes']);
  await assertDoctorClean(t, dir);
});

test('terminal: a Tauri app, answers given as flags are not asked again', async (t) => {
  const dir = makeTauriApp();
  const r = createOnTerminal(['--name', 'notes-sync', '--kind', 'periodic', '--every-minutes', '45'], dir, [
    { expect: 'Reverse-DNS identifier', send: ENTER },
    { expect: 'Runtime permissions', send: ENTER },
    { expect: 'iOS background modes', send: ENTER },
    { expect: 'iOS: ask for a background refresh', send: ENTER },
    { expect: 'processing task', send: ENTER },
    { expect: 'which runtime', send: ENTER },
    { expect: 'inside the app, or as an OS service', send: ENTER },
  ]);
  assertFinished(r);
  for (const asked of ['Service name', 'What kind of work', 'Run every how many minutes', 'Which hosts']) {
    assert.ok(!r.stream.includes(asked), `"${asked}" was answered by a flag (or does not apply), so it is not asked`);
  }
  assert.ok(r.screen.includes('? 45'), 'the iOS refresh offers the period given by flag');
  assert.ok(existsSync(join(dir, 'bg-services/notes-sync/notes-sync.bg.ts')));
  assertSameAsFlags(dir, dir, ['--name', 'notes-sync', '--kind', 'periodic', '--every-minutes', '45']);
  await assertDoctorClean(t, dir);
});

test('terminal: Ctrl-C at a question stops the run: exit 130, nothing written', () => {
  const dir = makeTauriApp();
  const before = snapshot(dir);
  const r = createOnTerminal([], dir, [
    { expect: 'Service name', send: `notes-sync${ENTER}` },
    { expect: 'What kind of work', send: CTRL_C },
  ]);
  assert.equal(r.timedOutAt, null, r.screen);
  assert.equal(r.exit, 130, r.screen);
  assert.match(r.screen, /cancelled: nothing was written/);
  assert.deepEqual(snapshot(dir), before);
});
