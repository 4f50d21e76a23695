/**
 * Fuzzing the whole runner (all rules) with mutated manifests and plists —
 * truncated, mis-nested, huge attributes, entity bombs, deep nesting, binary
 * plists, BOMs, CRLF, control characters, invalid UTF-8 — in process, with a
 * fixed seed: no run may crash (internal error), hang, or misclassify. A file
 * our strict parsers reject must come back as a located `parse-error` (exit 1);
 * a file they accept must not. A handful of inputs also go through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runValidation, exitCodeFor } from './run.js';
import { parseXml } from '../parsers/xml.js';
import { parsePlist } from '../parsers/plist.js';
import { binPath } from '../lib/paths.js';

const ITERATIONS = Number(process.env.BG_FUZZ_ITERATIONS ?? 10_000);
const SEED = Number(process.env.BG_FUZZ_SEED ?? 0x5eed_b9d0);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MANIFEST = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools" package="com.fuzz">
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE"/>
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE_DATA_SYNC" android:maxSdkVersion="34"/>
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE_SPECIAL_USE"/>
    <uses-permission android:name="android.permission.POST_NOTIFICATIONS"/>
    <uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED"/>
    <uses-permission android:name="\${placeholder}"/>
    <!-- bg-doctor-disable-next-line android-exported-explicit — fuzz -->
    <application android:label="x">
        <activity android:name=".Main" android:exported="true">
            <intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter>
        </activity>
        <service android:name=".Sync" android:foregroundServiceType="dataSync|specialUse">
            <property android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE" android:value="x"/>
        </service>
        <service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="shortService" tools:node="merge"/>
        <receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>
    </application>
</manifest>
`;

const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleIdentifier</key>
    <string>com.fuzz.app</string>
    <key>UIBackgroundModes</key>
    <array>
        <string>fetch</string>
        <string>audio</string>
    </array>
    <key>NSLocationWhenInUseUsageDescription</key>
    <string>Shows where you are</string>
    <key>count</key>
    <integer>0x10</integer>
    <key>when</key>
    <date>2024-01-01T00:00:00Z</date>
</dict>
</plist>
`;

const SNIPPETS = ['</application>', '<service', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&bogus;', '&#0;', '"', "'", '<', '>', '/>', '<key>X</key>', '<dict>', '</array>', '\u0000', '\ufeff', '\r', '<?xml version="1.0"?>', '${applicationId}'];

type Mutator = (s: string, r: () => number) => string | Buffer;

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const at = (s: string, r: () => number) => Math.floor(r() * (s.length + 1));

const MUTATORS: Array<[string, Mutator]> = [
  ['truncate', (s, r) => s.slice(0, at(s, r))],
  ['delete-range', (s, r) => { const a = at(s, r); return s.slice(0, a) + s.slice(a + Math.floor(r() * 80)); }],
  ['duplicate-range', (s, r) => { const a = at(s, r); const b = a + Math.floor(r() * 120); return s.slice(0, b) + s.slice(a, b) + s.slice(b); }],
  ['insert-snippet', (s, r) => { const a = at(s, r); return s.slice(0, a) + pick(SNIPPETS, r) + s.slice(a); }],
  ['swap-lines', (s, r) => { const l = s.split('\n'); const i = Math.floor(r() * l.length); const j = Math.floor(r() * l.length); [l[i], l[j]] = [l[j]!, l[i]!]; return l.join('\n'); }],
  ['huge-attribute', (s, r) => s.replace(/android:name="[^"]*"|<string>[^<]*<\/string>/, (m) => (m.startsWith('<') ? `<string>${'A'.repeat(10_000 + Math.floor(r() * 30_000))}</string>` : `android:name="${'x'.repeat(10_000 + Math.floor(r() * 30_000))}"`))],
  ['entity-bomb', (s) => s.replace(/<(manifest|plist)/, '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<$1').replace(/android:label="x"|<string>com\.fuzz\.app<\/string>/, (m) => m.replace(/x"|com\.fuzz\.app/, (v) => (v.endsWith('"') ? '&lol2;"' : '&lol2;')))],
  ['deep-nesting', (s, r) => { const n = 500 + Math.floor(r() * 5_000); const a = s.indexOf('<application'); const tag = s.includes('<plist') ? 'array' : 'x'; const at2 = a >= 0 ? a : s.indexOf('<dict>') + 6; return s.slice(0, at2) + `<${tag}>`.repeat(n) + `</${tag}>`.repeat(n) + s.slice(at2); }],
  ['binary-plist', (_s, r) => Buffer.concat([Buffer.from('bplist00'), Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256)))])],
  ['bom', (s) => '\ufeff' + s],
  ['crlf', (s) => s.replace(/\n/g, '\r\n')],
  ['cr-only', (s) => s.replace(/\n/g, '\r')],
  ['control-char', (s, r) => { const a = at(s, r); return s.slice(0, a) + String.fromCharCode(Math.floor(r() * 32)) + s.slice(a); }],
  ['invalid-utf8', (s, r) => { const b = Buffer.from(s, 'utf8'); const i = Math.floor(r() * b.length); b[i] = 0xc0 | Math.floor(r() * 4); return b; }],
  ['bit-flip', (s, r) => { const b = Buffer.from(s, 'utf8'); for (let k = 0; k < 3; k++) { const i = Math.floor(r() * b.length); b[i] = b[i]! ^ (1 << Math.floor(r() * 8)); } return b; }],
  ['rename-tags', (s, r) => s.replace(/<(service|receiver|key|string|array)/g, (m, t) => (r() < 0.3 ? `<${t.toUpperCase()}` : m))],
  ['empty', () => ''],
  ['utf16', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
];

function accepts(kind: 'manifest' | 'plist', text: string): boolean {
  try {
    if (kind === 'manifest') parseXml(text);
    else parsePlist(text);
    return true;
  } catch {
    return false;
  }
}

function decodeLikeRunner(content: string | Buffer): string {
  if (typeof content === 'string') return content;
  if (content.length >= 2 && content[0] === 0xff && content[1] === 0xfe) return '\ufeff' + content.subarray(2).toString('utf16le');
  return content.toString('utf8');
}

/** Mutated inputs per runner call: each run audits a monorepo of this many apps (manifest + plist each). */
const APPS_PER_RUN = 10;

