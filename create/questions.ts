/**
 * Every question create-bg-service asks, declared once: the prompt, the flag
 * that answers it, the valid values, the default, when it applies and how an
 * answer is checked. Prompts, flag parsing, `--help`, the README table and the
 * errors all read this table.
 *
 * Valid values and limits come from the reader's own schema and rules
 * (declaration/schema.ts, declaration/rules.ts), so an answer accepted here is
 * a declaration the reader accepts; the cross-answer checks mirror the
 * reader's cross-option rules, and the final read-back proves it.
 */
import type { DesktopOptions, ForegroundServiceType, Host, IosBackgroundMode, ServiceKind, ServicePermission } from '../declaration/define.js';
import { channelProblem, identifierProblem, serviceNameProblem } from '../declaration/rules.js';
import { serviceOptionsSpec, type Spec } from '../declaration/schema.js';
import type { Answers, Choice, Condition, Given, Question, QuestionId, QuestionSpec, TargetInfo } from './types.js';

/** The schema node at a dotted path of the options (`ios.backgroundModes`). */
function specAt(path: string): Spec {
  let s: Spec = serviceOptionsSpec;
  for (const key of path.split('.')) {
    // `refresh: boolean | { everyMinutes }`: the object alternative holds the key.
    const obj: Spec | undefined = s.type === 'oneOf' ? s.options.find((o) => o.type === 'object') : s;
    const field = obj?.type === 'object' ? obj.fields[key] : undefined;
    if (!field) throw new Error(`create-bg-service: no option ${path} in the schema`);
    s = field.spec.type === 'array' ? field.spec.of : field.spec;
  }
  return s;
}

/**
 * The schema's values for an enum option, each with its description. The
 * record type makes the compiler demand a description for every member.
 */
function choicesOf<T extends string>(path: string, descriptions: Record<T, string>): readonly Choice[] {
  const s = specAt(path);
  if (s.type !== 'enum') throw new Error(`create-bg-service: option ${path} is not an enum`);
  return s.values.map((value) => ({ value, description: descriptions[value as T] }));
}

/** The schema's lower bound of a number option, with its reason. */
function minOf(path: string): { value: number; reason?: string } {
  const s = specAt(path);
  if (s.type !== 'number' || s.min === undefined) throw new Error(`create-bg-service: option ${path} has no minimum`);
  return s.reason === undefined ? { value: s.min } : { value: s.min, reason: s.reason };
}

const problemText = (p: { message: string; hint?: string } | undefined): string | undefined =>
  p && (p.hint ? `${p.message}: ${p.hint}` : p.message);

const nonEmpty = (v: string): string | undefined => (v.trim() === '' ? 'must not be empty' : undefined);

const is = <K extends QuestionId>(id: K, value: Answers[K], text: string): Condition => ({ test: (a) => a[id] === value, text });
const has = (list: readonly string[] | undefined, v: string): boolean => list?.includes(v) === true;

