// Matrix row: a transfer service. Its Android code comes with issue 10: until then the
// Android target generates nothing for it (the check asserts exactly that).
import { defineService } from 'create-bg-service';

export default defineService({
  name: 'transfer-basic',
  identifier: 'com.example.matrix.transferbasic',
  kind: 'transfer',
  hosts: ['tauri'],
});
