// Types shared by matrix declarations, imported with a relative path.
import type { Integer } from 'create-bg-service';

/** A record as the services see it. */
export interface Item {
  id: string;
  revision: Integer;
  labels: string[];
}

/** Where an item came from. */
export type Origin = 'local' | 'remote' | 'peer-to-peer';
