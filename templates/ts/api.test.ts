import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDeclarations } from '../../declaration/reader.js';
import type { ServiceModel } from '../../declaration/model.js';
import { sourcePath } from '../../lib/paths.js';
import { allowPermission, serviceApi, tauriCommands, typeNames } from './api.js';
import { capabilityMatrix } from './capabilities.js';

async function model(): Promise<ServiceModel> {
  const r = await readDeclarations([sourcePath('templates', 'hosts', 'fixtures', 'decl', 'notes-sync.bg.ts')]);
  assert.ok(r.ok);
  return r.models[0]!;
}

test('the API of a service: core methods, its commands, on<Event> for each event plus the lifecycle, OS-service controls only in osService mode', async () => {
  const m = await model();
  const api = serviceApi(m);
  assert.deepEqual(
    api.methods.map((x) => x.name),
    ['start', 'stop', 'getState', 'installService', 'uninstallService', 'startOsService', 'stopOsService', 'restartOsService', 'getOsServiceStatus'],
  );
  assert.deepEqual(api.commands.map((c) => [c.name, c.rust, c.input ?? null, c.output]), [
    ['syncNow', 'sync_now', 'SyncNowInput', 'SyncNowResult'],
    ['pause', 'pause', null, 'void'],
    ['pending', 'pending', null, 'number'],
  ]);
  assert.deepEqual(api.events.map((e) => [e.listener, e.wire, e.payload]), [
    ['onProgress', 'progress', 'ProgressEvent'],
    ['onConflict', 'conflict', 'ConflictEvent'],
    ['onIdle', 'idle', 'void'],
    ['onServiceStarted', 'service:started', 'ServiceStartedEvent'],
    ['onServiceStopped', 'service:stopped', 'ServiceStoppedEvent'],
    ['onServiceError', 'service:error', 'ServiceErrorEvent'],
  ]);
  const inProcess = serviceApi({ ...m, desktop: { ...m.desktop, mode: 'inProcess', autostart: false } });
  assert.deepEqual(inProcess.methods.map((x) => x.name), ['start', 'stop', 'getState']);
  assert.deepEqual(tauriCommands(inProcess), ['start', 'stop', 'get_state', 'sync_now', 'pause', 'pending', 'register_listener', 'remove_listener']);
  assert.equal(allowPermission('get_os_service_status'), 'allow-get-os-service-status');
  assert.deepEqual(typeNames(['Record<string, Foo[]>', 'Array<Bar | Baz>', 'number']), ['Bar', 'Baz', 'Foo']);
});

test('capabilities follow the declaration (seed 000\'s table, per kind and option)', async () => {
  const m = await model();
  const c = capabilityMatrix(m);
  assert.equal(c.android.backgroundExecution.level, 'guaranteed');
  assert.equal(c.android.survivesReboot.level, 'bestEffort');
  assert.match(c.android.survivesReboot.note, /tap to resume/, 'dataSync is boot-restricted on Android 15');
  assert.equal(c.android.survivesForceQuit.level, 'unsupported');
  assert.equal(c.ios.backgroundExecution.level, 'bestEffort');
  assert.equal(c.ios.survivesForceQuit.level, 'unsupported');
  assert.deepEqual(Object.values(c.desktop).map((x) => x.level), ['guaranteed', 'guaranteed', 'guaranteed', 'guaranteed'], 'OS service with autostart');
  assert.deepEqual(Object.values(c.web).map((x) => x.level), ['unsupported', 'unsupported', 'unsupported', 'unsupported']);

  const noBoot = capabilityMatrix({ ...m, android: { ...m.android, restartOnBoot: false }, desktop: { ...m.desktop, autostart: false } });
  assert.equal(noBoot.android.survivesReboot.level, 'unsupported');
  assert.equal(noBoot.desktop.survivesReboot.level, 'unsupported');
  const inProcess = capabilityMatrix({ ...m, desktop: { ...m.desktop, mode: 'inProcess', autostart: false } });
  assert.deepEqual(Object.values(inProcess.desktop).map((x) => x.level), ['guaranteed', 'unsupported', 'unsupported', 'unsupported']);
  const periodic = capabilityMatrix({ ...m, kind: 'periodic', schedule: { everyMinutes: 30, network: 'any', requiresCharging: false, requiresDeviceIdle: false, requiresBatteryNotLow: false, maxRunSeconds: 600 } });
  assert.equal(periodic.android.backgroundExecution.level, 'bestEffort');
  assert.match(periodic.android.backgroundExecution.note, /every 30 minutes/);
  assert.equal(periodic.android.survivesReboot.level, 'bestEffort');
});
