// Matrix row: the Node desktop runner inside a Capacitor (Electron) app.
import { defineService, type Integer } from 'create-bg-service';

export interface Events {
  progress: { done: Integer; total: Integer };
  idle: void;
}

export interface Commands {
  pause(input: { seconds: Integer }): { resumesAt: string };
  onceMore(): void;
}

export default defineService<Events, Commands>({
  name: 'desktop-node-in-process',
  identifier: 'com.example.matrix.desktop-node-inproc',
  kind: 'continuous',
  hosts: ['capacitor'],
  android: { foregroundServiceType: ['dataSync'], notification: { channel: 'node', title: 'Node' } },
  desktop: { runtime: 'node', mode: 'inProcess' },
});
