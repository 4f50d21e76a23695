/**
 * Output formats: SARIF validated against the official SARIF 2.1.0 JSON
 * schema (shipped by @microsoft/jest-sarif as sarif-2.1.0-rtm.5.json, the
 * schema the 2.1.0 standard was released with), JUnit parsed by our strict
 * XML parser, GitHub annotations against the workflow-command syntax, and
 * stylish free of ANSI escapes when colour is off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineRule, type Rule } from '../rule.js';
import { lintFiles } from '../testing.js';
import { FORMATTERS } from './index.js';
import { parseXml, childElements, descendants } from '../../parsers/xml.js';
import { colours, shouldColour } from '../../lib/colour.js';
import { escapeData, escapeProperty } from './github.js';
import { APP, manifest, perm } from '../android/fixture.js';
import fgsTypePermission from '../rules/android-fgs-type-permission.js';

const require = createRequire(import.meta.url);

const HOSTILE = 'weird: 100% <tag> & "quotes", commas\nsecond line\u0007bell';

const noisy: Rule = defineRule({
  meta: { id: 'test-noisy', platform: 'android', severity: 'error', docs: { title: 't', why: 'w', fix: 'f' } },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    ctx.report({ file: app.manifestFile, line: 2, column: 5, message: HOSTILE });
    ctx.report({ file: app.manifestFile, line: 0, column: 0, message: 'about the whole file', severity: 'warning' });
    ctx.report({ file: app.manifestFile, line: 3, column: 1, message: 'just so you know', severity: 'info' });
  },
});

async function sample() {
  return lintFiles(
    {
      [APP]: manifest([perm('FOREGROUND_SERVICE')], ['<service android:name=".S" android:foregroundServiceType="dataSync"/>']),
      'broken/src/main/AndroidManifest.xml': '<manifest><application></manifest>\n',
    },
    { rules: [noisy, fgsTypePermission], targetSdk: 34 },
  );
}

const opts = (cwd: string) => ({ cwd, version: '0.0.0-test' });

test('sarif validates against the SARIF 2.1.0 schema', async () => {
  const r = await sample();
  try {
    const Ajv = require('ajv-draft-04');
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false, logger: false });
    const validate = ajv.compile(schema);
    const out = JSON.parse(FORMATTERS.sarif!(r.result, opts(r.dir)));
    assert.ok(validate(out), JSON.stringify(validate.errors, null, 2));
    // The schema must be able to reject: a broken log fails.
    assert.equal(validate({ ...out, version: '2.0.0' }), false);
    const results = out.runs[0].results;
    assert.equal(results.length, r.result.findings.length);
    assert.deepEqual(new Set(results.map((x: { level: string }) => x.level)), new Set(['error', 'warning', 'note']));
    const fixable = results.find((x: { fixes?: unknown }) => x.fixes);
    assert.ok(fixable, 'the type-permission finding carries its fix');
    const noLine = results.find((x: { message: { text: string } }) => x.message.text === 'about the whole file');
    assert.equal(noLine.locations[0].physicalLocation.region, undefined);
  } finally {
    r.cleanup();
  }
});

test('junit is well-formed XML with one failure per error/warning', async () => {
  const r = await sample();
  try {
    const xml = FORMATTERS.junit!(r.result, opts(r.dir));
    const doc = parseXml(xml);
    assert.equal(doc.root.name, 'testsuites');
    const cases = [...descendants(doc.root)].filter((e) => e.name === 'testcase');
    const failures = cases.filter((c) => childElements(c, 'failure').length);
    assert.equal(failures.length, r.result.errorCount + r.result.warningCount);
    assert.equal(cases.length, r.result.findings.length);
    assert.ok(!xml.includes('\u0007'), 'control characters are replaced');
  } finally {
    r.cleanup();
  }
});

test('github annotations follow the workflow-command syntax', async () => {
  const r = await sample();
  try {
    const lines = FORMATTERS.github!(r.result, opts(r.dir)).trimEnd().split('\n');
    assert.equal(lines.length, r.result.findings.length);
    for (const l of lines) {
      assert.match(l, /^::(error|warning|notice) file=[^,:]+(,line=\d+(,col=\d+)?(,endLine=\d+)?)?,title=[^,:]+::[^\n\r]*$/);
    }
    const hostile = lines.find((l) => l.includes('weird'))!;
    assert.ok(hostile.startsWith('::error '));
    assert.ok(hostile.endsWith(`::${escapeData(HOSTILE)}`));
    assert.ok(hostile.includes('%0A') && hostile.includes('100%25'));
    assert.ok(lines.some((l) => l.startsWith('::warning ') && !/line=/.test(l)), 'a file-level finding has no line');
    assert.ok(lines.some((l) => l.startsWith('::notice ')));
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  } finally {
    r.cleanup();
  }
});

test('json lists apps and findings with relative paths', async () => {
  const r = await sample();
  try {
    const out = JSON.parse(FORMATTERS.json!(r.result, opts(r.dir)));
    assert.equal(out.summary.errors, r.result.errorCount);
    const all = out.apps.flatMap((a: { findings: Array<{ file: string }> }) => a.findings);
    assert.equal(all.length, r.result.findings.length);
    assert.ok(all.every((f: { file: string }) => !f.file.startsWith('/')));
    assert.ok(all.some((f: { ruleId: string }) => f.ruleId === 'parse-error'));
  } finally {
    r.cleanup();
  }
});

test('stylish: grouped by app and file, code frames, no escapes without colour', async () => {
  const r = await sample();
  try {
    const plain = FORMATTERS.stylish!(r.result, { ...opts(r.dir), colour: colours(false) });
    assert.ok(!plain.includes('\u001b['), 'no ANSI escapes');
    assert.match(plain, /app \./);
    assert.match(plain, /app\/src\/main\/AndroidManifest\.xml/);
    assert.match(plain, />\s+2 \|/, 'a code frame marks the line');
    assert.ok(!plain.includes('\u0007'), 'terminal control characters are neutralised');
    const coloured = FORMATTERS.stylish!(r.result, { ...opts(r.dir), colour: colours(true) });
    assert.ok(coloured.includes('\u001b['));
    assert.equal(shouldColour({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldColour({ isTTY: false }, {}), false);
    assert.equal(shouldColour({ isTTY: true }, {}), true);
  } finally {
    r.cleanup();
  }
});
