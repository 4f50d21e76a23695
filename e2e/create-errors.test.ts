/**
 * Without a terminal create-bg-service never asks. Every invalid flag value
 * and every missing answer is exit 2 with a message that names the flag and
 * lists the valid values, and nothing is written. The cases are checked
 * against the question table, so a question added without its error case
 * fails here. Plus the usage errors (unknown flag with "did you mean",
 * contradictions) and the folders it refuses.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { questions } from '../create/questions.js';
import type { Question } from '../create/types.js';
import { validText } from '../create/values.js';
import { makeCapacitorApp, makeTauriApp, tempDir } from './create-apps.js';
import { createAsync, snapshot } from './create-harness.js';

type Where = 'empty' | 'new' | 'tauri' | 'capacitor';

interface ErrorCase {
  /**
   * invalid: a wrong value · missing: no answer and no default · not-applicable:
   * a flag for a question that does not apply · usage/folder: the rest.
   */
  kind: 'invalid' | 'missing' | 'not-applicable' | 'usage' | 'folder';
  /** The question's flag the case is about (invalid and missing cases). */
  flag?: string;
  where: Where;
  args: string[];
  /** What the message must say besides the flag and its valid values. */
  says: RegExp;
  /** Prepare the folder further (folder cases). */
  setup?(dir: string): void;
}

/** A standalone module's required answer, so other problems stand alone. */
const ID = ['--identifier', 'com.example.svc'];

