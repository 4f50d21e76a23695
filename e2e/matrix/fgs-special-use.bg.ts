// Matrix row: a continuous service of foreground-service type 'specialUse'.
import { defineService } from 'create-bg-service';

export interface Events {
  /** A tick with a counter. */
  tick: { count: number };
}

export default defineService<Events>({
  name: 'fgs-special-use',
  identifier: 'com.example.matrix.fgsspecialuse',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['specialUse'],
    specialUseSubtype: 'Keeps a <VPN-like> tunnel & "relay" open; see https://example.com/?a=1&b=2',
    notification: { channel: 'relay', title: 'Relay running' },
    restartOnBoot: true,
  },
});
