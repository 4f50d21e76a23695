import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { verifyXml, xmlProblems } from './xml.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'xml', name);

test('verifyXml: an AndroidManifest with namespaces, comments and Unicode is well-formed', async () => {
  const r = await verifyXml(fx('AndroidManifest.xml'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('verifyXml: an undeclared android: prefix and a mismatched tag are located', async () => {
  const unbound = await verifyXml(fx('unbound-prefix.xml'));
  assert.equal(unbound.ok, false);
  assert.deepEqual(unbound.diagnostics.map((d) => [d.line, d.tool]), [[6, 'saxes']]);
  assert.match(unbound.diagnostics[0]!.message, /unbound namespace prefix: "android"/);
  const mismatched = await verifyXml(fx('mismatched.xml'));
  assert.equal(mismatched.ok, false);
  assert.equal(mismatched.diagnostics[0]?.line, 5);
  assert.match(mismatched.diagnostics[0]!.message, /unexpected close tag/);
});

test('xmlProblems: text after the root element is an error', () => {
  assert.deepEqual(xmlProblems('<a/>\n<b/>', 'x.xml').map((d) => d.line), [2]);
});
