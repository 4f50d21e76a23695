// Matrix row: a periodic job that reads the location in the background: it declares
// 'location' and 'backgroundLocation' (no foreground service is involved).
import { defineService } from 'create-bg-service';

export interface Events {
  /** Where the device was. */
  position: { lat: number; lon: number; accuracy?: number };
}

export default defineService<Events>({
  name: 'periodic-location',
  identifier: 'com.example.matrix.periodiclocation',
  kind: 'periodic',
  hosts: ['tauri', 'capacitor'],
  schedule: { everyMinutes: 15, network: 'any' },
  permissions: ['location', 'backgroundLocation', 'notifications'],
  ios: { usageDescriptions: { location: 'Logs where you were.', locationAlways: 'Logs where you were in the background.' } },
});
