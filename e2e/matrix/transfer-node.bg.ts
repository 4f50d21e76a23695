// Matrix row: a transfer service of a Capacitor app, so the Node engine on desktop.
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'transfer-node',
  identifier: 'com.example.matrix.transfernode',
  kind: 'transfer',
  hosts: ['capacitor'],
  transfer: { retries: 0, group: 'uploads' },
});
