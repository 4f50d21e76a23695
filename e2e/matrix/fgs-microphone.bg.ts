// Matrix row: a continuous service of foreground-service type 'microphone'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-microphone',
  identifier: 'com.example.matrix.fgsmicrophone',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['microphone'],
    notification: { channel: 'mic', title: 'Recording audio', stopAction: 'Stop recording' },
    restartOnBoot: true,
  },
  permissions: ['microphone'],
  ios: { usageDescriptions: { microphone: 'Records audio.' } },
});
