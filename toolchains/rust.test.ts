import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sourcePath } from '../lib/paths.js';
import { checkRust, parseRustfmtCheck, parseTestFailures } from './rust.js';

// Each fixture crate is copied to a temp dir (cargo writes Cargo.lock beside
// Cargo.toml); its dependencies are the warm-up crate's, already built in the
// shared target dir, so only the fixture itself compiles.
const work = await mkdtemp(join(tmpdir(), 'bg-rust-test-'));
after(() => rm(work, { recursive: true, force: true }));
async function crate(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(sourcePath('toolchains', 'fixtures', 'rust', name), dir, { recursive: true });
  return dir;
}

test('checkRust: a tokio + serde worker and a Tauri plugin pass check, their tests and rustfmt', async () => {
  const r = await checkRust(await crate('good'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.ok, true);
});

test('checkRust: a borrow error is located (E0502) and formatting drift is reported', async () => {
  const dir = await crate('borrow');
  const r = await checkRust(dir);
  assert.equal(r.ok, false);
  const borrow = r.diagnostics.find((d) => d.tool === 'rustc');
  assert.ok(borrow, JSON.stringify(r.diagnostics));
  assert.equal(borrow.file, join(dir, 'src', 'lib.rs'));
  assert.equal(borrow.line, 5);
  assert.equal(borrow.column, 5);
  assert.equal(borrow.severity, 'error');
  assert.match(borrow.message, /cannot borrow .* as mutable because it is also borrowed as immutable \[E0502\]/);
  const fmt = r.diagnostics.find((d) => d.tool === 'rustfmt');
  assert.ok(fmt, JSON.stringify(r.diagnostics));
  assert.equal(fmt.file, join(dir, 'src', 'format.rs'));
  assert.equal(fmt.line, 1);
  assert.deepEqual(r.diagnostics.map((d) => d.tool).sort(), ['rustc', 'rustfmt']);
});

test('checkRust: a compiler warning fails, and so does a failing test, each at its line', async () => {
  const dir = await crate('warn');
  const r = await checkRust(dir);
  assert.equal(r.ok, false);
  const lib = join(dir, 'src', 'lib.rs');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.line, d.severity, d.tool]),
    [
      [lib, 2, 'warning', 'rustc'],
      [lib, 10, 'error', 'cargo test'],
    ],
  );
  assert.match(r.diagnostics[0]!.message, /unused variable: `unused`/);
  assert.match(r.diagnostics[1]!.message, /test tests::adds_up failed: assertion `left == right` failed: 1 \+ 2 should be 4/);
  // The same crate with that warning allowed for a reason still fails on the test.
  const allowed = await checkRust(dir, { allowWarnings: [{ pattern: /^unused variable/, reason: 'fixture' }] });
  assert.deepEqual(allowed.diagnostics.map((d) => d.tool), ['cargo test']);
  assert.equal(allowed.allowed[0]?.reason, 'fixture');
});

test('parseTestFailures and parseRustfmtCheck: located at the panic and at the first changed line', () => {
  const out = [
    '---- tests::adds_up stdout ----',
    '',
    "thread 'tests::adds_up' panicked at src/lib.rs:10:9:",
    'assertion `left == right` failed',
    '  left: 3',
    ' right: 4',
    'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
  ].join('\n');
  const [t] = parseTestFailures(out, '/c');
  assert.equal(t?.file, '/c/src/lib.rs');
  assert.equal(t?.line, 10);
  assert.match(t?.message ?? '', /left: 3\n right: 4$/);
  const diff = ['Diff in /c/src/lib.rs:1:', ' mod util;', '-pub fn a( x:u32){}', '+pub fn a(x: u32) {}', ' '].join('\n');
  const [f] = parseRustfmtCheck(diff, '/c');
  assert.deepEqual([f?.file, f?.line, f?.tool], ['/c/src/lib.rs', 2, 'rustfmt']);
});
