// Matrix row: a periodic job with battery-not-low and charging, and typed events/commands.
import { defineService } from 'create-bg-service';
import type { Item, Origin } from './types/shared.js';

export interface Events {
  imported: { items: Item[]; origin: Origin };
}

export interface Commands {
  importFrom(origin: Origin): { count: number };
}

export default defineService<Events, Commands>({
  name: 'periodic-battery',
  identifier: 'com.example.matrix.periodicbattery',
  kind: 'periodic',
  hosts: ['tauri', 'capacitor'],
  schedule: { everyMinutes: 30, requiresCharging: true, requiresBatteryNotLow: true },
});
