/**
 * The transfer API (kind `transfer`, seed 002), described once: the task
 * statuses and their progress sentinels, the rules every engine follows
 * (backoff, progress throttling, resume), the native operations the host
 * bridges carry and the events they send. The TS client, the Android and iOS
 * code and the Rust and Node engines all render their constants from here,
 * so the platforms cannot drift apart.
 *
 * Wire protocol: the TS client talks to the native side through ONE native
 * method, `transfer({ op, args })`, resolving `{ value }` (Tauri: the Rust
 * command `transfer`; Android/iOS plugins: the method `transfer`), and listens
 * to two events, `transfer:status` and `transfer:progress` (a colon cannot
 * occur in a declared event name, so they never collide).
 */
import type { ServiceModel, TransferModel } from '../../declaration/model.js';

/** A task's status, with the progress value a progress update carries for it (seed 002's sentinels). */
export const TRANSFER_STATUSES = [
  { value: 'enqueued', progress: undefined, final: false, doc: 'waiting to run (for a free slot, the network or a retry)' },
  { value: 'running', progress: undefined, final: false, doc: 'transferring' },
  { value: 'complete', progress: 1, final: true, doc: 'done: the file is at its destination (download) or the server accepted it (upload)' },
  { value: 'failed', progress: -1, final: true, doc: 'gave up: retries used up, or an error that retrying cannot fix (see exception)' },
  { value: 'canceled', progress: -2, final: true, doc: 'canceled by the app or from the notification' },
  { value: 'notFound', progress: -3, final: true, doc: 'the server answered 404' },
  { value: 'waitingToRetry', progress: -4, final: false, doc: 'failed, retrying after the backoff delay' },
  { value: 'paused', progress: -5, final: false, doc: 'paused; resume() continues it from where it stopped' },
] as const;

export type TransferStatus = (typeof TRANSFER_STATUSES)[number]['value'];

/** The numbers every engine uses (hosts.md §5). */
export const TRANSFER_RULES = {
  /** Exponential backoff: base × 2^(retry-1), from 2 s up to 512 s. */
  backoffBaseMs: 2_000,
  backoffMaxMs: 512_000,
  /** A progress update goes out when progress rose by ≥ 2 % and ≥ 500 ms passed, or every 2.5 s. */
  progressMinDelta: 0.02,
  progressMinIntervalMs: 500,
  progressMaxIntervalMs: 2_500,
  /** Notifications are updated at most this often (Android). */
  notificationIntervalMs: 300,
  /** A server response body kept with a status update (uploads), in characters. */
  responseBodyMaxChars: 65_536,
  /** The most retries a task or a server request may ask for. */
  maxRetries: 10,
  /** Total parallel transfers of one engine (the declaration sets the per-host limit). */
  maxConcurrent: 10,
  /** Notification taps kept until the app takes them. */
  notificationTapsMax: 20,
} as const;

/** The delay before retry number `retry` (1-based) with the given base. */
export function backoffMs(retry: number, baseMs: number = TRANSFER_RULES.backoffBaseMs): number {
  const max = (TRANSFER_RULES.backoffMaxMs / TRANSFER_RULES.backoffBaseMs) * baseMs;
  return Math.min(max, baseMs * 2 ** Math.max(0, retry - 1));
}

/** The events the native side sends. */
export const TRANSFER_EVENTS = { status: 'transfer:status', progress: 'transfer:progress', notificationTap: 'transfer:notificationTap' } as const;

/** The native method (mobile plugins) and Rust command (Tauri) that carries every operation. */
export const TRANSFER_METHOD = { wire: 'transfer', rust: 'transfer' } as const;

/** One native operation: `{ op, args }` → `{ value }`. */
export interface TransferOp {
  op: string;
  /** The TS type of `args`. */
  args: string;
  /** The TS type of `value`. */
  returns: string;
  doc: string;
}

