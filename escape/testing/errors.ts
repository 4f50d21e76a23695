import assert from 'node:assert/strict';
import { EscapeError } from '../errors.js';

/** Run `f`, which must throw an `EscapeError`, and return it. */
export function captureEscapeError(f: () => unknown): EscapeError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EscapeError, `expected EscapeError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an EscapeError');
}
