/**
 * Rules that involve more than one option (or a value's format beyond its
 * type): what each kind of service needs and rejects, Android and iOS
 * prerequisites, names and identifiers. They run on the part of the options
 * that passed the schema, so each rule can trust the types it reads.
 */
import { Code } from './codes.js';
import type { ServiceOptions } from './define.js';
import { nameProblem, unsafePathReason, type NameProblem } from './names.js';
import { nameForms } from './naming.js';
import type { CheckedOptions } from './options.js';
import { quote, type Reporter } from './report.js';
import { closest } from './suggest.js';
import { isReservedIdentifier } from '../escape/index.js';

type DeepPartial<T> = T extends readonly (infer E)[] ? DeepPartial<E>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type PartialOptions = DeepPartial<ServiceOptions>;

/** kebab-case, starting with a letter: it becomes file, crate, package and type names. */
export const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const SERVICE_NAME_MAX = 40;
/** Reverse-DNS as Apple bundle ids and Android application ids both accept it. */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)+$/;
/** Kotlin/Java package: dot-separated identifiers. */
const PACKAGE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Channel ids are free strings to Android; keep them to what reads well in code and `adb` output. */
const CHANNEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PLACEHOLDERS = ['filename', 'progress', 'metadata'];

/**
 * The checks of single values, pure so that create-bg-service validates its
 * answers with exactly the rules the reader applies to a declaration.
 */
export function serviceNameProblem(name: string): NameProblem | undefined {
  const unsafe = unsafePathReason(name);
  if (unsafe) {
    return { code: Code.unsafePath, message: `service name ${quote(name)} ${unsafe}`,
      hint: "the name becomes folder and file names (e.g. `tauri-plugin-<name>/`); use kebab-case like 'notes-sync'" };
  }
  if (!SERVICE_NAME.test(name)) {
    const suggestion = nameForms(name).kebab;
    return { code: Code.invalidName, message: `service name ${quote(name)} is not kebab-case`,
      hint: SERVICE_NAME.test(suggestion) ? `did you mean '${suggestion}'? (lower-case words joined by '-', starting with a letter)` : "use lower-case words joined by '-', starting with a letter, like 'notes-sync'" };
  }
  if (name.length > SERVICE_NAME_MAX) {
    return { code: Code.invalidName, message: `service name ${quote(name)} is ${name.length} characters long; the limit is ${SERVICE_NAME_MAX}`,
      hint: 'it prefixes crate, package, class and file names; choose a shorter one' };
  }
  return nameProblem('service', name);
}

export function identifierProblem(identifier: string): NameProblem | undefined {
  if (IDENTIFIER.test(identifier)) return undefined;
  return { code: Code.invalidIdentifier, message: `identifier ${quote(identifier)} is not a reverse-DNS name`,
    hint: "use at least two dot-separated parts of letters, digits and '-', each starting with a letter, like 'com.example.notes.sync'" };
}

export function channelProblem(channel: string): NameProblem | undefined {
  if (CHANNEL.test(channel)) return undefined;
  return { code: Code.invalidChannel, message: `notification channel id ${quote(channel)} is not valid`,
    hint: "use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, like 'sync'" };
}