const cases: ErrorCase[] = [
  // --- one invalid value per question ---------------------------------------------
  { kind: 'invalid', flag: 'name', where: 'empty', args: ['--name', 'Notes_Sync', ...ID], says: /'Notes_Sync' is not kebab-case: did you mean 'notes-sync'\?/ },
  { kind: 'invalid', flag: 'name', where: 'tauri', args: ['--name', 'class'], says: /'class' is a reserved word/ },
  { kind: 'invalid', flag: 'kind', where: 'empty', args: ['--kind', 'contineous', ...ID], says: /'contineous' is not a valid value; did you mean 'continuous'\?/ },
  { kind: 'invalid', flag: 'hosts', where: 'empty', args: ['--hosts', 'tauri,electron', ...ID], says: /'electron' is not a valid value/ },
  { kind: 'invalid', flag: 'hosts', where: 'empty', args: ['--hosts', 'none', ...ID], says: /'none' is not allowed: give at least one value/ },
  { kind: 'invalid', flag: 'identifier', where: 'empty', args: ['--identifier', 'notes'], says: /identifier 'notes' is not a reverse-DNS name/ },
  { kind: 'invalid', flag: 'every-minutes', where: 'empty', args: ['--kind', 'periodic', '--every-minutes', '5', ...ID], says: /must be at least 15, not 5: Android's JobScheduler/ },
  { kind: 'invalid', flag: 'every-minutes', where: 'empty', args: ['--kind', 'periodic', '--every-minutes', 'hourly', ...ID], says: /'hourly' is not a whole number/ },
  { kind: 'invalid', flag: 'fgs-types', where: 'tauri', args: ['--name', 'svc', '--fgs-types', 'datasync'], says: /'datasync' is not a valid value; did you mean 'dataSync'\?/ },
  { kind: 'invalid', flag: 'special-use-subtype', where: 'tauri', args: ['--name', 'svc', '--fgs-types', 'specialUse', '--special-use-subtype', '  '], says: /must not be empty/ },
  { kind: 'invalid', flag: 'notification-title', where: 'tauri', args: ['--name', 'svc', '--notification-title='], says: /must not be empty/ },
  { kind: 'invalid', flag: 'notification-channel', where: 'tauri', args: ['--name', 'svc', '--notification-channel', 'my channel'], says: /notification channel id 'my channel' is not valid/ },
  { kind: 'invalid', flag: 'permissions', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'notification'], says: /'notification' is not a valid value; did you mean 'notifications'\?/ },
  { kind: 'invalid', flag: 'permissions', where: 'capacitor', args: ['--name', 'svc', '--fgs-types', 'location', '--permissions', 'notifications', '--usage-location', 'x'], says: /foreground-service type 'location' needs the 'location' permission/ },
  { kind: 'invalid', flag: 'permissions', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'backgroundLocation', '--usage-location-always', 'x'], says: /'backgroundLocation' needs 'location' too/ },
  { kind: 'invalid', flag: 'ios-modes', where: 'capacitor', args: ['--name', 'svc', '--ios-modes', 'fetch'], says: /'fetch' is not a valid value/ },
  { kind: 'invalid', flag: 'ios-modes', where: 'capacitor', args: ['--name', 'svc', '--ios-modes', 'location'], says: /background mode 'location' needs the 'location' permission/ },
  { kind: 'invalid', flag: 'usage-location', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'location', '--usage-location='], says: /must not be empty/ },
  { kind: 'invalid', flag: 'usage-location-always', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'location,backgroundLocation', '--usage-location', 'x', '--usage-location-always', ' '], says: /must not be empty/ },
  { kind: 'invalid', flag: 'usage-bluetooth', where: 'capacitor', args: ['--name', 'svc', '--ios-modes', 'bluetooth-central', '--usage-bluetooth='], says: /must not be empty/ },
  { kind: 'invalid', flag: 'usage-camera', where: 'capacitor', args: ['--name', 'svc', '--fgs-types', 'camera', '--permissions', 'camera', '--usage-camera='], says: /must not be empty/ },
  { kind: 'invalid', flag: 'usage-microphone', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'microphone', '--usage-microphone='], says: /must not be empty/ },
  { kind: 'invalid', flag: 'ios-refresh-minutes', where: 'tauri', args: ['--name', 'svc', '--ios-refresh-minutes', '10'], says: /must be at least 15, not 10/ },
  { kind: 'invalid', flag: 'ios-processing', where: 'empty', args: ['--kind', 'periodic', '--ios-processing=yes', ...ID], says: /--ios-processing takes no value/ },
  { kind: 'invalid', flag: 'desktop-runtime', where: 'empty', args: ['--desktop-runtime', 'deno', ...ID], says: /'deno' is not a valid value/ },
  { kind: 'invalid', flag: 'desktop-runtime', where: 'capacitor', args: ['--name', 'svc', '--desktop-runtime', 'rust'], says: /runtime 'rust' needs the 'tauri' host/ },
  { kind: 'invalid', flag: 'desktop-mode', where: 'empty', args: ['--desktop-mode', 'background', ...ID], says: /'background' is not a valid value/ },
  { kind: 'invalid', flag: 'desktop-mode', where: 'tauri', args: ['--name', 'svc', '--desktop-runtime', 'node', '--desktop-mode', 'inProcess'], says: /runtime 'node' in mode 'inProcess' needs the 'capacitor' host/ },
  { kind: 'invalid', flag: 'autostart', where: 'tauri', args: ['--name', 'svc', '--desktop-mode', 'osService', '--autostart=true'], says: /--autostart takes no value/ },
  // A flag for a question that does not apply is refused, not ignored.
  { kind: 'not-applicable', flag: 'every-minutes', where: 'tauri', args: ['--name', 'svc', '--every-minutes', '30'], says: /--every-minutes: applies only when kind is periodic; remove it/ },
  { kind: 'not-applicable', flag: 'hosts', where: 'tauri', args: ['--name', 'svc', '--hosts', 'tauri'], says: /--hosts: applies only when a standalone module/ },
  { kind: 'not-applicable', flag: 'autostart', where: 'tauri', args: ['--name', 'svc', '--autostart'], says: /--autostart: applies only when desktop-mode is osService/ },
  { kind: 'not-applicable', flag: 'usage-camera', where: 'capacitor', args: ['--name', 'svc', '--usage-camera', 'x'], says: /--usage-camera: applies only when permissions include camera/ },

  // --- every answer that can be missing ------------------------------------------------
  { kind: 'missing', flag: 'name', where: 'tauri', args: [], says: /--name: missing \(the service name; no default here\)/ },
  { kind: 'missing', flag: 'identifier', where: 'empty', args: [], says: /--identifier: missing \(the service identifier; no default here\)/ },
  { kind: 'missing', flag: 'special-use-subtype', where: 'tauri', args: ['--name', 'svc', '--fgs-types', 'specialUse'], says: /--special-use-subtype: missing/ },
  { kind: 'missing', flag: 'usage-location', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'location'], says: /--usage-location: missing/ },
  { kind: 'missing', flag: 'usage-location-always', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'location,backgroundLocation', '--usage-location', 'x'], says: /--usage-location-always: missing/ },
  { kind: 'missing', flag: 'usage-bluetooth', where: 'capacitor', args: ['--name', 'svc', '--ios-modes', 'bluetooth-peripheral'], says: /--usage-bluetooth: missing/ },
  { kind: 'missing', flag: 'usage-camera', where: 'capacitor', args: ['--name', 'svc', '--permissions', 'camera'], says: /--usage-camera: missing/ },
  { kind: 'missing', flag: 'usage-microphone', where: 'capacitor', args: ['--name', 'svc', '--fgs-types', 'microphone', '--permissions', 'microphone'], says: /--usage-microphone: missing/ },

  // --- usage ------------------------------------------------------------------------------
  { kind: 'usage', where: 'empty', args: ['--knd', 'periodic'], says: /unknown option --knd; did you mean --kind\?/ },
  { kind: 'usage', where: 'empty', args: ['--force', '--skip-existing'], says: /--force and --skip-existing cannot be combined/ },
  { kind: 'usage', where: 'tauri', args: ['--name', 'a', '--name', 'b'], says: /--name is given 2 times; give it once/ },
  { kind: 'usage', where: 'tauri', args: ['--autostart', '--no-autostart'], says: /--autostart and --no-autostart contradict each other/ },
  { kind: 'usage', where: 'empty', args: ['one', 'two'], says: /one folder at most, not 2/ },
  { kind: 'usage', where: 'tauri', args: ['--kind'], says: /--kind needs a value; valid: one of continuous, periodic, transfer/ },

  // --- folders it refuses ---------------------------------------------------------------------
  {
    kind: 'folder',
    where: 'empty',
    args: ['--yes', ...ID],
    setup: (d) => writeFileSync(join(d, 'README.md'), '# mine\n'),
    says: /\. is not empty \(README\.md\) and is neither a Tauri v2 app, a Capacitor app nor a bg-service module;.*--force/,
  },
  {
    kind: 'folder',
    where: 'empty',
    args: ['--yes', '--name', 'svc'],
    setup: (d) => {
      mkdirSync(join(d, 'src-tauri'));
      writeFileSync(join(d, 'src-tauri/tauri.conf.json'), '{ "package": { "productName": "old" }, "tauri": { "bundle": { "identifier": "com.example.old" } } }\n');
    },
    says: /is a Tauri 1 app \(src-tauri\/tauri\.conf\.json has the v1 layout\); bg-service supports Tauri 2/,
  },
  {
    kind: 'folder',
    where: 'tauri',
    args: ['src-tauri/services', '--yes', ...ID],
    says: /src-tauri\/services is inside the Tauri app at \.: to add a service to that app, run create-bg-service in \./,
  },
  {
    kind: 'folder',
    where: 'empty',
    args: ['notes.txt', '--yes', ...ID],
    setup: (d) => writeFileSync(join(d, 'notes.txt'), 'x\n'),
    says: /notes\.txt exists and is not a folder/,
  },
  {
    kind: 'folder',
    where: 'empty',
    args: ['--yes', '--name', 'other', ...ID],
    setup: (d) => writeFileSync(join(d, 'first.bg.ts'), "import { defineService } from 'create-bg-service';\n"),
    says: /this folder is the standalone module of 'first', and a module holds one service/,
  },
];