/** `notes-sync` → `Notes sync`: a readable default for user-visible text. */
export function sentenceOf(name: string): string {
  const text = name.split('-').join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Typed entry: checks the spec against its answer's value type, then widens it for the table. */
const q = <K extends QuestionId>(spec: QuestionSpec<K>): Question => spec as unknown as Question;

/** Permissions the foreground-service types need (the reader's BG126 rule). */
const FGS_PERMISSIONS: readonly [ForegroundServiceType, ServicePermission][] = [
  ['location', 'location'],
  ['camera', 'camera'],
  ['microphone', 'microphone'],
];

/** iOS usage descriptions: the permission or background mode that needs each (the reader's BG127 rule). */
const usage = (
  id: 'usageLocation' | 'usageLocationAlways' | 'usageBluetooth' | 'usageCamera' | 'usageMicrophone',
  flag: string,
  plistKey: string,
  what: string,
  when: Condition,
): Question =>
  q({
    id,
    flag,
    type: 'input',
    message: `iOS: why the service uses ${what} (${plistKey}, shown to the user)`,
    help: `the ${plistKey} text`,
    format: 'a sentence shown to the user',
    when,
    uses: ['permissions', 'iosModes'],
    validate: nonEmpty,
  });

const PERMISSIONS = choicesOf<ServicePermission>('permissions', {
  notifications: 'show notifications (POST_NOTIFICATIONS on Android 13+)',
  location: 'location while in use',
  backgroundLocation: 'location in the background (needs location)',
  bluetooth: 'Bluetooth',
  camera: 'the camera',
  microphone: 'the microphone',
  exactAlarm: 'exact alarms (SCHEDULE_EXACT_ALARM)',
});

export const questions: readonly Question[] = [
  q({
    id: 'name',
    flag: 'name',
    type: 'input',
    message: 'Service name (kebab-case; every type and file name derives from it)',
    help: 'the service name',
    format: "kebab-case: lower-case words joined by '-', starting with a letter, at most 40 characters (e.g. notes-sync)",
    default: {
      value: (_a, t) =>
        t.moduleService ?? (t.kind === 'standalone' && !serviceNameProblem(t.folderName) ? t.folderName : undefined),
      text: "a standalone module's folder name (if valid) or its existing service; required in an app",
    },
    validate: (v) => problemText(serviceNameProblem(v)),
    check: (v, _a, t) =>
      t.moduleService !== undefined && v !== t.moduleService
        ? `this folder is the standalone module of '${t.moduleService}', and a module holds one service: create '${v}' in a folder of its own`
        : undefined,
  }),
  q({
    id: 'kind',
    flag: 'kind',
    type: 'select',
    message: 'What kind of work?',
    help: 'the kind of service',
    choices: choicesOf<ServiceKind>('kind', {
      continuous: 'long-lived: an Android foreground service with a notification, iOS background windows, a desktop runner',
      periodic: 'scheduled every N minutes: Android JobScheduler, iOS BGAppRefreshTask',
      transfer: 'background downloads and uploads with progress, retries, pause/resume',
    }),
    default: { value: () => 'continuous', text: 'continuous' },
  }),
  q({
    id: 'hosts',
    flag: 'hosts',
    type: 'checkbox',
    message: 'Which hosts should the module support?',
    help: 'the host frameworks of a standalone module',
    choices: choicesOf<Host>('hosts', {
      tauri: 'a Tauri v2 plugin (Rust, Kotlin, Swift)',
      capacitor: 'a Capacitor plugin (Kotlin, Swift, TypeScript)',
    }),
    when: { test: (_a, t) => t.kind === 'standalone', text: 'a standalone module' },
    otherwise: { value: (_a, t) => (t.kind === 'standalone' ? undefined : [t.kind]), text: "the app's own host" },
    default: { value: () => ['tauri', 'capacitor'], text: 'tauri,capacitor' },
  }),
  q({
    id: 'identifier',
    flag: 'identifier',
    type: 'input',
    message: 'Reverse-DNS identifier of the service (BGTaskScheduler ids, the desktop service label)',
    help: 'the service identifier',
    format: "reverse-DNS: dot-separated parts of letters, digits and '-', each starting with a letter (e.g. com.example.notes.sync)",
    uses: ['name'],
    default: {
      value: (a, t) => (t.appId !== undefined && a.name !== undefined ? `${t.appId}.${a.name}` : undefined),
      text: "the app's id + '.' + name; required for a standalone module",
    },
    validate: (v) => problemText(identifierProblem(v)),
  }),
  q({
    id: 'everyMinutes',
    flag: 'every-minutes',
    type: 'number',
    message: 'Run every how many minutes?',
    help: 'the period of a periodic service',
    format: 'a whole number of minutes, at least 15',
    when: is('kind', 'periodic', 'kind is periodic'),
    uses: ['kind'],
    min: minOf('schedule.everyMinutes'),
    default: { value: () => 15, text: '15' },
  }),
  q({
    id: 'fgsTypes',
    flag: 'fgs-types',
    type: 'checkbox',
    message: 'Android foreground-service types (Android 14+ refuses an untyped service)',
    help: 'the Android foreground-service types',
    choices: choicesOf<ForegroundServiceType>('android.foregroundServiceType', {
      dataSync: 'sync, backup, upload/download (6 h a day on Android 15+)',
      mediaPlayback: 'audio or video playback',
      phoneCall: 'an ongoing call',
      location: 'navigation, location sharing (needs the location permission)',
      connectedDevice: 'Bluetooth, USB, NFC or network devices',
      mediaProjection: 'screen capture or casting',
      camera: 'the camera in the background (needs the camera permission)',
      microphone: 'audio capture (needs the microphone permission)',
      health: 'fitness and health tracking',
      remoteMessaging: 'messages between devices',
      systemExempted: 'system apps and exempt uses only',
      shortService: 'up to about 3 minutes of critical work',
      mediaProcessing: 'media transcoding (6 h a day, Android 15+)',
      specialUse: 'nothing else fits (needs a subtype; Google Play reviews it)',
    }),
    when: is('kind', 'continuous', 'kind is continuous'),
    uses: ['kind'],
    default: { value: () => ['dataSync'], text: 'dataSync' },
  }),
  q({
    id: 'specialUseSubtype',
    flag: 'special-use-subtype',
    type: 'input',
    message: 'Android: describe the special use (PROPERTY_SPECIAL_USE_FGS_SUBTYPE, read by Google Play)',
    help: 'the specialUse subtype',
    format: 'a short description of the use',
    when: { test: (a) => has(a.fgsTypes, 'specialUse'), text: 'fgs-types include specialUse' },
    uses: ['fgsTypes'],
    validate: nonEmpty,
  }),
  q({
    id: 'notificationTitle',
    flag: 'notification-title',
    type: 'input',
    message: 'Title of the notification shown while the service runs',
    help: 'the notification title',
    format: 'any non-empty text',
    when: is('kind', 'continuous', 'kind is continuous'),
    uses: ['kind', 'name'],
    default: { value: (a) => (a.name === undefined ? undefined : sentenceOf(a.name)), text: 'the name as a sentence ("Notes sync")' },
    validate: nonEmpty,
  }),
  q({
    id: 'notificationChannel',
    flag: 'notification-channel',
    type: 'input',
    message: 'Android notification channel id',
    help: 'the notification channel id',
    format: "up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    when: is('kind', 'continuous', 'kind is continuous'),
    uses: ['kind', 'name'],
    default: { value: (a) => a.name, text: 'the name' },
    validate: (v) => problemText(channelProblem(v)),
  }),
  q({
    id: 'permissions',
    flag: 'permissions',
    type: 'checkbox',
    message: 'Runtime permissions the service needs',
    help: 'the runtime permissions',
    choices: PERMISSIONS,
    emptyAllowed: true,
    uses: ['kind', 'fgsTypes'],
    default: {
      value: (a) => {
        const wanted = new Set<ServicePermission>(a.kind === 'continuous' ? ['notifications'] : []);
        for (const [type, perm] of FGS_PERMISSIONS) if (has(a.fgsTypes, type)) wanted.add(perm);
        return PERMISSIONS.map((c) => c.value as ServicePermission).filter((p) => wanted.has(p));
      },
      text: "notifications for a continuous service, plus what the fgs types need; else none",
    },
    check: (v, a) => {
      for (const [type, perm] of FGS_PERMISSIONS) {
        if (has(a.fgsTypes, type) && !v.includes(perm)) return `foreground-service type '${type}' needs the '${perm}' permission`;
      }
      if (v.includes('backgroundLocation') && !v.includes('location')) return "'backgroundLocation' needs 'location' too";
      return undefined;
    },
  }),
  q({
    id: 'iosModes',
    flag: 'ios-modes',
    type: 'checkbox',
    message: 'iOS background modes beyond fetch and processing',
    help: 'extra iOS UIBackgroundModes',
    choices: choicesOf<IosBackgroundMode>('ios.backgroundModes', {
      location: 'continuous location updates (needs the location permission)',
      'remote-notification': 'silent pushes wake the app (adds aps-environment)',
      audio: 'audio in the background',
      'bluetooth-central': 'talk to Bluetooth accessories',
      'bluetooth-peripheral': 'act as a Bluetooth accessory',
    }),
    emptyAllowed: true,
    uses: ['permissions'],
    default: { value: () => [], text: 'none' },
    check: (v, a) =>
      v.includes('location') && !has(a.permissions, 'location') ? "background mode 'location' needs the 'location' permission" : undefined,
  }),
  usage('usageLocation', 'usage-location', 'NSLocationWhenInUseUsageDescription', 'location', {
    test: (a) => has(a.permissions, 'location'),
    text: 'permissions include location',
  }),
  usage('usageLocationAlways', 'usage-location-always', 'NSLocationAlwaysAndWhenInUseUsageDescription', 'location in the background', {
    test: (a) => has(a.permissions, 'backgroundLocation'),
    text: 'permissions include backgroundLocation',
  }),
  usage('usageBluetooth', 'usage-bluetooth', 'NSBluetoothAlwaysUsageDescription', 'Bluetooth', {
    test: (a) => has(a.permissions, 'bluetooth') || (a.iosModes ?? []).some((m) => m.startsWith('bluetooth-')),
    text: 'permissions include bluetooth, or ios-modes a bluetooth mode',
  }),
  usage('usageCamera', 'usage-camera', 'NSCameraUsageDescription', 'the camera', {
    test: (a) => has(a.permissions, 'camera'),
    text: 'permissions include camera',
  }),
  usage('usageMicrophone', 'usage-microphone', 'NSMicrophoneUsageDescription', 'the microphone', {
    test: (a) => has(a.permissions, 'microphone'),
    text: 'permissions include microphone',
  }),
  q({
    id: 'iosRefreshMinutes',
    flag: 'ios-refresh-minutes',
    type: 'number',
    message: 'iOS: ask for a background refresh (BGAppRefreshTask) at the earliest every how many minutes?',
    help: 'the iOS refresh interval',
    format: 'a whole number of minutes, at least 15',
    when: { test: (a) => a.kind === 'continuous' || a.kind === 'periodic', text: 'kind is continuous or periodic' },
    uses: ['kind', 'everyMinutes'],
    min: minOf('ios.refresh.everyMinutes'),
    default: { value: (a) => (a.kind === 'periodic' ? a.everyMinutes : 15), text: 'the period of a periodic service, else 15' },
  }),
  q({
    id: 'iosProcessing',
    flag: 'ios-processing',
    type: 'confirm',
    message: 'iOS: also schedule a processing task (BGProcessingTask: minutes of work, at night or on power)?',
    help: 'an iOS processing task for a periodic service (a continuous one always has one)',
    when: is('kind', 'periodic', 'kind is periodic'),
    uses: ['kind'],
    default: { value: () => false, text: 'no' },
  }),
  q({
    id: 'desktopRuntime',
    flag: 'desktop-runtime',
    type: 'select',
    message: 'Desktop: which runtime runs the service?',
    help: 'the desktop runtime',
    choices: choicesOf<DesktopOptions['runtime']>('desktop.runtime', {
      rust: 'Rust, built into the Tauri app (needs the tauri host)',
      node: 'a Node.js runner',
    }),
    uses: ['hosts'],
    default: { value: (a) => (has(a.hosts, 'tauri') ? 'rust' : 'node'), text: 'rust with the tauri host, else node' },
    check: (v, a) => (v === 'rust' && !has(a.hosts, 'tauri') ? "runtime 'rust' needs the 'tauri' host: a Capacitor app has no Rust side" : undefined),
  }),
  q({
    id: 'desktopMode',
    flag: 'desktop-mode',
    type: 'select',
    message: 'Desktop: run inside the app, or as an OS service?',
    help: 'the desktop mode',
    choices: choicesOf<DesktopOptions['mode']>('desktop.mode', {
      inProcess: 'runs while the app runs',
      osService: 'an OS service that outlives the app: systemd user unit, launchd agent, Windows task',
    }),
    uses: ['hosts', 'desktopRuntime'],
    default: {
      value: (a) => (a.desktopRuntime === 'node' && !has(a.hosts, 'capacitor') ? 'osService' : 'inProcess'),
      text: 'inProcess, or osService for a Node runtime without the capacitor host',
    },
    check: (v, a) =>
      v === 'inProcess' && a.desktopRuntime === 'node' && !has(a.hosts, 'capacitor')
        ? "runtime 'node' in mode 'inProcess' needs the 'capacitor' host: a Tauri app has no Node process to run in"
        : undefined,
  }),
  q({
    id: 'autostart',
    flag: 'autostart',
    type: 'confirm',
    message: 'Desktop: start the OS service with the user session?',
    help: 'start the desktop OS service at login',
    when: is('desktopMode', 'osService', 'desktop-mode is osService'),
    uses: ['desktopMode'],
    default: { value: () => false, text: 'no' },
  }),
];

export function questionById<K extends QuestionId>(id: K): QuestionSpec<K> {
  const found = questions.find((x) => x.id === id);
  if (!found) throw new Error(`create-bg-service: no question ${id}`);
  return found as unknown as QuestionSpec<K>;
}

export type { Given, TargetInfo };
