// Matrix row: a continuous service of foreground-service type 'systemExempted'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-system-exempted',
  identifier: 'com.example.matrix.fgssystemexempted',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['systemExempted'],
    notification: { channel: 'alarm', title: 'Alarm armed' },
    restartOnBoot: true,
  },
  permissions: ['exactAlarm'],
});
