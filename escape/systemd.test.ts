import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { systemdExecArg, systemdExecPath, systemdValue } from './systemd.js';
import { check, firstHiddenInSource, sample, unicodeString } from './testing/arbitraries.js';
import { captureEscapeError } from './testing/errors.js';
import { decodeCommandLine, decodeLineValue } from './testing/systemd-decoder.js';
import { commandWorks, missingTool, run } from './testing/toolchains.js';

/** What no systemd escaper can write: NUL, lone surrogates, non-characters. */
function firstNeverWritable(s: string): number {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

describe('systemdValue', () => {
  test('examples', () => {
    assert.equal(systemdValue(''), '');
    assert.equal(systemdValue('Keeps notes in sync'), 'Keeps notes in sync');
    assert.equal(systemdValue('100% sure, %n is not a specifier'), '100%% sure, %%n is not a specifier');
    assert.equal(systemdValue('$HOME "quoted" \\back\\slash ; # x'), '$HOME "quoted" \\back\\slash ; # x');
    assert.equal(systemdValue('Синхронизация 😀'), 'Синхронизация 😀');
  });

  test('what a plain value cannot hold is an EscapeError at its index', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['a\nb', 1, /no escape sequences/],
      ['tab\there', 3, /no escape sequences/],
      ['bidi\u202eoverride', 4, /no escape sequences/],
      [' leading', 0, /leading whitespace/],
      ['trailing ', 8, /trailing whitespace/],
      ['ends in \\', 8, /continues on the next line/],
      ['nul\0', 3, /NUL/],
      ['non\ufdd0char', 3, /UTF-8 clean/],
      ['lone\ud800', 4, /UTF-8 clean/],
    ];
    for (const [input, index, reason] of cases) {
      const err = captureEscapeError(() => systemdValue(input));
      assert.equal(err.index, index, JSON.stringify(input));
      assert.match(err.message, reason);
    }
  });

  test('property: the decoder gives the input back, or the EscapeError names a character systemd cannot keep', () => {
    check(unicodeString(), (s) => {
      let out: string;
      try {
        out = systemdValue(s);
      } catch (e) {
        const err = captureEscapeError(() => {
          throw e;
        });
        assert.ok(err.index >= 0 && err.index < s.length);
        return;
      }
      assert.equal(firstHiddenInSource(out), -1);
      assert.equal(decodeLineValue(out), s);
    });
  });
});

describe('systemdExecArg / systemdExecPath', () => {
  test('examples', () => {
    assert.equal(systemdExecArg('--bg-service'), '"--bg-service"');
    assert.equal(systemdExecArg(''), '""');
    assert.equal(systemdExecArg('a b;c'), '"a b;c"');
    assert.equal(systemdExecArg('$HOME 50% "x" \\y'), '"$$HOME 50%% \\"x\\" \\\\y"');
    assert.equal(systemdExecArg('line\nbreak\ttab\x01\u202e\u{e0067}'), '"line\\nbreak\\ttab\\x01\\u202e\\U000e0067"');
    assert.equal(systemdExecPath('/opt/My App/bin/app$1%'), '"/opt/My App/bin/app$1%%"');
    assert.equal(systemdExecPath('/opt/r\u202ex'), '"/opt/r\\u202ex"');
  });

  test('refusals', () => {
    assert.match(captureEscapeError(() => systemdExecArg('a\0b')).message, /NUL/);
    assert.match(captureEscapeError(() => systemdExecArg('\uffff')).message, /UTF-8 clean/);
    assert.match(captureEscapeError(() => systemdExecPath('bin/app')).message, /absolute path/);
    for (const bad of ['"', "'", '\\', '\n', '\x7f']) {
      assert.equal(captureEscapeError(() => systemdExecPath(`/opt/a${bad}b`)).index, 6, JSON.stringify(bad));
    }
  });

  test('property: a command line of escaped words decodes to exactly those words', () => {
    check(unicodeString(), (s) => {
      const bad = firstNeverWritable(s);
      if (bad !== -1) {
        assert.equal(captureEscapeError(() => systemdExecArg(s)).index, bad);
        return;
      }
      const line = `${systemdExecPath('/usr/bin/env')} ${systemdExecArg(s)} ${systemdExecArg('x')}`;
      assert.equal(firstHiddenInSource(line), -1);
      assert.deepEqual(decodeCommandLine(line), { executable: '/usr/bin/env', args: [s, 'x'] });
    });
  });

  test('property: an executable path decodes to itself', () => {
    check(unicodeString(), (s) => {
      const path = `/opt/${s}`;
      let out: string;
      try {
        out = systemdExecPath(path);
      } catch {
        assert.ok(/[\x00-\x1f\x7f"'\\]/.test(s) || firstNeverWritable(s) !== -1, JSON.stringify(s));
        return;
      }
      assert.equal(firstHiddenInSource(out), -1);
      assert.equal(decodeCommandLine(out).executable, path);
    });
  });
});

describe('systemd-analyze (real systemd; required under CI=true)', () => {
  const haveSystemd = commandWorks('systemd-analyze', ['--version']);

  test('units with escaped descriptions, hostile executable paths and arguments verify clean; each executable is found', (t) => {
    if (!haveSystemd) return missingTool(t, 'systemd-analyze not found on PATH', true);
    const dir = mkdtempSync(join(tmpdir(), 'bg-escape-systemd-'));
    try {
      const runtime = join(dir, 'runtime');
      mkdirSync(runtime, { mode: 0o700 });
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      const texts = sample(unicodeString((p) => firstNeverWritable(p) === -1));
      // File names: what a path component can be and systemd can run.
      const names = sample(unicodeString((p) => !/[\x00-\x1f\x7f"'\\/]/.test(p) && firstNeverWritable(p) === -1))
        .map((n, i) => `${i}-${n}`.slice(0, 60))
        .filter((n) => Buffer.byteLength(n) < 200);
      const units: string[] = [];
      names.forEach((name, i) => {
        const exe = join(bin, name);
        writeFileSync(exe, '#!/bin/sh\n');
        chmodSync(exe, 0o755);
        const text = texts[i % texts.length]!;
        let description: string;
        try {
          description = systemdValue(text);
        } catch {
          description = systemdValue(`unit ${i}`);
        }
        const unit = join(dir, `u${i}.service`);
        writeFileSync(
          unit,
          `[Unit]\nDescription=${description}\n\n[Service]\nExecStart=${systemdExecPath(exe)} ${systemdExecArg(text)} ${systemdExecArg('--x')}\n\n[Install]\nWantedBy=default.target\n`,
        );
        units.push(unit);
      });
      assert.ok(units.length > 150, `only ${units.length} units`);
      const r = run('systemd-analyze', ['--user', 'verify', ...units], { cwd: dir, env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
      assert.equal(`${r.stdout}${r.stderr}`, '', 'systemd-analyze printed something');
      assert.equal(r.status, 0);
      // The control group: a path escaped wrongly (unquoted, %% kept) is not found.
      const wrong = join(dir, 'wrong.service');
      writeFileSync(wrong, `[Unit]\nDescription=x\n\n[Service]\nExecStart=${join(bin, names[0]!)}%%\n`);
      const w = run('systemd-analyze', ['--user', 'verify', wrong], { cwd: dir, env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
      assert.notEqual(w.status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
