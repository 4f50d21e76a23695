import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colours, shouldColour } from './colour.js';

test('colour on a TTY, not on a pipe', () => {
  assert.equal(shouldColour({ isTTY: true }, {}), true);
  assert.equal(shouldColour({ isTTY: false }, {}), false);
  assert.equal(shouldColour(undefined, {}), false);
});

test('NO_COLOR (non-empty) turns it off; TERM=dumb too', () => {
  assert.equal(shouldColour({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(shouldColour({ isTTY: true }, { NO_COLOR: '' }), true);
  assert.equal(shouldColour({ isTTY: true }, { TERM: 'dumb' }), false);
});

test('FORCE_COLOR forces it either way', () => {
  assert.equal(shouldColour({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(shouldColour({ isTTY: false }, { FORCE_COLOR: 'true', NO_COLOR: '1' }), true);
  assert.equal(shouldColour({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  assert.equal(shouldColour({ isTTY: true }, { FORCE_COLOR: 'false' }), false);
});

test('a disabled palette passes text through', () => {
  assert.equal(colours(false).red('x'), 'x');
  assert.equal(colours(true).red('x'), '\u001b[31mx\u001b[39m');
  assert.equal(colours(true).bold('x'), '\u001b[1mx\u001b[22m');
});