export const TRANSFER_OPS: readonly TransferOp[] = [
  { op: 'enqueue', args: '{ task: Task }', returns: 'boolean', doc: 'Queue a task; false if a task with its id is already active.' },
  { op: 'pause', args: '{ taskId: string }', returns: 'boolean', doc: 'Pause a running download whose server supports resuming (allowPause must be true).' },
  { op: 'resume', args: '{ taskId: string }', returns: 'boolean', doc: 'Resume a paused task (it is enqueued again and continues from its partial file).' },
  { op: 'cancel', args: '{ taskIds: string[] }', returns: 'boolean', doc: 'Cancel tasks (running, queued, waiting to retry or paused).' },
  { op: 'reset', args: '{ group: string }', returns: 'number', doc: 'Cancel every active task of a group; the number canceled.' },
  { op: 'allTasks', args: '{ group: string | null; includeWaitingToRetry: boolean }', returns: 'Task[]', doc: 'The active tasks (not final, not paused).' },
  { op: 'taskForId', args: '{ taskId: string }', returns: 'Task | null', doc: 'The task with this id, if the engine still knows it.' },
  { op: 'taskCanResume', args: '{ taskId: string }', returns: 'boolean', doc: 'Whether the server of a running task supports resuming (Accept-Ranges or a 206, with a strong ETag or none).' },
  { op: 'records', args: '{ group: string | null }', returns: 'TaskRecord[]', doc: 'Every task record of the persistent store.' },
  { op: 'deleteRecords', args: '{ taskIds: string[] | null }', returns: 'number', doc: 'Delete records (all of them for null); the number deleted.' },
  { op: 'takeUndelivered', args: '{}', returns: 'TaskUpdate[]', doc: 'The updates no listener received (the app was suspended or not listening), oldest first; they are forgotten then.' },
  { op: 'platform', args: '{}', returns: 'Platform', doc: 'The platform the engine runs on.' },
  { op: 'request', args: '{ request: ServerRequest }', returns: 'ServerResponse', doc: 'An immediate HTTP request (not enqueued, no updates), retried with backoff on a connection error, 5xx, 408 or 429; any status is returned.' },
  { op: 'moveToSharedStorage', args: '{ taskId: string | null; task: Task | null; destination: SharedStorage; directory: string; mimeType: string | null }', returns: 'string | null', doc: "Move a task's file to shared storage; its new path (a content:// URI on Android 10+), or null." },
  { op: 'openFile', args: '{ taskId: string | null; task: Task | null; filePath: string | null; mimeType: string | null }', returns: 'boolean', doc: "Open a task's file (or a path) with the platform's viewer; whether one was started." },
  { op: 'configureNotification', args: '{ scope: NotificationScope; key: string | null; config: NotificationConfig | null }', returns: 'boolean', doc: 'Set (null: clear) the notification texts of every task, a group or a task (task > group > default > the declaration), persisted.' },
  { op: 'takeNotificationTaps', args: '{}', returns: 'NotificationTap[]', doc: 'The notification taps not yet taken (the app may have been launched by one), oldest first; forgotten then.' },
];

/** The operations that may take long (network): host bridges run them off their serial queue. */
export const LONG_TRANSFER_OPS: readonly string[] = ['request', 'openFile', 'moveToSharedStorage'];

/** Where `moveToSharedStorage` can move a file (seed 002's SharedStorage). */
export const SHARED_STORAGE = ['downloads', 'images', 'video', 'audio', 'files', 'external'] as const;
export type SharedStorage = (typeof SHARED_STORAGE)[number];

/** The declaration's transfer defaults, as the TS client fills them into a task. */
export function transferDefaults(model: ServiceModel): TransferModel {
  if (!model.transfer) throw new Error(`bg-service internal error: ${model.names.kebab} is not a transfer service`);
  return model.transfer;
}

/** The placeholders a notification text may use, and what each becomes. */
export const NOTIFICATION_PLACEHOLDERS = {
  filename: "the task's filename",
  progress: "the progress in percent ('--%' when unknown; empty on iOS, which shows no progress)",
  metadata: "the task's metaData",
} as const;

/** The notification states, in the order the declaration lists them. */
export const NOTIFICATION_STATES = ['running', 'complete', 'error', 'paused'] as const;
