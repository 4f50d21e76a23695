/**
 * The Android matrix checks can fail, and say where: a Kotlin error names the
 * row and the file:line of the copy that was compiled; identical copies of a
 * package (other shapes, other host plugins) are compiled once; a component
 * pointing at a class that was not generated is reported.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { withHeader } from '../../generator/ownership.js';
import { continuous } from '../../templates/android/testing/models.js';
import { androidChecks } from './android.js';
import type { MatrixProject } from './types.js';

const temp = mkdtempSync(join(tmpdir(), 'bg-android-checks-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const check = (prefix: string) => androidChecks.find((c) => c.name.startsWith(prefix))!;

function project(name: string, files: Record<string, string>, shape: MatrixProject['shape'] = 'standalone'): MatrixProject {
  const root = join(temp, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const model = continuous('broken', ['dataSync']);
  return { row: `${name}.bg.ts`, shape, root, host: { kind: 'standalone', root, files: {} }, model, files: Object.keys(files) };
}

test('a Kotlin error names the row and the file:line; an identical copy in another shape is not compiled again', async () => {
  const file = 'tauri/android/src/main/java/com/example/broken/Broken.kt';
  const body = 'package com.example.broken\n\nfun ok(): Int = 1\n\nfun bad(): Int = "not an int"\n';
  const first = project('row-a', { [file]: withHeader(file, body, 'row-a.bg.ts') });
  const copy = project('row-a-app', { [`services/${file}`]: withHeader(file, body, 'services/row-a.bg.ts') }, 'tauri');
  const failures = await check('android: kotlinc').run([first, copy]);
  assert.equal(failures.length, 1, failures.map((f) => f.message).join('\n'));
  assert.equal(failures[0]!.project.row, 'row-a.bg.ts');
  assert.equal(failures[0]!.file, file);
  assert.equal(failures[0]!.line, 6, 'the header line counts: the error is on line 6 of the generated file');
  assert.match(failures[0]!.message, /^error: /);
});

test('a manifest that disagrees with the declaration, or names a class that was not generated, is reported', async () => {
  const manifest = (types: string) =>
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <application>\n' +
    `    <service android:name="com.example.broken.BrokenService" android:exported="false" android:foregroundServiceType="${types}" android:stopWithTask="false" />\n` +
    '  </application>\n</manifest>\n';
  const kotlin = (pkg: string) => `package ${pkg}\n\nclass BrokenService : Service() {}\n`;
  const wrongType = project('row-b', {
    'tauri/android/src/main/AndroidManifest.xml': manifest('location'),
    'tauri/android/src/main/java/com/example/broken/BrokenService.kt': kotlin('com.example.broken'),
  });
  const noClass = project('row-c', {
    'tauri/android/src/main/AndroidManifest.xml': manifest('dataSync'),
    'tauri/android/src/main/java/com/example/other/BrokenService.kt': kotlin('com.example.other'),
  });
  const right = project('row-d', {
    'tauri/android/src/main/AndroidManifest.xml': manifest('dataSync'),
    'tauri/android/src/main/java/com/example/broken/BrokenService.kt': kotlin('com.example.broken'),
  });
  const failures = await check('android: manifest').run([wrongType, noClass, right]);
  assert.deepEqual(
    failures.map((f) => `${f.project.row} ${f.file}:${f.line ?? 0}: ${f.message}`),
    [
      'row-b.bg.ts tauri/android/src/main/AndroidManifest.xml:3: <service com.example.broken.BrokenService> has foregroundServiceType "location", the declaration says "dataSync"',
      'row-c.bg.ts tauri/android/src/main/AndroidManifest.xml:0: tauri/android/src/main/AndroidManifest.xml declares no component for the generated BrokenService',
    ],
  );
});
