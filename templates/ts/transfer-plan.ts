/**
 * The TypeScript of a transfer service (kind `transfer`): its types, appended
 * to the shared `types.ts` (Task, TaskStatus, the updates, records and the
 * `TransferApi` interface the service's API extends), and the client
 * (`transfer.ts`: tasks built with the declaration's defaults, download/upload
 * and batches awaiting their end, listeners, streams, the task database and
 * the replay of missed updates) over a host's native method. Rendered
 * wherever `types.ts` is: the standalone `ts/`, Tauri's guest-js, Capacitor's src.
 */
import type { ServiceModel } from '../../declaration/model.js';
import { renderTemplate } from '../../generator/render.js';
import { NOTIFICATION_PLACEHOLDERS, NOTIFICATION_STATES, SHARED_STORAGE, TRANSFER_EVENTS, TRANSFER_RULES, TRANSFER_STATUSES, transferDefaults } from './transfer-api.js';
import { tsHelpers } from './types.js';

function view(model: ServiceModel) {
  return {
    model,
    transfer: transferDefaults(model),
    rules: TRANSFER_RULES,
    statuses: TRANSFER_STATUSES,
    events: TRANSFER_EVENTS,
    sharedStorage: SHARED_STORAGE,
    notificationStates: NOTIFICATION_STATES,
    placeholders: Object.keys(NOTIFICATION_PLACEHOLDERS),
    h: tsHelpers,
  };
}

/** The transfer part of `types.ts` ('' for other kinds). */
export function renderTransferTypes(model: ServiceModel): string {
  return model.kind === 'transfer' ? renderTemplate('ts/transfer-types.ts.ejs', view(model)) : '';
}

/** `transfer.ts`, the client, beside `types.ts`. */
export function renderTransferClient(model: ServiceModel): string {
  return renderTemplate('ts/transfer.ts.ejs', view(model));
}
