/**
 * Whatever the questions accept, the reader accepts: answers resolved by the
 * real resolver (a scripted user answering on its "terminal") for every kind,
 * every foreground-service type, every permission and background mode, every
 * desktop runtime and mode, in a Tauri app, a Capacitor app and a standalone
 * module, rendered and read back by the real reader. Free-text answers are
 * hostile (quotes, `${…}`, comment closers, backslashes, newlines, bidi and
 * astral characters) and must come back exactly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDeclarations } from '../declaration/reader.js';
import { checkAnswer, resolveAnswers, type Asker } from './answers.js';
import { renderDeclaration } from './declaration.js';
import { questions } from './questions.js';
import type { Answers, AnswerValue, Given, TargetInfo } from './types.js';

const HOSTILE = 'Syncs "notes" — ${x} */ /* \\ `tick` \n next line \u202e rtl 🚀 \'quote\'';

const TARGETS: Record<string, TargetInfo> = {
  tauri: { kind: 'tauri', appId: 'com.example.notes', folderName: 'notes' },
  capacitor: { kind: 'capacitor', appId: 'com.example.field', folderName: 'field' },
  standalone: { kind: 'standalone', folderName: 'module' },
};

/** A user who answers `wanted` where given, else takes the offered default, else types hostile text. */
function scriptedUser(wanted: Given): Asker {
  return {
    async ask(q, a, t) {
      const preset = q.default?.value(a, t);
      const value: AnswerValue | undefined = (wanted[q.id] as AnswerValue | undefined) ?? preset ?? (q.type === 'input' ? HOSTILE : undefined);
      if (value === undefined) throw new Error(`no answer for ${q.id}`);
      const problem = checkAnswer(q, value, a, t);
      if (problem) throw new Error(`the script answers ${q.id} with ${JSON.stringify(value)}, which is refused: ${problem}`);
      return value;
    },
  };
}

const choices = (id: keyof Answers): string[] => questions.find((q) => q.id === id)!.choices!.map((c) => c.value);

/** Answers that need each other, so every value of every list is reached at least once. */
function combinations(): { where: keyof typeof TARGETS; wanted: Given }[] {
  const out: { where: keyof typeof TARGETS; wanted: Given }[] = [];
  for (const where of Object.keys(TARGETS)) {
    for (const type of choices('fgsTypes')) {
      const perms = ['location', 'camera', 'microphone'].includes(type) ? ['notifications', type] : ['notifications'];
      out.push({ where, wanted: { kind: 'continuous', fgsTypes: [type], permissions: perms } as Given });
    }
    out.push({ where, wanted: { kind: 'periodic', everyMinutes: 90, iosRefreshMinutes: 120, iosProcessing: true } });
    out.push({ where, wanted: { kind: 'transfer' } });
    out.push({ where, wanted: { kind: 'continuous', permissions: choices('permissions'), iosModes: choices('iosModes') } as Given });
  }
  for (const hosts of [['tauri'], ['capacitor'], ['tauri', 'capacitor']]) {
    for (const desktopRuntime of ['rust', 'node']) {
      for (const desktopMode of ['inProcess', 'osService']) {
        if (desktopRuntime === 'rust' && !hosts.includes('tauri')) continue;
        if (desktopRuntime === 'node' && desktopMode === 'inProcess' && !hosts.includes('capacitor')) continue;
        out.push({ where: 'standalone', wanted: { hosts, desktopRuntime, desktopMode, autostart: desktopMode === 'osService' } as Given });
      }
    }
  }
  return out;
}

test('every combination of answers the questions accept is a declaration the reader accepts, hostile text intact', async () => {
  const combos = combinations();
  const sources = new Map<string, string>();
  const answersByFile = new Map<string, Given>();
  for (const [i, { where, wanted }] of combos.entries()) {
    const name = `combo-${i}`;
    const given = new Map<keyof Answers, string | boolean>([['name', name]]);
    if (where === 'standalone') given.set('identifier', `com.example.combo${i}`);
    const answers = await resolveAnswers(given, TARGETS[where]!, scriptedUser(wanted));
    const file = `/virtual/${where}/${name}.bg.ts`;
    sources.set(file, renderDeclaration(answers));
    answersByFile.set(file, answers);
  }
  const read = await readDeclarations([...sources.keys()], { sources });
  assert.ok(read.ok, `rejected:\n${!read.ok && read.diagnostics.map((d) => `${d.loc.file}:${d.loc.line}: ${d.message}\n${sources.get(d.loc.file)}`).join('\n')}`);
  for (const model of read.models) {
    const a = answersByFile.get(model.sourceFile)!;
    assert.equal(model.kind, a.kind);
    assert.deepEqual(model.hosts, a.hosts);
    assert.deepEqual(model.permissions, a.permissions ?? []);
    assert.deepEqual(model.ios.backgroundModes, a.iosModes ?? []);
    assert.deepEqual([model.desktop.runtime, model.desktop.mode, model.desktop.autostart], [a.desktopRuntime, a.desktopMode, a.autostart ?? false]);
    if (a.kind === 'continuous') assert.deepEqual(model.android.foregroundServiceTypes, a.fgsTypes);
    if (a.specialUseSubtype !== undefined) assert.equal(model.android.specialUseSubtype, HOSTILE);
    for (const key of ['location', 'locationAlways', 'bluetooth', 'camera', 'microphone'] as const) {
      const answered = a[`usage${key.charAt(0).toUpperCase()}${key.slice(1)}` as keyof Given];
      assert.equal(model.ios.usageDescriptions[key], answered, key);
    }
    // Left out at its default (15 minutes, which the iOS target uses when none is set).
    if (a.iosRefreshMinutes !== undefined) assert.equal(model.ios.refresh?.everyMinutes ?? 15, a.iosRefreshMinutes);
  }
  assert.ok(read.models.length === combos.length && combos.length > 50);
});

test('hostile notification text survives the round trip exactly', async () => {
  const answers = await resolveAnswers(new Map([['name', 'hostile-text']]), TARGETS.tauri!, scriptedUser({ notificationTitle: HOSTILE }));
  const file = '/virtual/hostile-text.bg.ts';
  const read = await readDeclarations([file], { sources: new Map([[file, renderDeclaration(answers)]]) });
  assert.ok(read.ok);
  assert.equal(read.models[0]!.android.notification?.title, HOSTILE);
});
