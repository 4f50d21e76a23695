// Matrix row: a continuous service of foreground-service type 'phoneCall'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-phone-call',
  identifier: 'com.example.matrix.fgsphonecall',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['phoneCall'],
    notification: { channel: 'call', title: 'On a call', importance: 'high', stopAction: 'Hang up' },
    restartOnBoot: true,
  },
});
