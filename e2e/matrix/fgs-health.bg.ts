// Matrix row: a continuous service of foreground-service type 'health'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-health',
  identifier: 'com.example.matrix.fgshealth',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['health'],
    notification: { channel: 'workout', title: 'Workout in progress' },
  },
});
