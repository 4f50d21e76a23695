/**
 * The Node transfer engine in a process of its own, for the transfer tests
 * (templates/desktop/testing/transfer-scenarios.ts): argv[2] is the built
 * engine (`node/transfer/index.js` of a generated module), argv[3] the
 * options as JSON. It speaks the drivers' line protocol: a request
 * `{"id","op","args"}` on stdin is answered `{"id","value"}` or
 * `{"id","error"}`; after the op `listen`, every update is written as
 * `{"event","payload"}`; `close` stops the engine and exits.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

interface Engine {
  subscribe(listener: (u: { kind: string; update: unknown }) => void): () => void;
  close(): Promise<void>;
}
interface EngineModule {
  TransferEngine: new (options: Record<string, unknown>) => Engine;
  engineNative(engine: Engine): { call(op: string, args: Record<string, unknown>): Promise<unknown> };
}

const [, , modulePath, optionsJson] = process.argv;
const mod = (await import(pathToFileURL(modulePath!).href)) as EngineModule;
const options = JSON.parse(optionsJson!) as Record<string, unknown>;
const engine = new mod.TransferEngine(options);
const native = mod.engineNative(engine);
const write = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
const fail = (id: number, error: unknown) => write({ id, error: { code: (error as { code?: string }).code ?? 'INTERNAL', message: (error as Error).message } });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: Record<string, unknown> };
  try {
    if (op === 'listen') {
      engine.subscribe((u) => write({ event: `transfer:${u.kind}`, payload: u.update }));
      write({ id, value: true });
    } else if (op === 'close') {
      await engine.close();
      write({ id, value: true });
      process.exit(0);
    } else {
      // Not awaited: a server request waiting for its retries does not hold back the others.
      native.call(op, args ?? {}).then(
        (value) => write({ id, value }),
        (error: unknown) => fail(id, error),
      );
    }
  } catch (error) {
    fail(id, error);
  }
}
