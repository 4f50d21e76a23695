/**
 * The answers as a declaration: readable TypeScript in the style of
 * examples/notes-sync, with one example event to show the shape. Every
 * answer that reaches the file goes through `tsString`, so no text can break
 * out of its literal. Options at their reader default are left out, so the
 * file says only what was chosen.
 */
import { nameForms } from '../declaration/naming.js';
import { tsString } from '../escape/index.js';
import type { Given } from './types.js';

/** `['a', 'b']` */
const list = (values: readonly string[]): string => `[${values.map((v) => tsString(v)).join(', ')}]`;

const present = (entries: [string, string | undefined][]): [string, string][] =>
  entries.filter((e): e is [string, string] => e[1] !== undefined);

/** `{ a: 1, b: 'x' }` on one line, or undefined when every entry is undefined. */
function inline(entries: [string, string | undefined][]): string | undefined {
  const given = present(entries);
  return given.length ? `{ ${given.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : undefined;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`create-bg-service: no answer for ${what}`);
  return value;
}

function androidBlock(a: Given): string | undefined {
  if (a.kind !== 'continuous') return undefined;
  const lines = [`    foregroundServiceType: ${list(need(a.fgsTypes, 'fgsTypes'))},`];
  if (a.specialUseSubtype !== undefined) lines.push(`    specialUseSubtype: ${tsString(a.specialUseSubtype)},`);
  lines.push(
    `    notification: ${inline([
      ['channel', tsString(need(a.notificationChannel, 'notificationChannel'))],
      ['title', tsString(need(a.notificationTitle, 'notificationTitle'))],
    ])},`,
  );
  return `  android: {\n${lines.join('\n')}\n  },`;
}

function iosBlock(a: Given): string | undefined {
  // A periodic service refreshes at its period, and 15 minutes is the floor
  // otherwise (declaration/defaults.ts): only another interval is written.
  const defaultRefresh = a.kind === 'periodic' ? a.everyMinutes : 15;
  const refresh = a.iosRefreshMinutes !== undefined && a.iosRefreshMinutes !== defaultRefresh ? `{ everyMinutes: ${a.iosRefreshMinutes} }` : undefined;
  const entries: [string, string | undefined][] = [
    ['refresh', refresh],
    ['processing', a.iosProcessing ? 'true' : undefined],
    ['backgroundModes', a.iosModes?.length ? list(a.iosModes) : undefined],
  ];
  const usage = present([
    ['location', a.usageLocation],
    ['locationAlways', a.usageLocationAlways],
    ['bluetooth', a.usageBluetooth],
    ['camera', a.usageCamera],
    ['microphone', a.usageMicrophone],
  ]);
  if (!usage.length) {
    const one = inline(entries);
    return one && `  ios: ${one},`;
  }
  // Usage strings are sentences: one per line reads better.
  const lines = present(entries).map(([k, v]) => `    ${k}: ${v},`);
  lines.push('    usageDescriptions: {', ...usage.map(([k, v]) => `      ${k}: ${tsString(v)},`), '    },');
  return `  ios: {\n${lines.join('\n')}\n  },`;
}

export function renderDeclaration(a: Given): string {
  const name = need(a.name, 'name');
  const pascal = nameForms(name).pascal;
  const desktop = inline([
    ['runtime', tsString(need(a.desktopRuntime, 'desktopRuntime'))],
    ['mode', tsString(need(a.desktopMode, 'desktopMode'))],
    ['autostart', a.autostart ? 'true' : undefined],
  ]);
  const options = [
    `  name: ${tsString(name)},`,
    `  identifier: ${tsString(need(a.identifier, 'identifier'))},`,
    `  kind: ${tsString(need(a.kind, 'kind'))},`,
    `  hosts: ${list(need(a.hosts, 'hosts'))},`,
    androidBlock(a),
    a.kind === 'periodic' ? `  schedule: { everyMinutes: ${need(a.everyMinutes, 'everyMinutes')} },` : undefined,
    iosBlock(a),
    `  desktop: ${desktop},`,
    a.permissions?.length ? `  permissions: ${list(a.permissions)},` : undefined,
  ].filter((l) => l !== undefined);

  return `// ${name}.bg.ts: the declaration of the "${name}" background service.
// \`bg-service generate\` reads this file (it never runs it) and regenerates the
// native modules when it changes. It is yours: add events and commands, change
// any option, then run \`npx bg-service generate\`.
import { defineService, type Integer } from 'create-bg-service';

/** What the service tells the app. Plain data only. */
export interface ${pascal}Events {
  /** An example event: how far the current run got. */
  progress: { done: Integer; total: Integer };
}

/**
 * What the app can ask the running service: methods with at most one
 * parameter, e.g. \`syncNow(input: { folder: string }): { synced: Integer };\`
 */
export interface ${pascal}Commands {}

export default defineService<${pascal}Events, ${pascal}Commands>({
${options.join('\n')}
});
`;
}
