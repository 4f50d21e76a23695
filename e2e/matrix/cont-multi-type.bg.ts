// Matrix row: several foreground-service types at once, boot restart and reschedule.
import { defineService, type Integer } from 'create-bg-service';

export interface Events {
  fix: { lat: number; lon: number; accuracy?: number };
  synced: { count: Integer };
}

export interface Commands {
  pause(): void;
  resume(): void;
}

export default defineService<Events, Commands>({
  name: 'cont-multi-type',
  identifier: 'com.example.matrix.multitype',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['dataSync', 'location', 'shortService', 'specialUse', 'connectedDevice'],
    specialUseSubtype: 'Route sharing with a paired device',
    notification: { channel: 'route', title: 'Sharing your route', text: 'Tap to open', stopAction: true },
    restartOnBoot: true,
    onTimeout: 'reschedule',
  },
  permissions: ['location', 'bluetooth', 'notifications'],
  ios: { usageDescriptions: { location: 'Shares your route.', bluetooth: 'Talks to the paired device.' } },
});
