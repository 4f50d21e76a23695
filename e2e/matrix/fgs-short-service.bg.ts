// Matrix row: a continuous service of foreground-service type 'shortService'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-short-service',
  identifier: 'com.example.matrix.fgsshortservice',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['shortService'],
    notification: { channel: 'short', title: 'Finishing up' },
    onTimeout: 'notifyUser',
  },
});