export function checkRules(checked: CheckedOptions, report: Reporter): void {
  const o = checked.value as PartialOptions;
  const at = (path: string) => checked.anchor(path);
  const valueAt = (path: string) => checked.valueNode(path) ?? checked.anchor(path);

  // --- name and identifiers -------------------------------------------------
  if (typeof o.name === 'string') {
    const problem = serviceNameProblem(o.name);
    if (problem) report.at(valueAt('name'), problem.code, problem.message, problem.hint);
  }
  if (typeof o.identifier === 'string') {
    const problem = identifierProblem(o.identifier);
    if (problem) report.at(valueAt('identifier'), problem.code, problem.message, problem.hint);
  }
  const pkg = o.android?.package;
  if (typeof pkg === 'string') {
    const keyword = pkg.split('.').find((seg) => isReservedIdentifier('kotlin', seg));
    const bad = !PACKAGE.test(pkg) ? 'is not a dot-separated list of identifiers'
      : keyword !== undefined ? `uses the Kotlin keyword '${keyword}' as a segment`
      : undefined;
    if (bad) report.at(valueAt('android.package'), Code.invalidPackage, `Android package ${quote(pkg)} ${bad}`, "use lower-case identifiers joined by '.', like 'com.example.notes.sync'");
  }

  // --- what each kind needs ---------------------------------------------------
  const kind = o.kind;
  const fgsTypes = (o.android?.foregroundServiceType ?? []) as string[];
  if (kind === 'periodic' && o.schedule === undefined && checked.valueNode('schedule') === undefined) {
    report.at(valueAt('kind'), Code.requiredForKind, 'a periodic service needs `schedule`', 'add `schedule: { everyMinutes: 15 }` (15 is the shortest period Android allows)');
  }
  if (kind !== undefined && kind !== 'periodic' && checked.valueNode('schedule')) {
    report.at(at('schedule'), Code.notForKind, `\`schedule\` applies only to periodic services, and this one is ${kind}`, "remove it, or set `kind: 'periodic'`");
  }
  if (kind !== undefined && kind !== 'transfer' && checked.valueNode('transfer')) {
    report.at(at('transfer'), Code.notForKind, `\`transfer\` applies only to transfer services, and this one is ${kind}`, "remove it, or set `kind: 'transfer'`");
  }
  if (kind === 'continuous') {
    if (!checked.valueNode('android.foregroundServiceType')) {
      report.at(checked.valueNode('android') ? at('android') : valueAt('kind'), Code.requiredForKind, 'a continuous service needs `android.foregroundServiceType`',
        "Android 14+ refuses to start a foreground service without a type; add e.g. `foregroundServiceType: ['dataSync']`");
    }
    if (!checked.valueNode('android.notification')) {
      report.at(checked.valueNode('android') ? at('android') : valueAt('kind'), Code.requiredForKind, 'a continuous service needs `android.notification`',
        "a foreground service must show a notification; add `notification: { channel: 'sync', title: 'Syncing' }`");
    }
  } else if (kind !== undefined) {
    const fgsOnly: [string, string][] = [
      ['android.foregroundServiceType', kind === 'transfer' ? 'transfers run as user-initiated data transfer jobs (the pre-Android-14 fallback uses dataSync)' : 'periodic work runs as a JobScheduler job'],
      ['android.specialUseSubtype', 'it belongs to a specialUse foreground service'],
      ['android.onTimeout', 'it handles a foreground service timeout'],
      ['android.restartOnBoot', kind === 'periodic' ? 'periodic jobs are persisted across reboots anyway' : 'transfers resume through their task store'],
    ];
    if (kind === 'periodic') fgsOnly.push(['android.notification', 'a JobScheduler job shows no notification']);
    for (const [path, why] of fgsOnly) {
      if (checked.valueNode(path)) report.at(at(path), Code.notForKind, `\`${path}\` applies only to continuous services: ${why}`, 'remove it');
    }
  }

  // --- Android prerequisites ---------------------------------------------------
  const subtype = o.android?.specialUseSubtype;
  const specialIndex = fgsTypes.indexOf('specialUse');
  if (kind === 'continuous' && specialIndex !== -1 && subtype === undefined && !checked.valueNode('android.specialUseSubtype')) {
    report.at(valueAt(`android.foregroundServiceType[${specialIndex}]`), Code.specialUseSubtype, "foreground service type 'specialUse' needs `android.specialUseSubtype`",
      'Android and Google Play require the PROPERTY_SPECIAL_USE_FGS_SUBTYPE property describing the use; add `specialUseSubtype: \'…\'`');
  }
  if (kind === 'continuous' && subtype !== undefined && specialIndex === -1 && checked.valueNode('android.foregroundServiceType')) {
    report.at(at('android.specialUseSubtype'), Code.specialUseSubtype, "`android.specialUseSubtype` is set but 'specialUse' is not among the foreground service types",
      "add 'specialUse' to `foregroundServiceType`, or remove the subtype");
  }
  const channel = o.android?.notification?.channel;
  const channelIssue = typeof channel === 'string' ? channelProblem(channel) : undefined;
  if (channelIssue) report.at(valueAt('android.notification.channel'), channelIssue.code, channelIssue.message, channelIssue.hint);

  const perms = (o.permissions ?? []) as string[];
  const permNode = (p: string) => valueAt(`permissions[${perms.indexOf(p)}]`);
  const needsPermission: [string, string][] = [['location', 'location'], ['camera', 'camera'], ['microphone', 'microphone']];
  for (const [type, perm] of needsPermission) {
    const i = fgsTypes.indexOf(type);
    if (kind === 'continuous' && i !== -1 && !perms.includes(perm)) {
      report.at(valueAt(`android.foregroundServiceType[${i}]`), Code.missingPermission, `foreground service type '${type}' needs the '${perm}' permission`,
        `Android throws a SecurityException from startForeground unless the ${perm} runtime permission was granted; add '${perm}' to \`permissions\``);
    }
  }
  if (perms.includes('backgroundLocation') && !perms.includes('location')) {
    report.at(permNode('backgroundLocation'), Code.missingPermission, "permission 'backgroundLocation' needs 'location' too",
      'background location is granted only on top of foreground location; add \'location\' to `permissions`');
  }

  // --- iOS -----------------------------------------------------------------------
  const modes = (o.ios?.backgroundModes ?? []) as string[];
  if (modes.includes('location') && !perms.includes('location')) {
    report.at(valueAt(`ios.backgroundModes[${modes.indexOf('location')}]`), Code.missingPermission, "background mode 'location' needs the 'location' permission",
      "add 'location' to `permissions` (and its usage description)");
  }
  const usage = o.ios?.usageDescriptions ?? {};
  const usageNeeded: [string, keyof typeof usage, string][] = [
    ['location', 'location', 'NSLocationWhenInUseUsageDescription'],
    ['backgroundLocation', 'locationAlways', 'NSLocationAlwaysAndWhenInUseUsageDescription'],
    ['bluetooth', 'bluetooth', 'NSBluetoothAlwaysUsageDescription'],
    ['camera', 'camera', 'NSCameraUsageDescription'],
    ['microphone', 'microphone', 'NSMicrophoneUsageDescription'],
  ];
  for (const [perm, key, plistKey] of usageNeeded) {
    if (perms.includes(perm) && usage[key] === undefined && !checked.valueNode(`ios.usageDescriptions.${key}`)) {
      report.at(permNode(perm), Code.missingUsageDescription, `permission '${perm}' needs \`ios.usageDescriptions.${key}\``,
        `iOS terminates an app that asks for this permission without ${plistKey}; add a sentence saying why the service needs it`);
    }
  }
  const bluetoothMode = modes.findIndex((m) => m.startsWith('bluetooth-'));
  if (bluetoothMode !== -1 && usage.bluetooth === undefined && !perms.includes('bluetooth')) {
    report.at(valueAt(`ios.backgroundModes[${bluetoothMode}]`), Code.missingUsageDescription, `background mode '${modes[bluetoothMode]}' needs \`ios.usageDescriptions.bluetooth\``,
      'CoreBluetooth crashes without NSBluetoothAlwaysUsageDescription; add the bluetooth permission and its usage description');
  }

  // --- desktop ---------------------------------------------------------------------
  const hostList = (o.hosts ?? []) as string[];
  const desktop = o.desktop;
  if (desktop?.runtime === 'rust' && checked.valueNode('hosts') && hostList.length && !hostList.includes('tauri')) {
    report.at(valueAt('desktop.runtime'), Code.desktopHost, "desktop runtime 'rust' needs the 'tauri' host",
      "Rust service code is built into a Tauri app; with only Capacitor hosts use runtime 'node'");
  }
  if (desktop?.runtime === 'node' && desktop.mode === 'inProcess' && hostList.length && !hostList.includes('capacitor')) {
    report.at(valueAt('desktop.runtime'), Code.desktopHost, "desktop runtime 'node' in mode 'inProcess' needs the 'capacitor' host",
      "a Tauri app has no Node process to run in; use runtime 'rust', or mode 'osService'");
  }
  if (desktop?.mode === 'inProcess') {
    for (const key of ['autostart', 'keepAlive', 'outliveLogout'] as const) {
      if (desktop[key] === true)
        report.at(at(`desktop.${key}`), Code.desktopMode, `\`desktop.${key}\` needs \`mode: 'osService'\``,
          'an in-process service lives and dies with the app; only an OS service (systemd unit, launchd agent) can start, restart or outlive it');
    }
  }

  // --- transfer notification texts ------------------------------------------------------
  const notes = o.transfer?.notifications ?? {};
  for (const [state, note] of Object.entries(notes)) {
    for (const field of ['title', 'body'] as const) {
      const text = note?.[field];
      if (typeof text !== 'string') continue;
      for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
        const name = m[1] ?? '';
        if (PLACEHOLDERS.includes(name)) continue;
        const near = closest(name, PLACEHOLDERS);
        report.at(valueAt(`transfer.notifications.${state}.${field}`), Code.unknownPlaceholder, `unknown placeholder {${name}} in \`transfer.notifications.${state}.${field}\``,
          near ? `did you mean {${near}}?` : `available: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
      }
    }
  }
}
