// Matrix row: a continuous service of foreground-service type 'location'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-location',
  identifier: 'com.example.matrix.fgslocation',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['location'],
    notification: { channel: 'location', title: 'Tracking your route' },
    restartOnBoot: true,
  },
  permissions: ['location'],
  ios: { usageDescriptions: { location: 'Tracks your route.' } },
});
