/**
 * The one TypeScript API a service offers the app, whichever host it runs in
 * (Tauri or Capacitor): its methods, commands, events, errors and the
 * capabilities matrix, described once here. Both host targets render their
 * guest code, their native bridges and their permission files from this
 * description, so the two APIs cannot drift apart, and the shared `types.ts`
 * declares the `<Name>Api` interface both implementations must satisfy.
 *
 * Wire protocol (what the host bridges exchange with the native side):
 * - Core methods go by `wire` name (camelCase) to the mobile plugins and by
 *   `rust` name (snake_case) to Tauri's Rust commands.
 * - Declared commands: Tauri has one Rust command per declared command
 *   (`sync_now`, so the ACL can grant each one); the mobile plugins have one
 *   generic native method, `command({ name, input })`, resolving `{ value }`.
 * - Events: a declared event is sent under its declared name; lifecycle
 *   changes under `service:started`, `service:stopped`, `service:error` (a
 *   colon cannot occur in a declared name, so they never collide).
 */
import type { CommandDecl, EventDecl, ServiceModel } from '../../declaration/model.js';
import { snakeCase } from '../../declaration/naming.js';
import { capabilityMatrix, type CapabilityMatrix } from './capabilities.js';
import { TRANSFER_METHOD } from './transfer-api.js';
import { tsType } from './types.js';

export interface ApiMethod {
  /** The TS method, e.g. `getState`. */
  name: string;
  /** The mobile plugins' native method name (Kotlin / Swift / Capacitor), e.g. `getState`. */
  wire: string;
  /** Tauri's Rust command, e.g. `get_state`. */
  rust: string;
  /** The one optional parameter, e.g. `options: StartOptions = {}`, sent as `{ options }`. */
  param?: { name: string; type: string; default: string };
  /** The resolved TS type. */
  returns: string;
  doc: string;
  /** Where the method works: everywhere, or only on desktop (OS-service controls). */
  scope: 'all' | 'desktop';
}

export interface ApiCommand {
  decl: CommandDecl;
  /** The TS method, as declared. */
  name: string;
  /** Tauri's Rust command (snake_case of the declared name). */
  rust: string;
  /** TS input type, or undefined for a command without input. */
  input?: string;
  /** TS result type (`void` for none). */
  output: string;
  doc?: string;
}

export interface ApiEvent {
  /** The listener method, e.g. `onProgress`. */
  listener: string;
  /** The name the native side sends it under. */
  wire: string;
  /** TS payload type handed to the handler (`void` for an event without data). */
  payload: string;
  doc: string;
  /** Declared event, or a lifecycle change of the service. */
  decl?: EventDecl;
}

export interface ErrorCode {
  code: string;
  doc: string;
}

export interface ServiceApi {
  model: ServiceModel;
  /** Tauri plugin name (`notes-sync`): `plugin:<name>|<command>`, permissions `<name>:…`. */
  tauriPlugin: string;
  /** Capacitor plugin name (`NotesSync`): `registerPlugin`, `@CapacitorPlugin(name)`, `jsName`. */
  capacitorPlugin: string;
  /** The exported API object, e.g. `notesSync`, and its interface, `NotesSyncApi`. */
  objectName: string;
  interfaceName: string;
  /** The OS-service controls are offered (desktop mode `osService`). */
  osService: boolean;
  /**
   * A transfer service (kind `transfer`): its API is `TransferApi` (transfer-api.ts), carried by
   * the one native method `transfer`; it has no lifecycle methods, commands or events of its own.
   */
  transfer: boolean;
  methods: ApiMethod[];
  commands: ApiCommand[];
  /** Declared events first, then the lifecycle ones. */
  events: ApiEvent[];
  errors: ErrorCode[];
  stopReasons: Array<{ value: string; doc: string }>;
  capabilities: CapabilityMatrix;
}

/** Lifecycle events, as sent on the wire. */
export const LIFECYCLE_WIRE = { started: 'service:started', stopped: 'service:stopped', error: 'service:error' } as const;

