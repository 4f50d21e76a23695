/**
 * The real `bg-service` executable, end to end: exit codes, nothing written on
 * bad input, no-op regeneration, --check, --dry-run, conflicts and --force.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { binPath, sourcePath } from '../lib/paths.js';

const BIN = binPath('bg-service');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A standalone module project holding a copy of the example declaration. */
function exampleProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bg-cli-'));
  cpSync(sourcePath('examples', 'notes-sync', 'notes-sync.bg.ts'), join(dir, 'notes-sync.bg.ts'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "m", "private": true }\n');
  return dir;
}

/** Every file below dir (relative) with its content and mtime. */
function snapshot(dir: string): Map<string, { content: string; mtime: number }> {
  const out = new Map<string, { content: string; mtime: number }>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), { content: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

test('--help and --version exit 0; bad usage exits 2 with the usage', () => {
  const dir = exampleProject();
  const help = run(['--help'], dir);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: bg-service <command>/);
  assert.match(help.out, /--check/);
  const version = run(['--version'], dir);
  assert.equal(version.code, 0);
  assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
  for (const args of [[], ['frobnicate'], ['generate', '--nope'], ['generate', '--check', '--dry-run']]) {
    const r = run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.err}`);
    assert.match(r.err, /Usage: bg-service/);
  }
});

test('generate writes, a second run writes nothing (mtimes untouched), --check is then clean', () => {
  const dir = exampleProject();
  const first = run(['generate'], dir);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /create {2}ts\/types\.ts/);
  const before = snapshot(dir);
  for (const p of before.keys()) utimesSync(join(dir, p), new Date(5000), new Date(5000));
  const pinned = snapshot(dir);
  const second = run(['generate'], dir);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /up to date: 0 created, 0 updated, 0 deleted/);
  assert.deepEqual(snapshot(dir), pinned);
  const check = run(['generate', '--check'], dir);
  assert.equal(check.code, 0, check.err);
});

test('--check exits 1 and lists what would change; --dry-run prints a diff; neither writes', () => {
  const dir = exampleProject();
  const before = snapshot(dir);
  const check = run(['generate', '--check'], dir);
  assert.equal(check.code, 1);
  assert.match(check.err, /would create ts\/types\.ts/);
  const dry = run(['generate', '--dry-run'], dir);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /\+\+\+ b\/ts\/types\.ts/);
  assert.match(dry.out, /\+export interface ProgressEvent \{/);
  assert.deepEqual(snapshot(dir), before);
});

test('a broken declaration: exit 1, located message with a code frame, nothing written', () => {
  const dir = exampleProject();
  const decl = join(dir, 'notes-sync.bg.ts');
  writeFileSync(decl, readFileSync(decl, 'utf8').replace("kind: 'continuous'", "kind: 'continous'"));
  const before = snapshot(dir);
  const r = run(['generate'], dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /notes-sync\.bg\.ts:\d+:\d+: error BG\d+ .*continous/);
  assert.match(r.err, /did you mean 'continuous'/);
  assert.match(r.err, /\| +\^/, 'a code frame with an underline');
  assert.match(r.err, /Nothing was written/);
  assert.deepEqual(snapshot(dir), before);
});

test('a generated file edited by hand stops the run (exit 1, nothing written) until --force', () => {
  const dir = exampleProject();
  assert.equal(run(['generate'], dir).code, 0);
  const types = join(dir, 'ts', 'types.ts');
  writeFileSync(types, readFileSync(types, 'utf8').replace('done: number;', 'done: number; // mine'));
  const decl = join(dir, 'notes-sync.bg.ts');
  writeFileSync(decl, readFileSync(decl, 'utf8').replace("path: string;", 'path: string;\n    size?: number;'));
  const before = snapshot(dir);
  const r = run(['generate'], dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /conflict ts\/types\.ts: edited by hand/);
  assert.deepEqual(snapshot(dir), before);
  const forced = run(['generate', '--force'], dir);
  assert.equal(forced.code, 0, forced.err);
  assert.match(readFileSync(types, 'utf8'), /size\?: number;/);
  assert.doesNotMatch(readFileSync(types, 'utf8'), /mine/);
});

test('no declaration found is a clear error (exit 1); a missing named file is usage (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bg-cli-empty-'));
  writeFileSync(join(dir, 'package.json'), '{}\n');
  const none = run(['generate'], dir);
  assert.equal(none.code, 1);
  assert.match(none.err, /no \*\.bg\.ts declaration found/);
  const missing = run(['generate', 'nope.bg.ts'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such declaration file/);
});

test('a declared type named like a class the generated code uses is a located error (exit 1, nothing written)', () => {
  const dir = exampleProject();
  const decl = join(dir, 'notes-sync.bg.ts');
  const src = readFileSync(decl, 'utf8')
    .replace('export interface SyncEvents {', 'export interface Data {\n  bytes: number;\n}\n\nexport interface SyncEvents {\n  blob: { data: Data };')
    .replace('syncNow(input: { folder: string })', 'syncNow(input: List)')
    .replace('export interface SyncCommands {', 'export interface List {\n  folder: string;\n}\n\nexport interface SyncCommands {');
  writeFileSync(decl, src);
  const before = snapshot(dir);
  const r = run(['generate'], dir);
  assert.equal(r.code, 1, r.err);
  const lineOf = (needle: string) => src.split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.match(r.err, new RegExp(`notes-sync\\.bg\\.ts:${lineOf('export interface List')}:\\d+: error BG305 type name 'List' clashes with a name the generated android code uses`));
  assert.match(r.err, new RegExp(`notes-sync\\.bg\\.ts:${lineOf('export interface Data')}:\\d+: error BG305 type name 'Data' clashes with a name the generated ios code uses`));
  assert.deepEqual(snapshot(dir), before);
});
