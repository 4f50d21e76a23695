/**
 * The desktop targets: the service runner in Rust (Tauri hosts) or in Node
 * (Capacitor/Electron apps and standalone modules), chosen by
 * `desktop.runtime`. Both give the same lifecycle, stop reasons, desired
 * state, typed events and commands, IPC wire format and OS-service controls.
 */
export { desktopRustTarget } from './rust-target.js';
export { desktopNodeTarget } from './node-target.js';
export { desktopNodeTransferTarget, desktopRustTransferTarget } from './transfer-target.js';
