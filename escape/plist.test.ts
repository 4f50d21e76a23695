import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { plistString } from './plist.js';
import { check, firstNonXmlChar, sample, unicodeString } from './testing/arbitraries.js';
import { captureEscapeError } from './testing/errors.js';
import { commandWorks, missingTool } from './testing/toolchains.js';
import { parseWithSaxes, python } from './testing/xml-reader.js';

const xmlOnly = (piece: string) => firstNonXmlChar(piece) === -1;
const plistDoc = (inner: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  `<plist version="1.0">\n${inner}\n</plist>\n`;

describe('plistString', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['We sync your notes & <drafts> "daily"', 'We sync your notes &amp; &lt;drafts&gt; "daily"'],
      ['line1\r\nline2\rline3\n', 'line1&#13;\nline2&#13;line3\n'],
      ['\u202eevil', '&#x202e;evil'],
      ['😀 ]]>', '😀 ]]&gt;'],
    ];
    for (const [input, expected] of cases) assert.equal(plistString(input), expected, JSON.stringify(input));
  });

  test('NUL and other non-XML characters throw EscapeError naming the plist', () => {
    const e = captureEscapeError(() => plistString('usage\0text'));
    assert.deepEqual([e.target, e.index, e.codePoint], ['plist <string>', 5, 0]);
    assert.match(e.message, /^plist <string>: cannot write U\+0000 \(NUL\) at index 5/);
  });

  test('property: saxes reads <string> back exactly; throws exactly when, and where, a character is outside XML 1.0', () => {
    check(unicodeString(xmlOnly), (s) => {
      assert.deepEqual(parseWithSaxes(plistDoc(`<string>${plistString(s)}</string>`)).leafTexts, [s]);
    });
    check(unicodeString(), (s) => {
      const bad = firstNonXmlChar(s);
      if (bad !== -1) assert.equal(captureEscapeError(() => plistString(s)).index, bad);
    });
  });

  test("Python's plistlib (strict) reads a batch of <string> values back exactly", (t) => {
    if (!commandWorks('python3', ['--version'])) return missingTool(t, 'python3 not found on PATH', true);
    const strings = sample(unicodeString(xmlOnly), 400);
    const doc = plistDoc(`<array>\n${strings.map((s) => `<string>${plistString(s)}</string>`).join('\n')}\n</array>`);
    const got = python<string[]>('import sys, json, plistlib\nprint(json.dumps(plistlib.loads(sys.stdin.buffer.read())))', doc);
    assert.deepEqual(got, strings);
  });
});
