// Matrix row: the Node desktop runner as an OS service that starts with the
// session (Capacitor and Tauri hosts: a Tauri app can drive a Node service
// over IPC), with enums, records and nested arrays.
import { defineService, type Integer } from 'create-bg-service';

export interface Report {
  level: 'info' | 'warn';
  counts: Record<string, Integer>;
  grid?: number[][];
}

export interface Events {
  report: Report;
}

export interface Commands {
  summarize(input: { since?: string; levels: Array<'info' | 'warn'> }): Report;
}

export default defineService<Events, Commands>({
  name: 'desktop-node-os-service',
  identifier: 'com.example.matrix.desktop-node-os',
  description: 'Node OS service (100% local)',
  kind: 'continuous',
  hosts: ['capacitor', 'tauri'],
  android: { foregroundServiceType: ['dataSync'], notification: { channel: 'node', title: 'Node' } },
  desktop: { runtime: 'node', mode: 'osService', autostart: true },
});
