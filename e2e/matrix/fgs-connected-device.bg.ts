// Matrix row: a continuous service of foreground-service type 'connectedDevice'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-connected-device',
  identifier: 'com.example.matrix.fgsconnecteddevice',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['connectedDevice'],
    notification: { channel: 'device', title: 'Connected to your watch', importance: 'min' },
    restartOnBoot: true,
  },
  permissions: ['bluetooth'],
  ios: { usageDescriptions: { bluetooth: 'Talks to your watch.' } },
});
