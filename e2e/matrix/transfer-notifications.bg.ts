// Matrix row: a transfer service with every transfer option, all four notifications with every
// placeholder, hostile text in them, its own channel, moveToSharedStorage's opt-ins, on both hosts.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'transfer-notifications',
  identifier: 'com.example.matrix.transfernotifications',
  kind: 'transfer',
  hosts: ['tauri', 'capacitor'],
  android: { notification: { channel: 'downloads', title: 'Downloads', channelName: 'Downloads "and" uploads' } },
  transfer: {
    retries: 5,
    requiresUnmetered: true,
    requiresCharging: true,
    allowPause: true,
    group: 'media "group" $x',
    maxConcurrentPerHost: 2,
    // moveToSharedStorage's opt-ins: the legacy public folders (Android 9-) and Photos (iOS), hostile text in the usage string.
    sharedStorage: { androidLegacyStorage: true, iosPhotosUsage: 'Saves "your" photos $x \\ \u202e' },
    notifications: {
      running: { title: 'Downloading {filename}', body: '{progress} — "{metadata}" $ \\ \u202e' },
      complete: { title: 'Done: {filename}' },
      error: { title: 'Failed: {filename}', body: '{metadata}' },
      paused: { title: 'Paused {filename}', body: '{progress}' },
    },
  },
  permissions: ['notifications'],
});
