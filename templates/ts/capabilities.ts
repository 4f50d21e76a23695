/**
 * What a service can count on, per platform and scenario, computed from its
 * declaration: the table seed 000 documents by hand ("guaranteed /
 * best-effort / unsupported"), but for this service's kind and options. The
 * generated `getCapabilities()` returns the current platform's row; the
 * whole matrix is exported too, for the app's documentation or settings UI.
 */
import type { ServiceModel } from '../../declaration/model.js';

export type Guarantee = 'guaranteed' | 'bestEffort' | 'unsupported';
export const SCENARIOS = ['backgroundExecution', 'survivesAppClose', 'survivesReboot', 'survivesForceQuit'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const PLATFORMS = ['android', 'ios', 'desktop', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Capability {
  level: Guarantee;
  /** Why, in one sentence (shown to developers; plain text). */
  note: string;
}

export type CapabilityMatrix = Record<Platform, Record<Scenario, Capability>>;

const cap = (level: Guarantee, note: string): Capability => ({ level, note });

/** Foreground-service types with a daily time limit on Android 15 (onTimeout). */
const TIMED_TYPES = new Set(['dataSync', 'mediaProcessing', 'shortService']);
/** Types Android 15 refuses to start from BOOT_COMPLETED. */
const BOOT_RESTRICTED = new Set(['dataSync', 'camera', 'mediaPlayback', 'phoneCall', 'mediaProjection', 'microphone']);

function android(m: ServiceModel): Record<Scenario, Capability> {
  const forceQuit = cap('unsupported', 'Force stop (Settings › Force stop) cancels services, jobs and alarms until the user opens the app again.');
  if (m.kind === 'transfer') {
    return {
      backgroundExecution: cap('guaranteed', 'Each transfer is a user-initiated data transfer job on Android 14+ (a job, or a dataSync foreground service when started from the app, below): it runs with its notification while the app is in the background.'),
      survivesAppClose: cap('guaranteed', 'The jobs go on after the app leaves the screen or its process ends.'),
      survivesReboot: cap('bestEffort', "Jobs do not survive a reboot; the task store does, and the next call of the transfer API schedules the unfinished tasks again (they resume their partial files)."),
      survivesForceQuit: forceQuit,
    };
  }
  if (m.kind === 'periodic') {
    return {
      backgroundExecution: cap('bestEffort', `A JobScheduler job every ${m.schedule?.everyMinutes ?? 15} minutes or more: Doze, App Standby buckets and the job's constraints decide when it runs.`),
      survivesAppClose: cap('bestEffort', 'The job runs without the app open; some OEM battery managers stop jobs of apps the user swiped away.'),
      survivesReboot: cap('bestEffort', 'The job is persisted (setPersisted) and scheduled again after a reboot.'),
      survivesForceQuit: forceQuit,
    };
  }
  const types = m.android.foregroundServiceTypes;
  const timed = types.filter((t) => TIMED_TYPES.has(t));
  const restricted = types.filter((t) => BOOT_RESTRICTED.has(t));
  return {
    backgroundExecution: cap(
      'guaranteed',
      `A foreground service with a notification${timed.length ? `; Android 15 limits type ${timed.join(', ')} to about 6 hours a day (onTimeout: ${m.android.onTimeout})` : ''}.`,
    ),
    survivesAppClose: cap('bestEffort', 'stopWithTask=false and START_STICKY keep it running after the app is swiped away; some OEM battery managers still kill it.'),
    survivesReboot: m.android.restartOnBoot
      ? cap(
          'bestEffort',
          restricted.length
            ? `A boot receiver restarts it; on Android 15+ type ${restricted.join(', ')} may not start from boot, so it posts a "tap to resume" notification instead.`
            : 'A boot receiver restarts it after a reboot or an app update.',
        )
      : cap('unsupported', 'restartOnBoot is off: after a reboot it starts again only when the app starts it.'),
    survivesForceQuit: forceQuit,
  };
}

function ios(m: ServiceModel): Record<Scenario, Capability> {
  const forceQuit = cap('unsupported', 'A user who force-quits the app from the app switcher stops all its background tasks until they open it again.');
  if (m.kind === 'transfer') {
    return {
      backgroundExecution: cap('guaranteed', 'A background URLSession: the system transfers while the app is suspended, and relaunches it in the background to finish.'),
      survivesAppClose: cap('guaranteed', 'Transfers go on in a system daemon after the app is suspended or terminated by the system.'),
      survivesReboot: cap('unsupported', 'A reboot ends the background session\'s transfers; their records stay, so the app can enqueue them again.'),
      survivesForceQuit: cap('unsupported', 'Force-quitting the app from the app switcher cancels its background transfers.'),
    };
  }
  return {
    backgroundExecution: cap('bestEffort', 'BGTaskScheduler windows (about 30 s for app refresh, minutes for processing) when iOS chooses to grant them.'),
    survivesAppClose: cap('bestEffort', 'Scheduled background tasks still run after the app leaves the screen and is suspended.'),
    survivesReboot: cap('bestEffort', 'Scheduled requests stay pending across a reboot; iOS decides when they run.'),
    survivesForceQuit: forceQuit,
  };
}

/** A row whose three survival scenarios have one answer. */
function inAppRow(backgroundExecution: Capability, survival: Capability): Record<Scenario, Capability> {
  return { backgroundExecution, survivesAppClose: survival, survivesReboot: survival, survivesForceQuit: survival };
}

function desktop(m: ServiceModel): Record<Scenario, Capability> {
  if (m.kind === 'transfer') {
    return inAppRow(
      cap('guaranteed', 'The transfer engine runs inside the app process, also with no window open.'),
      cap('bestEffort', 'The transfers stop with the app and resume (with their partial files) when it starts again.'),
    );
  }
  if (m.desktop.mode === 'osService') {
    return {
      backgroundExecution: cap('guaranteed', 'A separate process managed by systemd, launchd or Task Scheduler.'),
      survivesAppClose: cap('guaranteed', 'The OS service keeps running when the app quits.'),
      survivesReboot: m.desktop.autostart
        ? cap('guaranteed', 'autostart: the service manager starts it again at login.')
        : cap('unsupported', 'autostart is off: after a reboot it runs only once the app (or the user) starts it.'),
      survivesForceQuit: cap('guaranteed', "Killing the app does not touch the OS service: it is not the app's child process."),
    };
  }
  return inAppRow(
    cap('guaranteed', 'A task inside the app process, running while the app runs (also with no window open).'),
    cap('unsupported', 'In-process mode: the service is a task inside the app and ends with it.'),
  );
}

function web(): Record<Scenario, Capability> {
  const no = cap('unsupported', 'A web page cannot run background services.');
  return { backgroundExecution: no, survivesAppClose: no, survivesReboot: no, survivesForceQuit: no };
}

export function capabilityMatrix(m: ServiceModel): CapabilityMatrix {
  return { android: android(m), ios: ios(m), desktop: desktop(m), web: web() };
}
