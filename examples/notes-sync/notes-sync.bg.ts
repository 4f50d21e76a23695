// notes-sync.bg.ts — the declaration of one background service.
// `bg-service generate` reads this file (it never runs it) and writes the
// Android, iOS, desktop and TypeScript glue for every host listed below.
import { defineService, type Integer } from 'create-bg-service';

/** What the service tells the app. Plain data only. */
export interface SyncEvents {
  /** Sent after each note is synced. */
  progress: { done: Integer; total: Integer };
  /** A note changed on both sides; the app decides which version wins. */
  conflict: {
    /** Path of the note, relative to the notes folder. */
    path: string;
    reason?: 'editedOnBothSides' | 'deletedRemotely';
  };
}

/** What the app can ask the running service. */
export interface SyncCommands {
  /** Sync one folder now, without waiting for the next run. */
  syncNow(input: { folder: string }): { synced: Integer };
}

export default defineService<SyncEvents, SyncCommands>({
  name: 'notes-sync',
  identifier: 'com.example.notes.sync',
  description: 'Keeps the notes folder in sync with the server.',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['dataSync'],
    notification: { channel: 'sync', title: 'Syncing notes', stopAction: true },
    restartOnBoot: true,
  },
  ios: { refresh: { everyMinutes: 15 }, processing: { requiresNetwork: true } },
  desktop: { runtime: 'rust', mode: 'osService', autostart: true },
  permissions: ['notifications'],
});