function folder(where: Where): string {
  switch (where) {
    case 'tauri':
      return makeTauriApp();
    case 'capacitor':
      return makeCapacitorApp();
    default: {
      // A folder whose name is a valid service name, so the name has its default.
      const dir = join(tempDir(where), 'svc');
      mkdirSync(dir);
      return dir;
    }
  }
}

const byFlag = (flag: string): Question => {
  const q = questions.find((x) => x.flag === flag);
  if (!q) throw new Error(`no question with flag --${flag}`);
  return q;
};

test('every question has an invalid-value case, and every answer that can be missing a missing case', () => {
  const invalid = new Set(cases.filter((c) => c.kind === 'invalid').map((c) => c.flag));
  assert.deepEqual(questions.filter((q) => !invalid.has(q.flag)).map((q) => q.flag), []);
  // Required somewhere: no default at all, or a default that depends on the folder (name in an app, identifier in a module).
  const canBeMissing = questions.filter((q) => !q.default || q.id === 'name' || q.id === 'identifier').map((q) => q.flag);
  const missing = new Set(cases.filter((c) => c.kind === 'missing').map((c) => c.flag));
  assert.deepEqual(canBeMissing.filter((f) => !missing.has(f)), []);
});

test('without a terminal: every error is exit 2, names the flag, lists the valid values, and writes nothing', { concurrency: 4 }, async (t) => {
  await Promise.all(
    cases.map((c) =>
      t.test(`${c.kind}: ${c.args.join(' ') || '(no flags)'}${c.setup ? ' (prepared folder)' : ''}`, async () => {
        const dir = folder(c.where);
        c.setup?.(dir);
        const before = snapshot(dir);
        const r = await createAsync(c.args, dir);
        assert.equal(r.code, 2, `exit ${r.code}\n${r.err}${r.out}`);
        assert.match(r.err, c.says);
        assert.ok(!c.flag || r.err.includes(`--${c.flag}`), 'names the flag');
        if (c.flag && (c.kind === 'invalid' || c.kind === 'missing')) {
          const q = byFlag(c.flag);
          // The valid values: every choice, or the format of a free answer.
          const valid = q.choices ? q.choices.map((x) => x.value) : [validText(q)];
          for (const v of valid) assert.ok(r.err.includes(v), `lists ${v}:\n${r.err}`);
        }
        assert.doesNotMatch(r.out, /create|Done/, 'no summary: nothing was done');
        assert.deepEqual(snapshot(dir), before, 'nothing written');
      }),
    ),
  );
});

test('without a terminal and without --yes, it never waits for input: defaults fill the rest', async () => {
  const dir = makeTauriApp();
  const r = await createAsync(['--name', 'quiet-sync'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /create +bg-services\/quiet-sync\/quiet-sync\.bg\.ts/);
});
