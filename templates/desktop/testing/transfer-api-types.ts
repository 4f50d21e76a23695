/**
 * The shape of the generated TS client as the tests see it (the generated
 * module is imported at run time, from a temporary folder): what
 * templates/ts/transfer-types.ts.ejs declares, reduced to what the tests use.
 */
export interface ClientTask {
  taskId: string;
  group: string;
  retries: number;
  httpRequestMethod: string;
}

export interface ClientStatusUpdate {
  task: ClientTask;
  status: string;
  responseBody: string | null;
}

export interface ClientProgressUpdate {
  task: ClientTask;
  progress: number;
}

export type ClientUpdate = { kind: 'status'; update: ClientStatusUpdate } | { kind: 'progress'; update: ClientProgressUpdate };

export interface ClientApi {
  downloadTask(o: Record<string, unknown>): ClientTask;
  enqueue(task: ClientTask): Promise<boolean>;
  download(
    o: Record<string, unknown>,
    callbacks?: { onProgress?: (u: ClientProgressUpdate) => void; onElapsedTime?: (ms: number) => void; elapsedTimeInterval?: number },
  ): Promise<ClientStatusUpdate>;
  upload(o: Record<string, unknown>): Promise<ClientStatusUpdate>;
  downloadBatch(
    tasks: Array<Record<string, unknown>>,
    callbacks?: { onBatchProgress?: (succeeded: number, failed: number) => void },
  ): Promise<{ numSucceeded: number; numFailed: number; results: ClientStatusUpdate[] }>;
  onStatus(handler: (u: ClientStatusUpdate) => void): Promise<() => void>;
  updates(filter?: { group?: string }): AsyncIterableIterator<ClientUpdate> & { close(): void };
  resumeFromBackground(): Promise<number>;
  request(o: Record<string, unknown>): Promise<{ statusCode: number; reasonPhrase: string; body: string; bodyBase64: string; headers: Record<string, string> }>;
  moveToSharedStorage(task: ClientTask | string, destination: string, options?: { directory?: string; mimeType?: string }): Promise<string | null>;
  openFile(target: ClientTask | string, mimeType?: string): Promise<boolean>;
  configureNotification(config: Record<string, unknown> | null): Promise<void>;
  configureNotificationForGroup(group: string, config: Record<string, unknown> | null): Promise<void>;
  configureNotificationForTask(taskId: string, config: Record<string, unknown> | null): Promise<void>;
  onNotificationTap(handler: (tap: unknown) => void): Promise<() => void>;
  database: {
    recordForId(id: string): Promise<{ status: string } | null>;
    allRecords(): Promise<unknown[]>;
    deleteRecordWithId(id: string): Promise<boolean>;
  };
}
