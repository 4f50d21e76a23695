// Matrix row: a continuous service of foreground-service type 'camera'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-camera',
  identifier: 'com.example.matrix.fgscamera',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['camera'],
    notification: { channel: 'camera', title: 'Recording video' },
    restartOnBoot: true,
  },
  permissions: ['camera', 'notifications'],
  ios: { usageDescriptions: { camera: 'Records video.' } },
});
