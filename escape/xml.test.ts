import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, firstHiddenInSource, firstNonXmlChar, sample, unicodeString } from './testing/arbitraries.js';
import { captureEscapeError } from './testing/errors.js';
import { commandWorks, missingTool } from './testing/toolchains.js';
import { parseWithSaxes, python } from './testing/xml-reader.js';
import { xmlAttr, xmlText } from './xml.js';

const xmlOnly = (piece: string) => firstNonXmlChar(piece) === -1;
const attrDoc = (s: string, q: '"' | "'") => `<r a=${q}${xmlAttr(s, q)}${q}/>`;
const textDoc = (s: string) => `<r>${xmlText(s)}</r>`;

describe('xmlAttr', () => {
  test('examples', () => {
    const cases: Array<[string, '"' | "'" | undefined, string]> = [
      ['', undefined, ''],
      ['a & b <c> "d" \'e\'', undefined, 'a &amp; b &lt;c&gt; &quot;d&quot; \'e\''],
      ['a & b <c> "d" \'e\'', "'", 'a &amp; b &lt;c&gt; "d" &apos;e&apos;'],
      ['&amp; &#0;', undefined, '&amp;amp; &amp;#0;'],
      ['tab\there\nLF\r\nCRLF\rCR', undefined, 'tab&#9;here&#10;LF&#13;&#10;CRLF&#13;CR'],
      ['\x7f\x85\u202e\ufeff\ufdd0', undefined, '&#x7f;&#x85;&#x202e;&#xfeff;&#xfdd0;'],
      ['😀 中文 ${x} */ \\(', undefined, '😀 中文 ${x} */ \\('],
    ];
    for (const [input, quote, expected] of cases) assert.equal(xmlAttr(input, quote), expected, JSON.stringify(input));
  });

  test('tab, LF and CR survive attribute-value normalisation', () => {
    assert.equal(parseWithSaxes(attrDoc(' a\tb\nc\r\nd\re ', '"')).attributes.a, ' a\tb\nc\r\nd\re ');
  });

  test('characters XML 1.0 cannot hold throw EscapeError naming the character and its index', () => {
    const nul = captureEscapeError(() => xmlAttr('name\0'));
    assert.equal(nul.index, 4);
    assert.match(nul.message, /^XML attribute value: cannot write U\+0000 \(NUL\) at index 4 of "name\\u\{0\}": XML 1\.0 has no way/);
    for (const [s, index, cp] of [['\x01', 0, 1], ['ok\x1b', 2, 0x1b], ['\uffff', 0, 0xffff], ['\ufffe', 0, 0xfffe], ['x\ud800', 1, 0xd800], ['😀\udfff', 2, 0xdfff]] as const) {
      const e = captureEscapeError(() => xmlAttr(s));
      assert.deepEqual([e.index, e.codePoint], [index, cp], JSON.stringify(s));
    }
  });

  test('property: saxes decodes the attribute (both quotes) to the exact string; no hidden character stays raw', () => {
    check(unicodeString(xmlOnly), (s) => {
      for (const q of ['"', "'"] as const) {
        assert.equal(parseWithSaxes(attrDoc(s, q)).attributes.a, s);
        assert.equal(firstHiddenInSource(xmlAttr(s, q)), -1);
      }
    });
  });

  test('property: throws exactly when, and where, a character is outside XML 1.0', () => {
    check(unicodeString(), (s) => {
      const bad = firstNonXmlChar(s);
      if (bad === -1) assert.equal(parseWithSaxes(attrDoc(s, '"')).attributes.a, s);
      else assert.equal(captureEscapeError(() => xmlAttr(s)).index, bad);
    });
  });
});

describe('xmlText', () => {
  test('examples', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['a & b <c> "d" \'e\'', 'a &amp; b &lt;c&gt; "d" \'e\''],
      [']]> <![CDATA[ <!-- -->', ']]&gt; &lt;![CDATA[ &lt;!-- --&gt;'],
      ['tab\there\nLF\r\nCRLF\rCR', 'tab\there\nLF&#13;\nCRLF&#13;CR'],
      ['\x85\u2028\u202e', '&#x85;&#x2028;&#x202e;'],
      ['😀 中文', '😀 中文'],
    ];
    for (const [input, expected] of cases) assert.equal(xmlText(input), expected, JSON.stringify(input));
  });

  test('NUL and other non-XML characters throw EscapeError', () => {
    const e = captureEscapeError(() => xmlText('ab\x0c'));
    assert.deepEqual([e.target, e.index, e.codePoint], ['XML text', 2, 0x0c]);
  });

  test('property: saxes decodes the text to the exact string; throws exactly when, and where, a character is outside XML 1.0', () => {
    check(unicodeString(xmlOnly), (s) => {
      assert.deepEqual(parseWithSaxes(textDoc(s)).leafTexts, [s]);
      assert.equal(firstHiddenInSource(xmlText(s).replace(/[\t\n]/g, '')), -1);
    });
    check(unicodeString(), (s) => {
      const bad = firstNonXmlChar(s);
      if (bad === -1) assert.deepEqual(parseWithSaxes(textDoc(s)).leafTexts, [s]);
      else assert.equal(captureEscapeError(() => xmlText(s)).index, bad);
    });
  });

  test("Python's expat (ElementTree) reads a batch of attributes and texts back exactly", (t) => {
    if (!commandWorks('python3', ['--version'])) return missingTool(t, 'python3 not found on PATH', true);
    const strings = sample(unicodeString(xmlOnly));
    const doc = `<batch>${strings.map((s) => `<e a="${xmlAttr(s)}" b='${xmlAttr(s, "'")}'>${xmlText(s)}</e>`).join('\n')}</batch>`;
    const got = python<Array<[string, string, string]>>(
      'import sys, json, xml.etree.ElementTree as ET\n' +
        'root = ET.fromstring(sys.stdin.buffer.read())\n' +
        'print(json.dumps([[e.get("a"), e.get("b"), e.text or ""] for e in root]))',
      doc,
    );
    assert.deepEqual(got, strings.map((s) => [s, s, s]));
  });
});
