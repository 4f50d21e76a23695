/** Hand-built service models for the Android target's tests (what the reader would produce). */
import type { AndroidModel, ForegroundServiceType, ServiceModel } from '../../../declaration/model.js';
import { nameForms } from '../../../declaration/naming.js';

export function model(name: string, extra: Partial<ServiceModel> = {}): ServiceModel {
  const loc = { file: `/virtual/${name}.bg.ts`, line: 1, column: 1 };
  return {
    sourceFile: loc.file,
    names: nameForms(name),
    identifier: `com.example.${name.replace(/-/g, '')}`,
    kind: 'continuous',
    hosts: ['tauri'],
    android: { foregroundServiceTypes: ['dataSync'], notification: { channel: 'c', channelName: 'C', title: 'T', importance: 'low' }, restartOnBoot: false, onTimeout: 'stop' },
    ios: { backgroundModes: [], usageDescriptions: {}, pushEnvironment: 'development' },
    desktop: { runtime: 'rust', mode: 'inProcess', autostart: false, keepAlive: false, outliveLogout: false },
    permissions: [],
    types: [],
    events: [],
    commands: [],
    loc,
    ...extra,
  };
}

/** A continuous service of `types`, with the permissions the reader requires for them. */
export function continuous(name: string, types: ForegroundServiceType[], android: Partial<AndroidModel> = {}, extra: Partial<ServiceModel> = {}): ServiceModel {
  const base = model(name, extra);
  const required = (['location', 'camera', 'microphone'] as const).filter((t) => types.includes(t));
  return {
    ...base,
    permissions: [...new Set([...required, ...(extra.permissions ?? [])])],
    android: {
      ...base.android,
      foregroundServiceTypes: types,
      ...(types.includes('specialUse') ? { specialUseSubtype: 'Testing' } : {}),
      ...android,
    },
  };
}

export function periodic(name: string, schedule: Partial<NonNullable<ServiceModel['schedule']>> = {}, extra: Partial<ServiceModel> = {}): ServiceModel {
  const base = model(name, extra);
  return {
    ...base,
    kind: 'periodic',
    android: { foregroundServiceTypes: [], restartOnBoot: false, onTimeout: 'stop' },
    schedule: { everyMinutes: 15, network: 'none', requiresCharging: false, requiresDeviceIdle: false, requiresBatteryNotLow: false, maxRunSeconds: 600, ...schedule },
  };
}
