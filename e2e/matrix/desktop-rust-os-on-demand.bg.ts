// Matrix row: the Rust desktop runner as an OS service started only by the
// app (no autostart, no keepAlive), periodic, without events or commands.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'desktop-rust-on-demand',
  identifier: 'com.example.matrix.desktop-rust-demand',
  kind: 'periodic',
  hosts: ['tauri'],
  schedule: { everyMinutes: 30 },
  desktop: { runtime: 'rust', mode: 'osService' },
});
