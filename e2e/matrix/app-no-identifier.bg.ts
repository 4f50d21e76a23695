// Matrix row: no identifier and no package: both come from the host app's id, so this
// row is generated only inside apps.
import { defineService } from 'create-bg-service';

export interface Events {
  done: void;
}

export default defineService<Events>({
  name: 'app-no-identifier',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['dataSync'],
    notification: { channel: 'app', title: 'App service' },
  },
});
