import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../parsers/xml.js';
import { applyEdits, changedSpan, EditError, mergeDeletions, runPlan } from './edit.js';
import { assertLines } from './harness.test.js';
import { detectEol, detectIndentUnit, insertLinesAfter, insertLinesBefore, ownLines } from './text.js';

test('applyEdits: any order in, edits at one offset in the order given, untouched text kept', () => {
  const src = 'abcdef';
  assert.equal(
    applyEdits(src, [
      { start: 4, end: 5, text: 'E' },
      { start: 1, end: 1, text: '1' },
      { start: 1, end: 1, text: '2' },
      { start: 1, end: 3, text: 'BC' },
    ]),
    'a12BCdEf',
  );
  assert.equal(applyEdits(src, []), src);
});

test('applyEdits: overlapping or out-of-range edits are refused', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, text: '' }, { start: 2, end: 4, text: '' }]), /overlap at offset 2/);
  assert.throws(() => applyEdits('abc', [{ start: 2, end: 4, text: '' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ start: 2, end: 1, text: '' }]), RangeError);
});

test('mergeDeletions: overlapping and touching deletions become one', () => {
  assert.deepEqual(mergeDeletions([{ start: 5, end: 7 }, { start: 0, end: 2 }, { start: 1, end: 3 }, { start: 3, end: 4 }]), [
    { start: 0, end: 4, text: '' },
    { start: 5, end: 7, text: '' },
  ]);
});

test('runPlan: nothing to do returns the input; a result that does not parse or does not converge is refused', () => {
  const src = '<a/>';
  assert.equal(runPlan(src, () => []), src);
  // The plan parses its input: on the broken result, that throws, and runPlan says so instead of returning it.
  const breaks = (t: string) => (parseXml(t), t === src ? [{ start: 0, end: 0, text: '<' }] : []);
  assert.throws(() => runPlan(src, breaks), (e: unknown) => e instanceof EditError && /would not parse/.test(e.message));
  // A plan that always finds more to do never reached its goal.
  const diverges = (t: string) => [{ start: t.length, end: t.length, text: ' ' }];
  assert.throws(() => runPlan(src, diverges), (e: unknown) => e instanceof EditError && /did not reach its goal/.test(e.message));
  // Malformed input: the parser's own located error comes through unchanged.
  assert.throws(() => runPlan('<a>', (t) => (parseXml(t, 'f.xml'), [])), /^XmlParseError: f\.xml:1:1: <a> is never closed$/m);
});

test('changedSpan: one edit between common prefix and suffix, never splitting CRLF or a surrogate pair', () => {
  assert.deepEqual(changedSpan('same', 'same'), []);
  assert.deepEqual(changedSpan('a="x"', 'a="xy"'), [{ start: 4, end: 4, text: 'y' }]);
  const [crlf] = changedSpan('a\r\nb', 'a\r\r\nb');
  assert.equal(applyEdits('a\r\nb', [crlf!]), 'a\r\r\nb');
  assert.ok(crlf!.start <= 1 || crlf!.start >= 3, 'not between \\r and \\n');
  const [emoji] = changedSpan('\ud83c\udf89', '\ud83c\udf8a');
  assert.deepEqual(emoji, { start: 0, end: 2, text: '\ud83c\udf8a' });
});

test('ownLines: a node alone on its lines takes its indentation and line ending; elsewhere it is not alone', () => {
  const src = 'a\n  <x/>\r\nb';
  assert.deepEqual(ownLines(src, 4, 8), { start: 2, end: 10 });
  assert.equal(ownLines('a <x/>\n', 2, 6), undefined);
  assert.equal(ownLines('<x/> b\n', 0, 4), undefined);
  // On a last line without a line ending, the ending before it goes instead, so the text still ends as it did.
  assert.deepEqual(ownLines('a\r\n  <x/>', 5, 9), { start: 1, end: 9 });
});

test('insertLinesAfter / insertLinesBefore reuse the line ending of the line they attach to', () => {
  const src = 'a\r\nb\nc';
  assert.equal(applyEdits(src, [insertLinesAfter(src, 0, 'X', '\n')]), 'a\r\nX\r\nb\nc');
  assert.equal(applyEdits(src, [insertLinesAfter(src, 6, 'X', '\n')]), 'a\r\nb\nc\nX');
  assert.equal(applyEdits(src, [insertLinesBefore(src, 3, 'X', '\r\n')]), 'a\r\nX\nb\nc');
});

test('detectIndentUnit / detectEol: the most frequent, with a fallback', () => {
  assert.equal(detectIndentUnit([['', '\t'], ['\t', '\t\t'], ['', '    ']], '  '), '\t');
  assert.equal(detectIndentUnit([['    ', '      '], ['', '    '], ['    ', '        ']], '\t'), '    ');
  assert.equal(detectIndentUnit([['', ''], ['\t', ' ']], '  '), '  ');
  assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
  assert.equal(detectEol('one line', '\r\n'), '\r\n');
});

test('assertLines (the tests’ main assertion) rejects any other change', () => {
  assertLines('a\nb\n', 'a\nx\nb\n', { added: ['x'] });
  assertLines('a\n]\n}\n', 'a\n],\nn\n]\n}\n', { removed: [']'], added: ['],', 'n', ']'] });
  assert.throws(() => assertLines('a\nb\n', 'a\nx\nb\n', { added: [] }));
  assert.throws(() => assertLines('a\nb\n', 'a\nx\nb\n', { added: ['x '] }));
  assert.throws(() => assertLines('a\nb\n', 'a\nx\nB\n', { added: ['x'] }));
  assert.throws(() => assertLines('a\r\nb\r\n', 'a\r\nx\nb\r\n', { added: ['x'] }, '\r\n'));
  assert.throws(() => assertLines('a\nb\n', 'x\na\nb\ny\n', { added: ['x', 'y'] }));
});