/** The stable error codes of `BgServiceError.code`. Native bridges reject with exactly these. */
export const ERROR_CODES: readonly ErrorCode[] = [
  { code: 'PERMISSION_DENIED', doc: 'A permission the service needs is not granted (details.missingPermissions lists them), or (Tauri) no capability grants the command.' },
  { code: 'START_NOT_ALLOWED', doc: 'The platform refused to start the service now (Android: a foreground service started from the background).' },
  { code: 'SCHEDULING_FAILED', doc: 'The platform accepted none of the schedule requests (iOS BGTaskScheduler: details.scheduling says why for each; Android JobScheduler).' },
  { code: 'UNKNOWN_COMMAND', doc: 'The native side does not know the command (the app and the native module are from different generations).' },
  { code: 'INVALID_INPUT', doc: "A command's input or a method's arguments did not have the declared shape." },
  { code: 'COMMAND_FAILED', doc: "The service's implementation of a command threw." },
  { code: 'NOT_RUNNING', doc: 'The operation needs the running service (or the OS service) and it is not running.' },
  { code: 'UNSUPPORTED', doc: 'Not available on this platform (e.g. the OS-service controls on Android, iOS or the web).' },
  { code: 'OS_SERVICE_FAILED', doc: 'Installing, starting, stopping or querying the OS service (systemd, launchd, Task Scheduler) failed.' },
  { code: 'IPC_FAILED', doc: 'The app could not reach the OS service over its local socket or pipe.' },
  { code: 'NETWORK_FAILED', doc: 'A server request (transfer request()) got no response, after its retries.' },
  { code: 'INTERNAL', doc: 'Anything else; the message says what.' },
];

/** Why a service stopped, over all platforms (each platform sends a subset). */
export const STOP_REASONS: ReadonlyArray<{ value: string; doc: string }> = [
  { value: 'userStop', doc: 'the app called stop()' },
  { value: 'appStop', doc: 'the app quit (desktop in-process)' },
  { value: 'nativeNotificationStop', doc: "the user pressed Stop on the service's notification (Android)" },
  { value: 'platformTimeout', doc: "the platform's time limit was reached (Android onTimeout)" },
  { value: 'platformExpiration', doc: "iOS ended the background task's window" },
  { value: 'safetyTimeout', doc: 'the safety timer ended the run before the platform deadline (iOS)' },
  { value: 'timeBudget', doc: 'a periodic run used up its time budget' },
  { value: 'appBackgrounded', doc: 'the app went to the background; background requests take over (iOS)' },
  { value: 'osRestart', doc: 'the OS service manager restarted the service (desktop)' },
  { value: 'taskCompleted', doc: 'run() returned' },
  { value: 'error', doc: 'init or run threw' },
  { value: 'startRefused', doc: 'the platform refused to start the service' },
  { value: 'system', doc: 'the system stopped the service or the job' },
];

function ts(t: Parameters<typeof tsType>[0] | undefined): string {
  return t ? tsType(t) : 'void';
}

