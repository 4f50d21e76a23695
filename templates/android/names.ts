/**
 * The names of everything the Android target generates for one service:
 * Kotlin classes, their fully qualified manifest names, and the stable
 * numeric ids (notifications, jobs) the platform wants. One place, so the
 * plan, the manifest entries and the templates agree.
 */
import { createHash } from 'node:crypto';
import type { ServiceKind } from '../../declaration/define.js';
import type { GenerationContext } from '../../generator/context.js';
import { kotlinPackage } from './kotlin-types.js';

export interface AndroidNames {
  /** The JVM package (manifest class names). */
  pkg: string;
  /** The package as Kotlin source (keywords in backticks). */
  kotlinPkg: string;
  /** The user's implementation class (user-owned file). */
  user: string;
  base: string;
  context: string;
  event: string;
  events: string;
  status: string;
  runState: string;
  stopReason: string;
  startResult: string;
  json: string;
  runtime: string;
  permissions: string;
  controller: string;
  service: string;
  notifications: string;
  state: string;
  bootReceiver: string;
  restartJob: string;
  jobService: string;
  /** `pkg.Class`, as the manifest names a component. */
  qualified(cls: string): string;
}

export function androidNames(ctx: GenerationContext): AndroidNames {
  const p = ctx.model.names.pascal;
  const pkg = ctx.ids.androidPackage;
  return {
    pkg,
    kotlinPkg: kotlinPackage(pkg),
    user: p,
    base: `${p}Base`,
    context: `${p}Context`,
    event: `${p}Event`,
    events: `${p}Events`,
    status: `${p}Status`,
    runState: `${p}RunState`,
    stopReason: `${p}StopReason`,
    startResult: `${p}StartResult`,
    json: `${p}Json`,
    runtime: `${p}Runtime`,
    permissions: `${p}Permissions`,
    controller: `${p}Controller`,
    service: `${p}Service`,
    notifications: `${p}Notifications`,
    state: `${p}State`,
    bootReceiver: `${p}BootReceiver`,
    restartJob: `${p}RestartJob`,
    jobService: `${p}JobService`,
    qualified: (cls) => `${pkg}.${cls}`,
  };
}

/**
 * A stable, positive 31-bit id for `purpose` of the service `identifier`
 * (notification ids must not be 0; job ids must be unique within the app,
 * so they are spread over the whole range rather than counted from 1).
 */
export function stableId(identifier: string, purpose: string): number {
  const digest = createHash('sha256').update(`${identifier}\0${purpose}`).digest();
  return (digest.readUInt32BE(0) & 0x7fffffff) || 1;
}

/**
 * Simple names the generated Kotlin uses that a declared type must not take:
 * a type of the service's package shadows Kotlin's default imports (String,
 * List, …) in every generated file, and an explicitly imported name (Context,
 * JSONObject, Job, …) shadows the declared type where both are used. The
 * declaration reader should refuse these as it refuses API_RESERVED names;
 * until it does, such a declaration generates Kotlin that does not compile.
 */
export const KOTLIN_RESERVED_TYPE_NAMES: readonly string[] = [
  // Default imports the templates use.
  'Any', 'Boolean', 'Double', 'Int', 'Long', 'String', 'Unit', 'Nothing', 'List', 'Map', 'Pair', 'Result',
  'Exception', 'RuntimeException', 'IllegalArgumentException', 'IllegalStateException', 'AutoCloseable', 'LinkedHashMap', 'ArrayList',
  // Explicit imports of the files that also name declared types (Types, Events, Base, Runtime, the user's file).
  'JSONObject', 'JSONArray', 'JSONException', 'Context', 'Job', 'Log', 'CopyOnWriteArrayList', 'CoroutineScope', 'Dispatchers', 'SupervisorJob',
];

/** The classes of a transfer service's Kotlin (templates/android/transfer), by role. */
export function transferClassNames(pascal: string) {
  return {
    status: `${pascal}TaskStatus`,
    task: `${pascal}TransferTask`,
    store: `${pascal}TransferStore`,
    outcome: `${pascal}TransferOutcome`,
    http: `${pascal}TransferHttp`,
    transfers: `${pascal}Transfers`,
    job: `${pascal}TransferJobService`,
    service: `${pascal}TransferService`,
    notifications: `${pascal}TransferNotifications`,
    receiver: `${pascal}TransferActionReceiver`,
    files: `${pascal}TransferFiles`,
    provider: `${pascal}TransferFileProvider`,
  };
}

/**
 * The classes the target generates for a service, which a declared type must not be named like
 * either: a transfer service's own set (templates/android/transfer), or a continuous or periodic
 * service's.
 */
export function generatedClassNames(n: AndroidNames, kind: ServiceKind = 'continuous'): string[] {
  if (kind === 'transfer') return Object.values(transferClassNames(n.user));
  return [n.user, n.base, n.context, n.event, n.events, n.status, n.runState, n.stopReason, n.startResult, n.json, n.runtime, n.permissions,
    n.controller, n.service, n.notifications, n.state, n.bootReceiver, n.restartJob, n.jobService, `${n.user}CommandCallback`];
}
