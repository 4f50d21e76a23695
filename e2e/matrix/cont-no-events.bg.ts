// Matrix row: the smallest continuous service: no events, no commands, defaults everywhere.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'cont-no-events',
  identifier: 'com.example.matrix.noevents',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['remoteMessaging'],
    notification: { channel: 'quiet', title: 'Quiet' },
  },
});
