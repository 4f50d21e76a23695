/**
 * Conflicts, as Yeoman has them (create / identical / conflict / skip / force,
 * a diff on request) but never a prompt, nor a crash, without a terminal:
 * there a conflict is exit 1 listing the files, with nothing written, until
 * --force or --skip-existing says what to do.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { makeTauriApp } from './create-apps.js';
import { create, createOnTerminal, ENTER, run, snapshot } from './create-harness.js';

const DECL = 'bg-services/notes-sync/notes-sync.bg.ts';
const TYPES = 'bg-services/notes-sync/ts/types.ts';
const FIRST = ['--yes', '--name', 'notes-sync'];
const CHANGED = [...FIRST, '--notification-title', 'Notes, syncing'];
/** Every answer by flag, so a terminal run asks only about conflicts. */
const ALL_ANSWERS = [
  '--name', 'notes-sync', '--kind', 'continuous', '--identifier', 'com.example.notes.notes-sync', '--fgs-types', 'dataSync',
  '--notification-title', 'Notes, syncing', '--notification-channel', 'notes-sync', '--permissions', 'notifications',
  '--ios-modes', 'none', '--ios-refresh-minutes', '15', '--desktop-runtime', 'rust', '--desktop-mode', 'inProcess',
];

function appWithService(): string {
  const dir = makeTauriApp();
  const r = create(FIRST, dir);
  assert.equal(r.code, 0, r.err);
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

function assertRefused(dir: string, args: string[], listed: RegExp): void {
  const before = snapshot(dir);
  const r = create(args, dir);
  assert.equal(r.code, 1, `${r.err}${r.out}`);
  assert.match(r.err, listed);
  assert.match(r.err, /Nothing was written: \d+ file\(s\) exist with other content\. Run again with --force to overwrite them, or --skip-existing to keep yours/);
  assert.deepEqual(snapshot(dir), before);
}

test('a changed answer meets the declaration written before', async (t) => {
  await t.test('without a terminal and without --force/--skip-existing: exit 1, the file listed, nothing written', () => {
    assertRefused(appWithService(), CHANGED, new RegExp(`conflict +${DECL} +exists with other content`));
  });

  await t.test('--skip-existing keeps the declaration and generates from it', () => {
    const dir = appWithService();
    const before = read(dir, DECL);
    const r = create([...CHANGED, '--skip-existing'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`skip +${DECL} +the declaration: kept yours, and generated from it`));
    assert.match(r.out, /Nothing to change: 0 created, 0 changed, 0 deleted, \d+ identical, 1 skipped/);
    assert.equal(read(dir, DECL), before);
    assert.equal(run('bg-service', ['generate', '--check'], dir).code, 0);
  });

  await t.test('--force overwrites it and regenerates what it changes', () => {
    const dir = appWithService();
    const r = create([...CHANGED, '--force'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`force +${DECL} +the declaration: overwritten`));
    assert.match(r.out, /update +bg-services\/notes-sync\/tauri\/android\/.*Notifications\.kt +generated/);
    assert.match(read(dir, DECL), /title: 'Notes, syncing'/);
    assert.equal(run('bg-service', ['generate', '--check'], dir).code, 0);
    assert.match(create(CHANGED, dir).out, /Nothing to change/);
  });
});

test('a generated file edited by hand is a conflict of the generation', async (t) => {
  const edited = (dir: string) => {
    writeFileSync(join(dir, TYPES), read(dir, TYPES).replace('export interface', '// mine\nexport interface'));
    return read(dir, TYPES);
  };
  await t.test('without a terminal: exit 1 naming the file and why, nothing written', () => {
    const dir = appWithService();
    edited(dir);
    assertRefused(dir, FIRST, new RegExp(`conflict +${TYPES} +edited by hand since it was generated`));
  });
  await t.test('--skip-existing keeps the edit and says generate will keep reporting it', () => {
    const dir = appWithService();
    const mine = edited(dir);
    const r = create([...FIRST, '--skip-existing'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`skip +${TYPES} +kept yours \\(edited by hand since it was generated\\); \`bg-service generate\` reports it`));
    assert.equal(read(dir, TYPES), mine);
  });
  await t.test('--force writes the generated content back', () => {
    const dir = appWithService();
    edited(dir);
    const r = create([...FIRST, '--force'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`force +${TYPES} +overwritten \\(edited by hand since it was generated\\)`));
    assert.doesNotMatch(read(dir, TYPES), /\/\/ mine/);
    assert.equal(run('bg-service', ['generate', '--check'], dir).code, 0);
  });
});

test('a file of the user where a generated file goes: exit 1, and not even the declaration is written', () => {
  const dir = makeTauriApp();
  mkdirSync(dirname(join(dir, TYPES)), { recursive: true });
  writeFileSync(join(dir, TYPES), 'export type Mine = string;\n');
  assertRefused(dir, FIRST, new RegExp(`conflict +${TYPES} +exists and was not generated by bg-service`));
});

test('terminal: a conflict is asked about; "d" shows the diff, "y" overwrites', () => {
  const dir = appWithService();
  const r = createOnTerminal(ALL_ANSWERS, dir, [
    { expect: `Conflict: ${DECL} \\(exists with other content\\)\\. Overwrite it\\?`, send: `d${ENTER}` },
    { expect: "\\+ {4}notification: \\{ channel: 'notes-sync', title: 'Notes, syncing' \\},", send: `y${ENTER}` },
  ]);
  assert.equal(r.timedOutAt, null, r.screen);
  assert.equal(r.exit, 0, r.screen);
  assert.ok(r.screen.includes("-    notification: { channel: 'notes-sync', title: 'Notes sync' },"), 'the diff shows the old line');
  assert.match(r.screen, new RegExp(`force +${DECL} +the declaration: overwritten`));
  assert.match(read(dir, DECL), /title: 'Notes, syncing'/);
});

test('terminal: "x" at a conflict stops the run: exit 130, nothing written', () => {
  const dir = appWithService();
  const before = snapshot(dir);
  const r = createOnTerminal(ALL_ANSWERS, dir, [{ expect: 'Overwrite it\\?', send: `x${ENTER}` }]);
  assert.equal(r.timedOutAt, null, r.screen);
  assert.equal(r.exit, 130, r.screen);
  assert.match(r.screen, /stopped at a conflict: nothing was written/);
  assert.deepEqual(snapshot(dir), before);
});
