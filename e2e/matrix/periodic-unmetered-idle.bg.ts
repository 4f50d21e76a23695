// Matrix row: a periodic job on unmetered network, idle device and battery not low
// (an idle job has no backoff criteria).
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'periodic-unmetered-idle',
  identifier: 'com.example.matrix.periodicunmeteredidle',
  kind: 'periodic',
  hosts: ['tauri'],
  schedule: { everyMinutes: 1440, network: 'unmetered', requiresDeviceIdle: true, requiresBatteryNotLow: true, maxRunSeconds: 600 },
});