/** The API of one service. */
export function serviceApi(model: ServiceModel): ServiceApi {
  if (model.kind === 'transfer') return transferServiceApi(model);
  const osService = model.desktop.mode === 'osService';
  const method = (name: string, returns: string, doc: string, scope: ApiMethod['scope'] = 'all', param?: ApiMethod['param']): ApiMethod => ({
    name,
    wire: name,
    rust: snakeCase(name),
    ...(param ? { param } : {}),
    returns,
    doc,
    scope,
  });
  const methods: ApiMethod[] = [
    method(
      'start',
      'StartResult',
      'Start the service (Android: the foreground service or the periodic job; iOS: the background task requests; desktop: the runner). ' +
        'It keeps running, or is scheduled again, after restarts until stop() is called. Rejects with PERMISSION_DENIED, START_NOT_ALLOWED or SCHEDULING_FAILED.',
      'all',
      { name: 'options', type: 'StartOptions', default: '{}' },
    ),
    method('stop', 'void', 'Stop the service and forget the wish to run (it does not come back after a restart or reboot).'),
    method('getState', 'ServiceState', 'Where the service is now: its state, whether the app wants it running, the last error and stop reason.'),
  ];
  if (osService) {
    methods.push(
      method('installService', 'OsServiceStatus', 'Install the OS service (systemd user unit, launchd agent, or Task Scheduler task).', 'desktop'),
      method('uninstallService', 'OsServiceStatus', 'Stop and remove the OS service.', 'desktop'),
      method('startOsService', 'OsServiceStatus', 'Start the installed OS service.', 'desktop'),
      method('stopOsService', 'OsServiceStatus', 'Stop the OS service (it stays installed).', 'desktop'),
      method('restartOsService', 'OsServiceStatus', 'Restart the OS service.', 'desktop'),
      method('getOsServiceStatus', 'OsServiceStatus', 'Whether the OS service is installed and running, and whether the app is connected to it.', 'desktop'),
    );
  }
  const commands: ApiCommand[] = model.commands.map((c) => ({
    decl: c,
    name: c.name,
    rust: c.names.snake,
    ...(c.input ? { input: tsType(c.input) } : {}),
    output: ts(c.output),
    ...(c.doc ? { doc: c.doc } : {}),
  }));
  const events: ApiEvent[] = [
    ...model.events.map((e) => ({
      listener: `on${e.names.pascal}`,
      wire: e.name,
      payload: ts(e.payload),
      doc: e.doc ?? `The service's \`${e.name}\` event.`,
      decl: e,
    })),
    { listener: 'onServiceStarted', wire: LIFECYCLE_WIRE.started, payload: 'ServiceStartedEvent', doc: 'The service started a run.' },
    { listener: 'onServiceStopped', wire: LIFECYCLE_WIRE.stopped, payload: 'ServiceStoppedEvent', doc: 'The service stopped, with the reason.' },
    { listener: 'onServiceError', wire: LIFECYCLE_WIRE.error, payload: 'ServiceErrorEvent', doc: "The service's init or run failed." },
  ];
  return { ...apiBase(model), osService, transfer: false, methods, commands, events };
}

/** What every service's API has, whatever its kind: names, errors, stop reasons, capabilities. */
function apiBase(model: ServiceModel) {
  return {
    model,
    tauriPlugin: model.names.kebab,
    capacitorPlugin: model.names.pascal,
    objectName: model.names.camel,
    interfaceName: `${model.names.pascal}Api`,
    errors: [...ERROR_CODES],
    stopReasons: [...STOP_REASONS],
    capabilities: capabilityMatrix(model),
  };
}

/** A transfer service's API: TransferApi over the native method `transfer` (templates/ts/transfer-api.ts). */
function transferServiceApi(model: ServiceModel): ServiceApi {
  return { ...apiBase(model), osService: false, transfer: true, methods: [], commands: [], events: [] };
}

/**
 * Every Rust command of the Tauri plugin, as `build.rs` lists them (so each
 * gets `allow-`/`deny-` permissions) and `permissions/default.toml` grants
 * them: the core methods, one per declared command, and the two listener
 * commands `addPluginListener` calls (handled by Rust on desktop and by the
 * mobile plugin's base class on Android and iOS).
 */
export function tauriCommands(api: ServiceApi): string[] {
  return [...api.methods.map((m) => m.rust), ...api.commands.map((c) => c.rust), ...(api.transfer ? [TRANSFER_METHOD.rust] : []), 'register_listener', 'remove_listener'];
}

/** `allow-get-state` for `get_state`: the permission tauri-plugin's build writes for a command. */
export function allowPermission(command: string): string {
  return `allow-${command.replace(/_/g, '-')}`;
}

/** The type names in TS type expressions (for a host's `import type` list): `Foo[]`, `Record<string, Bar>` → Foo, Bar. */
export function typeNames(types: readonly string[]): string[] {
  const names = new Set<string>();
  for (const t of types) for (const m of t.matchAll(/\b[A-Z]\w*/g)) if (m[0] !== 'Record' && m[0] !== 'Array') names.add(m[0]);
  return [...names].sort();
}
