// Matrix row: a continuous service of foreground-service type 'mediaProjection'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-media-projection',
  identifier: 'com.example.matrix.fgsmediaprojection',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['mediaProjection'],
    notification: { channel: 'cast', title: 'Sharing your screen', stopAction: true },
  },
});
