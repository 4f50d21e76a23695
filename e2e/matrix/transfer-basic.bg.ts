// Matrix row: a transfer service with every default (Tauri, so the Rust engine on desktop).
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'transfer-basic',
  identifier: 'com.example.matrix.transferbasic',
  kind: 'transfer',
  hosts: ['tauri'],
});
