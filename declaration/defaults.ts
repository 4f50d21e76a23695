/**
 * From valid options to the option part of the model, filling every default.
 * Each default is written here once, with the reason for it.
 */
import type { ServiceOptions } from './define.js';
import type { AndroidModel, DesktopModel, IosModel, ScheduleModel, ServiceModel, TransferModel } from './model.js';
import { nameForms } from './naming.js';

export type OptionsPart = Omit<ServiceModel, 'sourceFile' | 'types' | 'events' | 'commands' | 'loc'>;

/** Call only when the options passed every check: required keys are then present. */
export function applyDefaults(o: ServiceOptions): OptionsPart {
  const part: OptionsPart = {
    names: nameForms(o.name),
    kind: o.kind,
    hosts: [...o.hosts],
    android: android(o),
    ios: ios(o),
    desktop: desktop(o),
    // No permissions unless declared: each one adds manifest and plist entries.
    permissions: [...(o.permissions ?? [])],
  };
  if (o.identifier !== undefined) part.identifier = o.identifier;
  if (o.description !== undefined) part.description = o.description;
  if (o.schedule) part.schedule = schedule(o.schedule);
  if (o.kind === 'transfer') part.transfer = transfer(o.transfer ?? {});
  return part;
}

function android(o: ServiceOptions): AndroidModel {
  const a = o.android ?? {};
  const model: AndroidModel = {
    foregroundServiceTypes: [...(a.foregroundServiceType ?? [])],
    // Off by default: restarting after boot is a product decision, and on
    // Android 15 most types may not start from BOOT_COMPLETED at all.
    restartOnBoot: a.restartOnBoot ?? false,
    // 'stop' is what Android expects (onTimeout must stop the service quickly).
    onTimeout: a.onTimeout ?? 'stop',
  };
  // The package defaults to the identifier made a valid Kotlin package
  // ('-' is legal in bundle ids but not in packages); without an identifier it
  // is resolved later against the host app.
  if (a.package !== undefined) model.package = a.package;
  else if (o.identifier !== undefined) model.package = packageFromIdentifier(o.identifier);
  if (a.specialUseSubtype !== undefined) model.specialUseSubtype = a.specialUseSubtype;
  const n = a.notification;
  if (n) {
    model.notification = {
      channel: n.channel,
      // The channel name is shown in system settings; the title is the best guess.
      channelName: n.channelName ?? n.title,
      title: n.title,
      // 'low': an ongoing service notification should not make a sound.
      importance: n.importance ?? 'low',
    };
    if (n.text !== undefined) model.notification.text = n.text;
    // `stopAction: true` uses the label 'Stop'; false or absent shows no action.
    if (n.stopAction === true) model.notification.stopActionLabel = 'Stop';
    else if (typeof n.stopAction === 'string') model.notification.stopActionLabel = n.stopAction;
  }
  return model;
}

/** `com.example.my-app` → `com.example.my_app`; a segment starting with a digit gets a leading `_`. */
export function packageFromIdentifier(identifier: string): string {
  return identifier
    .split('.')
    .map((s) => s.replace(/-/g, '_').replace(/^(\d)/, '_$1'))
    .join('.');
}

function ios(o: ServiceOptions): IosModel {
  const i = o.ios ?? {};
  const model: IosModel = {
    backgroundModes: [...(i.backgroundModes ?? [])],
    usageDescriptions: { ...(i.usageDescriptions ?? {}) },
    // 'development' until the user says otherwise: it is what Xcode signs debug builds with.
    pushEnvironment: i.pushEnvironment ?? 'development',
  };
  // A periodic service refreshes on iOS at its own period unless told
  // otherwise (`refresh: false` turns it off); for other kinds `refresh: true`
  // means the 15-minute floor.
  const period = o.kind === 'periodic' && o.schedule ? o.schedule.everyMinutes : 15;
  if (typeof i.refresh === 'object') model.refresh = { everyMinutes: i.refresh.everyMinutes };
  else if (i.refresh === true || (i.refresh === undefined && o.kind === 'periodic')) model.refresh = { everyMinutes: period };
  // `processing: true` means no constraints.
  if (i.processing === true) model.processing = { requiresNetwork: false, requiresExternalPower: false };
  else if (typeof i.processing === 'object')
    model.processing = {
      requiresNetwork: i.processing.requiresNetwork ?? false,
      requiresExternalPower: i.processing.requiresExternalPower ?? false,
    };
  return model;
}

function desktop(o: ServiceOptions): DesktopModel {
  const d = o.desktop;
  return {
    // Rust where a Tauri host can carry it, else Node; in the app's process
    // unless the user asks for an OS service (which needs installing).
    runtime: d?.runtime ?? (o.hosts.includes('tauri') ? 'rust' : 'node'),
    mode: d?.mode ?? 'inProcess',
    autostart: d?.autostart ?? false,
    keepAlive: d?.keepAlive ?? false,
    outliveLogout: d?.outliveLogout ?? false,
  };
}

function schedule(s: NonNullable<ServiceOptions['schedule']>): ScheduleModel {
  return {
    everyMinutes: s.everyMinutes,
    // No constraint unless asked: a job with constraints may wait for hours.
    network: s.network ?? 'none',
    requiresCharging: s.requiresCharging ?? false,
    requiresDeviceIdle: s.requiresDeviceIdle ?? false,
    requiresBatteryNotLow: s.requiresBatteryNotLow ?? false,
    // Ten minutes: the most JobScheduler gives one run of a regular job.
    maxRunSeconds: s.maxRunSeconds ?? 600,
  };
}

function transfer(t: NonNullable<ServiceOptions['transfer']>): TransferModel {
  return {
    // Three retries with exponential backoff (2 s, 4 s, 8 s) ride out a flaky network.
    retries: t.retries ?? 3,
    requiresUnmetered: t.requiresUnmetered ?? false,
    requiresCharging: t.requiresCharging ?? false,
    // Pausing needs server support (Range + a strong ETag), so it is opt-in.
    allowPause: t.allowPause ?? false,
    group: t.group ?? 'default',
    // Four parallel transfers per host: what browsers' per-host limits suggest, without hammering one server.
    maxConcurrentPerHost: t.maxConcurrentPerHost ?? 4,
    // Opt-ins: each adds a permission (Android 9 and below) or a usage string (iOS Photos).
    sharedStorage: {
      androidLegacyStorage: t.sharedStorage?.androidLegacyStorage ?? false,
      ...(t.sharedStorage?.iosPhotosUsage !== undefined ? { iosPhotosUsage: t.sharedStorage.iosPhotosUsage } : {}),
    },
    notifications: { ...(t.notifications ?? {}) },
  };
}