test(`fuzz: ${ITERATIONS} mutated manifests and plists through the runner (seed ${SEED.toString(16)})`, async () => {
  const r = rng(SEED);
  // A memory-backed folder when there is one: the fuzz writes ~10,000 files.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bg-doctor-fuzz-'));
  const written = new Map<string, string | Buffer>();
  const write = (file: string, content: string | Buffer) => {
    if (written.get(file) === content) return;
    writeFileSync(file, content);
    written.set(file, content);
  };
  const slots = Array.from({ length: APPS_PER_RUN }, (_, k) => ({
    manifest: join(dir, `app${k}`, 'android', 'app', 'src', 'main', 'AndroidManifest.xml'),
    plist: join(dir, `app${k}`, 'ios', 'App', 'Info.plist'),
  }));
  for (const s of slots) {
    mkdirSync(dirname(s.manifest), { recursive: true });
    mkdirSync(dirname(s.plist), { recursive: true });
  }
  // The unmutated seeds are clean: exit 0.
  for (const s of slots) {
    write(s.manifest, MANIFEST);
    write(s.plist, PLIST);
  }
  const seed = await runValidation({ root: dir });
  assert.equal(exitCodeFor(seed), 0, `the seed project must be clean:\n${seed.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`).join('\n')}`);
  const started = performance.now();
  const counts = { inputs: 0, rejected: 0, accepted: 0, runs: 0, exit0: 0, exit1: 0 };
  const byMutator = new Map<string, number>();
  let slowest = 0;
  try {
    while (counts.inputs < ITERATIONS) {
      const batch: Array<{ file: string; kind: 'manifest' | 'plist'; names: string[]; content: string | Buffer }> = [];
      for (const slot of slots) {
        // One of the two files of each app is mutated, the other stays valid.
        const kind = r() < 0.5 ? 'manifest' : 'plist';
        let content: string | Buffer = kind === 'manifest' ? MANIFEST : PLIST;
        const steps = 1 + Math.floor(r() * 3);
        const names: string[] = [];
        for (let k = 0; k < steps; k++) {
          const [name, m] = pick(MUTATORS, r);
          names.push(name);
          content = m(decodeLikeRunner(content), r);
        }
        for (const n of names) byMutator.set(n, (byMutator.get(n) ?? 0) + 1);
        write(slot.manifest, kind === 'manifest' ? content : MANIFEST);
        write(slot.plist, kind === 'plist' ? content : PLIST);
        batch.push({ file: kind === 'manifest' ? slot.manifest : slot.plist, kind, names, content });
      }
      const t0 = performance.now();
      const result = await runValidation({ root: dir });
      const took = performance.now() - t0;
      slowest = Math.max(slowest, took);
      counts.runs++;
      const ctx = `run ${counts.runs} (${batch.map((b) => `${b.kind}: ${b.names.join(' + ')}`).join('; ')})`;
      assert.equal(result.internalErrors, 0, `${ctx}: a rule crashed: ${result.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message).join('; ')}`);
      assert.ok(took < 5000, `${ctx}: took ${took.toFixed(0)} ms`);
      let anyRejected = false;
      for (const b of batch) {
        counts.inputs++;
        const parseErrors = result.findings.filter((f) => f.ruleId === 'parse-error' && f.file === b.file);
        const where = `${ctx} — ${b.kind} ${b.names.join(' + ')}`;
        if (accepts(b.kind, decodeLikeRunner(b.content))) {
          counts.accepted++;
          assert.equal(parseErrors.length, 0, `${where}: the parser accepts the file but a parse-error was reported: ${parseErrors[0]?.message}`);
        } else {
          counts.rejected++;
          anyRejected = true;
          assert.equal(parseErrors.length, 1, `${where}: a rejected file must give exactly one located parse-error`);
          assert.equal(parseErrors[0]!.severity, 'error', where);
        }
      }
      const code = exitCodeFor(result);
      if (anyRejected) assert.equal(code, 1, `${ctx}: a malformed file must make the run exit 1`);
      assert.ok(code === 0 || code === 1, ctx);
      if (code === 0) counts.exit0++;
      else counts.exit1++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `# fuzz: ${counts.inputs} mutated inputs in ${counts.runs} runner calls, ${seconds.toFixed(1)} s (slowest call ${slowest.toFixed(0)} ms); ` +
      `${counts.rejected} rejected as parse-error, ${counts.accepted} accepted; runs exiting 0: ${counts.exit0}, 1: ${counts.exit1}\n`,
  );
  assert.ok(counts.rejected > counts.inputs / 10 && counts.accepted > counts.inputs / 10, 'the mutations produce both kinds of input');
  assert.equal(byMutator.size, MUTATORS.length, 'every mutator ran');
});

