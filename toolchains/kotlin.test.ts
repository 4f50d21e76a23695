import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { finish } from './common.js';
import { compileKotlin, parseKotlincOutput } from './kotlin.js';

const fx = (name: string) => sourcePath('toolchains', 'fixtures', 'kotlin', name);
const good = [fx('SyncService.kt'), fx('Events.kt')];

// Three kotlinc calls in all (a JVM start each, about 3–4 s); files are batched.
// kotlinc reports no warnings once a file has errors, so the warning has a call of its own.

test('compileKotlin: a foreground Service on framework APIs (Notification.Builder, coroutines, org.json) compiles with no warning', async () => {
  const r = await compileKotlin(good);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('compileKotlin: a warning fails by default (-Werror), located', async () => {
  const r = await compileKotlin([fx('DeprecatedBuilder.kt')]);
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.tool]),
    [[fx('DeprecatedBuilder.kt'), 7, 18, 'warning', 'kotlinc']],
  );
  assert.match(r.diagnostics[0]!.message, /Notification\.Builder' is deprecated/);
});

test('compileKotlin: a method the Android framework lacks fails at its file:line:col', async () => {
  const r = await compileKotlin([...good, fx('BrokenService.kt')]);
  assert.equal(r.ok, false);
  const error = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(error, JSON.stringify(r.diagnostics));
  assert.equal(error.file, fx('BrokenService.kt'));
  assert.equal(error.line, 13);
  assert.equal(error.column, 9);
  assert.match(error.message, /unresolved reference 'startForegroundX'/);
  assert.equal(error.tool, 'kotlinc');
  // The good files contribute nothing.
  assert.deepEqual(r.diagnostics.filter((d) => good.includes(d.file)), []);
});

test('parseKotlincOutput: drops the echoed source and caret lines, keeps extra message lines, resolves paths', () => {
  const text = [
    'src/A.kt:3:5: error: none of the following candidates is applicable:',
    'fun f(a: Int): Unit',
    '    f("x")',
    '    ^^^^^^',
    'src/B.kt:7:18: warning: \'constructor(p0: Context!): Notification.Builder\' is deprecated. Deprecated in Java.',
    '    Notification.Builder(context).build()',
    '                 ^^^^^^^',
    'error: source file or directory not found: /nope.kt',
    'warning: warnings found and -Werror specified',
    'info: kotlinc-jvm 2.4.20',
  ].join('\n');
  const ds = parseKotlincOutput(text, '/w', '/w/src/A.kt');
  assert.deepEqual(
    ds.map((d) => [d.file, d.line, d.column, d.severity, d.message]),
    [
      ['/w/src/A.kt', 3, 5, 'error', 'none of the following candidates is applicable:\nfun f(a: Int): Unit'],
      ['/w/src/B.kt', 7, 18, 'warning', "'constructor(p0: Context!): Notification.Builder' is deprecated. Deprecated in Java."],
      ['/w/src/A.kt', 0, 0, 'error', 'source file or directory not found: /nope.kt'],
    ],
  );
  // Warnings fail unless allow-listed with a reason.
  assert.equal(finish(ds.slice(1, 2), 0).ok, false);
  const allowed = finish(ds.slice(1, 2), 0, [{ pattern: /is deprecated/, reason: 'the pre-API-26 fallback' }]);
  assert.equal(allowed.ok, true);
  assert.equal(allowed.allowed[0]?.reason, 'the pre-API-26 fallback');
  // An allow-list never hides an error.
  assert.equal(finish(ds.slice(0, 1), 0, [{ pattern: /.*/, reason: 'x' }]).ok, false);
});
