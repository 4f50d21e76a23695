/**
 * The generated JSON (de)serialisation, run for real: the Types.kt and
 * Json.kt of the matrix row with every type form are compiled with a small
 * main() and run on the JVM against android-all's own org.json. Values go
 * through fromJson → toJson unchanged; values of the wrong shape fail with
 * a message that says what was expected.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readDeclaration } from '../../declaration/reader.js';
import { buildContext } from '../../generator/context.js';
import { sourcePath } from '../../lib/paths.js';
import { compileKotlin } from '../../toolchains/index.js';
import { installed } from '../../toolchains/manifest.js';
import { androidTarget } from './plan.js';

const dir = mkdtempSync(join(tmpdir(), 'bg-android-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** android-all API 36 is compiled for Java 21 (class file 65): find a JDK that runs it. */
function java21(): string {
  const candidates = [process.env.JAVA_HOME, ...(existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').map((d) => join('/usr/lib/jvm', d)) : [])]
    .filter((d): d is string => !!d)
    .map((d) => join(d, 'bin', 'java'))
    .filter((j) => existsSync(j));
  for (const j of ['java', ...candidates]) {
    const r = spawnSync(j, ['-version'], { encoding: 'utf8' });
    const major = Number(/version "(\d+)/.exec(r.stderr ?? '')?.[1] ?? 0);
    if (major >= 21) return j;
  }
  throw new Error(`running android-all's classes needs a JDK 21 or newer (tried java, ${candidates.join(', ')}); set JAVA_HOME to one`);
}

const MAIN = `package com.example.matrix.manyevents

import org.json.JSONException
import org.json.JSONObject

fun main() {
    for (line in generateSequence(::readlnOrNull)) {
        try {
            println(Everything.fromJson(JSONObject(line)).toJson().toString())
        } catch (e: JSONException) {
            println("error: " + e.message)
        }
    }
}
`;

const item = { id: 'n1', revision: 3, labels: ['a', 'b'] };
const everything = {
  text: 'quotes " \\ $x ${y} """ */ /* \n newline \u202E RTL 🚀 中文',
  amount: 1.5,
  count: 9007199254740991,
  flag: true,
  list: ['x', ''],
  matrix: [[1, 2.25], [], [-3]],
  deep: [[[1, 2], [3]], []],
  nested: { inner: { deepest: {} } },
  items: [item],
  byId: { n1: item, '': item },
  counts: { a: 1, 'with space': -2 },
  nestedRecords: { a: { b: ['c'] } },
  listOfRecords: [{ x: true }, {}],
  level: 'in-progress',
  levels: ['debug', 'x2'],
  levelById: { k: 'error' },
  origin: 'peer-to-peer',
  empty: {},
  optionalNested: { a: { b: 'deep' } },
};
const minimal = { ...everything, levels: undefined, origin: undefined, optionalNested: undefined, maybe: undefined };

test('generated types survive fromJson → toJson; wrong shapes are refused with a clear message', async () => {
  const read = await readDeclaration(sourcePath('e2e', 'matrix', 'cont-many-events.bg.ts'));
  assert.ok(read.ok, 'the matrix row did not read');
  const built = buildContext(read.model, { kind: 'standalone', root: sourcePath('e2e', 'matrix'), files: {} });
  assert.ok(built.ok);
  const files = androidTarget.plan(built.ctx).files.filter((f) => /\/(ContManyEventsTypes|ContManyEventsJson)\.kt$/.test(f.path));
  assert.equal(files.length, 2);
  const sources = files.map((f, i) => {
    const path = join(dir, `${i}.kt`);
    writeFileSync(path, f.content);
    return path;
  });
  writeFileSync(join(dir, 'Main.kt'), MAIN);
  const out = join(dir, 'classes');
  const compiled = await compileKotlin([...sources, join(dir, 'Main.kt')], {
    extraArgs: ['-d', out],
    allowWarnings: [{ pattern: "argument '-d' is passed multiple times", reason: 'this test keeps the classes to run them: its own -d follows the checker’s temporary one' }],
  });
  assert.deepEqual(compiled.diagnostics, []);

  const kotlin = installed('kotlin', (e) => [e.home]);
  const maven = installed('maven', (e) => [e.androidAll]);
  const inputs = [
    everything,
    minimal,
    { ...everything, text: undefined },
    { ...everything, count: 1.5 },
    { ...everything, level: 'verbose' },
    { ...everything, items: [{ ...item, labels: 'not-a-list' }] },
    { ...everything, flag: null },
  ];
  const run = spawnSync(java21(), ['-cp', [out, join(kotlin.home, 'lib', 'kotlin-stdlib.jar'), maven.androidAll].join(':'), 'com.example.matrix.manyevents.MainKt'], {
    input: inputs.map((v) => JSON.stringify(v)).join('\n') + '\n',
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.deepEqual(JSON.parse(lines[0]!), everything);
  assert.deepEqual(JSON.parse(lines[1]!), JSON.parse(JSON.stringify(minimal)));
  assert.deepEqual(lines.slice(2), [
    'error: missing field "text"',
    'error: expected an integer, got Double',
    'error: unknown Level value "verbose"',
    'error: expected an array, got String',
    'error: missing field "flag"',
  ]);
});
