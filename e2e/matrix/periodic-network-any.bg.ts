// Matrix row: a periodic job needing any network and a charger, with a short time budget.
import { defineService, type Integer } from 'create-bg-service';

export interface Commands {
  runNow(): { fetched: Integer };
}

export default defineService<Record<never, never>, Commands>({
  name: 'periodic-network-any',
  identifier: 'com.example.matrix.periodicnetworkany',
  kind: 'periodic',
  hosts: ['capacitor'],
  schedule: { everyMinutes: 60, network: 'any', requiresCharging: true, maxRunSeconds: 30 },
  permissions: ['notifications'],
});