test('fuzz: a handful of mutated inputs through the real CLI', () => {
  const cli = binPath('bg-doctor');
  const r = rng(SEED ^ 0xabcdef);
  const dir = mkdtempSync(join(tmpdir(), 'bg-doctor-fuzz-cli-'));
  const manifestPath = join(dir, 'android', 'app', 'src', 'main', 'AndroidManifest.xml');
  mkdirSync(dirname(manifestPath), { recursive: true });
  try {
    for (let i = 0; i < 8; i++) {
      const [name, m] = MUTATORS[(i * 5) % MUTATORS.length]!;
      const content = m(MANIFEST, r);
      writeFileSync(manifestPath, content);
      const p = spawnSync(process.execPath, [cli, 'validate', dir, '--format', 'json'], { encoding: 'utf8', timeout: 20_000 });
      assert.ok(p.status === 0 || p.status === 1, `${name}: exit ${p.status}: ${p.stderr}`);
      const out = JSON.parse(p.stdout);
      const parseErr = out.apps.some((a: { findings: Array<{ ruleId: string }> }) => a.findings.some((f) => f.ruleId === 'parse-error'));
      assert.equal(parseErr, !accepts('manifest', decodeLikeRunner(content)), `${name}: parse-error classification`);
      if (parseErr) assert.equal(p.status, 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
