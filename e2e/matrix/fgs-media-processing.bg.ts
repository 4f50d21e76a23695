// Matrix row: a continuous service of foreground-service type 'mediaProcessing'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-media-processing',
  identifier: 'com.example.matrix.fgsmediaprocessing',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['mediaProcessing'],
    notification: { channel: 'encode', title: 'Converting video', stopAction: true },
    onTimeout: 'reschedule',
  },
});
