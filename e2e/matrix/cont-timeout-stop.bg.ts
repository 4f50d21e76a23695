// Matrix row: dataSync (timed out by Android 15) with onTimeout 'stop' and boot restart.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'cont-timeout-stop',
  identifier: 'com.example.matrix.timeoutstop',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['dataSync', 'mediaProcessing'],
    notification: { channel: 'work', title: 'Working', importance: 'min' },
    restartOnBoot: true,
    onTimeout: 'stop',
  },
});
