import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFrame, sanitizeForTerminal } from './codeframe.js';
import { colours } from './colour.js';

const source = ['one', 'two', '  three = 3;', 'four', 'five', 'six'].join('\n');

test('shows two lines of context and underlines the span', () => {
  assert.equal(
    codeFrame(source, 3, 3, 5),
    ['  1 | one', '  2 | two', '> 3 |   three = 3;', '    |   ^~~~~', '  4 | four', '  5 | five'].join('\n'),
  );
});

test('clamps the context at the file edges and the span at the line end', () => {
  assert.equal(codeFrame(source, 1, 2, 99), ['> 1 | one', '    |  ^~', '  2 | two', '  3 |   three = 3;'].join('\n'));
  assert.equal(codeFrame(source, 6, 1, 1, { context: 0 }), ['> 6 | six', '    | ^'].join('\n'));
});

test('keeps tabs in the underline padding so it lines up', () => {
  const frame = codeFrame('\tx: Date;', 1, 5, 4, { context: 0 });
  assert.equal(frame.split('\n')[1], '    | \t   ^~~~');
});

test('widens the gutter for two-digit line numbers, handles CRLF and a BOM', () => {
  const text = '\ufeff' + Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\r\n');
  const frame = codeFrame(text, 10, 1, 4, { context: 1 });
  assert.equal(frame, ['   9 | line 9', '> 10 | line 10', '     | ^~~~', '  11 | line 11'].join('\n'));
  assert.equal(codeFrame(text, 1, 1, 1, { context: 0 }).split('\n')[0], '> 1 | line 1');
});

test('returns nothing for a line outside the file', () => {
  assert.equal(codeFrame(source, 0, 1), '');
  assert.equal(codeFrame(source, 7, 1), '');
});

test('neutralises control and bidi characters (one unit each, so the caret stays put)', () => {
  assert.equal(sanitizeForTerminal('a\u001b[31mb\u202ec\u0000'), 'a\ufffd[31mb\ufffdc\ufffd');
  const frame = codeFrame("name: 'x\u202e', bad", 1, 13, 3, { context: 0 });
  assert.ok(!frame.includes('\u202e'));
  assert.equal(frame.split('\n')[1], '    |             ^~~');
});

test('colours only when asked', () => {
  assert.ok(!codeFrame(source, 2, 1).includes('\u001b'));
  assert.ok(codeFrame(source, 2, 1, 1, { colour: colours(true) }).includes('\u001b[31m'));
});

test('cuts a very long line to a window around the column', () => {
  const line = 'x'.repeat(5000) + 'HERE' + 'y'.repeat(5000);
  const frame = codeFrame(line, 1, 5001, 4, { context: 0, maxWidth: 60 });
  const [code, underline] = frame.split('\n') as [string, string];
  assert.ok(code.length < 80, code);
  assert.ok(code.startsWith('> 1 | …') && code.endsWith('…'));
  assert.equal(code.indexOf('HERE'), underline.indexOf('^'));
  assert.ok(underline.endsWith('^~~~'));
});
