// Matrix row: a continuous service of foreground-service type 'remoteMessaging'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-remote-messaging',
  identifier: 'com.example.matrix.fgsremotemessaging',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: {
    foregroundServiceType: ['remoteMessaging'],
    notification: { channel: 'messages', title: 'Messages', text: 'Connected to your messages' },
    onTimeout: 'notifyUser',
  },
});
