/**
 * Names the desktop runners derive from the model, where the runner's own API
 * could collide with a declared command: a command called `run` would clash
 * with the service's `run`, one called `start` with the control API's
 * `start`. Such a command's handler and typed method get a `Command` suffix
 * (`run_command` / `runCommand`); the wire name stays the declared one.
 */
import type { CommandDecl } from '../../declaration/model.js';

/** Methods of the Rust service trait, `ServiceContext` and the `Control` traits. */
const RUST_TAKEN = new Set(['init', 'run', 'on_stop', 'call', 'subscribe', 'start', 'stop', 'status', 'command', 'recover']);
/** Methods of the Node service interface and the runner/client control API. */
const TS_TAKEN = new Set(['init', 'run', 'onStop', 'call', 'subscribe', 'start', 'stop', 'status', 'command', 'recover', 'close', 'on', 'off']);

/** The Rust method for a command (handler in the service trait, typed call in the control trait). */
export function rustCommandMethod(c: CommandDecl): string {
  return RUST_TAKEN.has(c.names.snake) ? `${c.names.snake}_command` : c.names.snake;
}

/** The TS method for a command. */
export function tsCommandMethod(c: CommandDecl): string {
  return TS_TAKEN.has(c.name) ? `${c.name}Command` : c.name;
}
