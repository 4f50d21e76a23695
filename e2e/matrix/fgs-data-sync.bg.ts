// Matrix row: a continuous service of foreground-service type 'dataSync'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-data-sync',
  identifier: 'com.example.matrix.fgsdatasync',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['dataSync'],
    notification: { channel: 'sync', title: 'Syncing', stopAction: true },
    restartOnBoot: true,
    onTimeout: 'reschedule',
  },
});
