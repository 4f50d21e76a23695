// Matrix row: dataSync (timed out by Android 15) with onTimeout 'notifyUser' and boot restart.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'cont-timeout-notifyuser',
  identifier: 'com.example.matrix.timeoutnotifyuser',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['dataSync', 'mediaProcessing'],
    notification: { channel: 'work', title: 'Working', importance: 'min' },
    restartOnBoot: true,
    onTimeout: 'notifyUser',
  },
});
