// Matrix row: a periodic job with no constraints and the default time budget.
import { defineService } from 'create-bg-service';

export interface Events {
  refreshed: { at: string };
}

export default defineService<Events>({
  name: 'periodic-basic',
  identifier: 'com.example.matrix.periodicbasic',
  kind: 'periodic',
  hosts: ['tauri', 'capacitor'],
  schedule: { everyMinutes: 15 },
});
