// Matrix row: a continuous service of foreground-service type 'mediaPlayback'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-media-playback',
  identifier: 'com.example.matrix.fgsmediaplayback',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['mediaPlayback'],
    notification: { channel: 'playback', title: 'Playing', text: 'Now playing', importance: 'default' },
    restartOnBoot: true,
  },
});
