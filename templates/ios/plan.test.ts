import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceModel } from '../../declaration/model.js';
import { docCommentText } from '../../escape/index.js';
import { python } from '../../escape/testing/xml-reader.js';
import { decodeSwiftString } from '../../escape/testing/swift-decoder.js';
import { parseSwift, verifyPlist } from '../../toolchains/index.js';
import { plistStrings, taskIdentifierProblems } from './crosscheck.js';
import { iosTarget } from './plan.js';
import { contextFor, FIXTURES, fixtureModels, writeStandalone, type Written } from './testing.js';

const written = new Map<string, Written>();
async function output(name: (typeof FIXTURES)[number]): Promise<{ model: ServiceModel; w: Written }> {
  const model = (await fixtureModels()).get(name)!;
  let w = written.get(name);
  if (!w) written.set(name, (w = writeStandalone(model)));
  return { model, w };
}

test.after(() => {
  for (const w of written.values()) rmSync(w.dir, { recursive: true, force: true });
});

const swiftFiles = (w: Written) => [...w.paths].filter(([p]) => p.endsWith('.swift')).map(([, abs]) => abs);
const plistFiles = (w: Written) => [...w.paths].filter(([p]) => /\.(plist|entitlements|xcprivacy)$/.test(p)).map(([, abs]) => abs);

test('plans the Swift sources, the privacy manifest and the entries to merge, per host', async () => {
  const { w } = await output('ios-continuous-all');
  const files = w.output.files.map((f) => `${f.owner} ${f.path}`).sort();
  const swift = (dir: string) => ['Types', 'Runtime', 'Service', 'BackgroundTasks'].map((s) => `glue ${dir}/GeoTracker${s}.swift`).concat(`user ${dir}/GeoTrackerImplementation.swift`);
  assert.deepEqual(
    files,
    [
      ...swift('capacitor/ios/Sources/GeoTrackerPlugin'),
      'glue capacitor/ios/Sources/GeoTrackerPlugin/PrivacyInfo.xcprivacy',
      'glue capacitor/ios/merge-into-app/App.additions.entitlements',
      'glue capacitor/ios/merge-into-app/Info.additions.plist',
      ...swift('tauri/ios/Sources'),
      'glue tauri/ios/Sources/PrivacyInfo.xcprivacy',
      'glue tauri/ios/merge-into-app/App.additions.entitlements',
      'glue tauri/ios/merge-into-app/Info.additions.plist',
    ].sort(),
  );
  assert.deepEqual(w.output.contributions, [], 'a standalone module has no app files to edit');

  const { w: refresh } = await output('ios-periodic-refresh');
  assert.ok(!refresh.output.files.some((f) => f.path.endsWith('.entitlements')), 'no entitlements without remote notifications');
});

test('transfer services get the background-URLSession Swift instead of BGTaskScheduler code (transfer-plan.ts, tested in transfer.test.ts)', async () => {
  const model = (await fixtureModels()).get('ios-periodic-refresh')!;
  const transfer = { retries: 3, requiresUnmetered: false, requiresCharging: false, allowPause: false, group: 'default', maxConcurrentPerHost: 4, sharedStorage: { androidLegacyStorage: false }, notifications: {} };
  const ctx = contextFor({ ...model, kind: 'transfer', schedule: undefined, transfer }, '/tmp/unused');
  assert.equal(iosTarget.applies(ctx), true);
  const files = iosTarget.plan(ctx).files.map((f) => f.path.slice(f.path.lastIndexOf('/') + 1));
  assert.ok(files.some((f) => f.endsWith('Transfers.swift')));
  assert.ok(!files.some((f) => f.endsWith('BackgroundTasks.swift')));
});

test('every generated Swift file parses with the tree-sitter Swift grammar (no ERROR or MISSING node)', async (t) => {
  const files: string[] = [];
  for (const name of FIXTURES) files.push(...swiftFiles((await output(name)).w));
  assert.ok(files.length >= 15);
  const result = await parseSwift(files);
  assert.deepEqual(result.diagnostics, [], result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
  t.diagnostic(`${files.length} Swift files parsed in ${Math.round(result.durationMs)} ms`);

  // The check can fail: the same files with one brace dropped do not parse.
  const broken = join((await output('ios-periodic-refresh')).w.dir, 'Broken.swift');
  writeFileSync(broken, readFileSync(files[0]!, 'utf8').replace(/\}\s*$/, ''));
  assert.equal((await parseSwift([broken])).ok, false);
});

test('every generated plist passes the strict parser (plistlib)', async () => {
  for (const name of FIXTURES) {
    for (const file of plistFiles((await output(name)).w)) {
      const r = await verifyPlist(file);
      assert.ok(r.ok, `${file}: ${r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
    }
  }
});

const mergeFile = (w: Written, host: 'tauri' | 'capacitor') => w.paths.get(`${host}/ios/merge-into-app/Info.additions.plist`)!;
const modesOf = (w: Written, host: 'tauri' | 'capacitor') => plistStrings(mergeFile(w, host), 'UIBackgroundModes');

test('cross-check: the Swift registers exactly the permitted identifiers, once each, at launch, and submits only those', async () => {
  for (const name of FIXTURES) {
    const { model, w } = await output(name);
    for (const host of model.hosts) {
      const sources = swiftFiles(w).filter((f) => f.includes(`/${host}/`));
      assert.deepEqual(taskIdentifierProblems(sources, mergeFile(w, host), model.names.pascal), [], `${name}/${host}`);
      const permitted = plistStrings(mergeFile(w, host), 'BGTaskSchedulerPermittedIdentifiers');
      const processing = sources.some((f) => /BGProcessingTaskRequest\(identifier:/.test(readFileSync(f, 'utf8')));
      assert.equal(processing, permitted.length === 2, `${name}: a processing request exactly when its identifier is permitted`);
    }
  }
  // The check can fail: a plist that lacks an identifier the Swift registers.
  const { model, w } = await output('ios-periodic-processing');
  const lacking = join(w.dir, 'Lacking.plist');
  writeFileSync(lacking, readFileSync(mergeFile(w, 'tauri'), 'utf8').replace(/<string>com\.example\.photos\.backup\.processing<\/string>/, ''));
  const problems = taskIdentifierProblems(swiftFiles(w), lacking, model.names.pascal);
  assert.ok(problems.some((p) => /registered identifier com\.example\.photos\.backup\.processing is not in BGTaskSchedulerPermittedIdentifiers/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /submitted .* is not permitted/.test(p)));
});

test('periodic services get a processing request only for network, power or long work; continuous ones always', async () => {
  assert.deepEqual(modesOf((await output('ios-periodic-refresh')).w, 'capacitor'), ['fetch']);
  assert.deepEqual(modesOf((await output('ios-periodic-processing')).w, 'tauri'), ['fetch', 'processing']);
  assert.deepEqual(modesOf((await output('ios-continuous-all')).w, 'tauri'), [
    'fetch',
    'processing',
    'location',
    'remote-notification',
    'audio',
    'bluetooth-central',
    'bluetooth-peripheral',
  ]);
  const tasks = readFileSync((await output('ios-periodic-processing')).w.paths.get('tauri/ios/Sources/PhotoBackupBackgroundTasks.swift')!, 'utf8');
  assert.match(tasks, /refresh\.earliestBeginDate = Date\(timeIntervalSinceNow: 60 \* 60\)/);
  assert.match(tasks, /processing\.earliestBeginDate = Date\(timeIntervalSinceNow: 60 \* 60\)/);
  assert.match(tasks, /processing\.requiresNetworkConnectivity = true/);
  assert.match(tasks, /processing\.requiresExternalPower = true/);
  // The refresh safety timer stays inside the ~30 s budget; maxRunSeconds (20) shortens it.
  assert.match(tasks, /trigger: \.appRefresh, budgetSeconds: 25\)/);
  const quick = readFileSync((await output('ios-periodic-refresh')).w.paths.get('capacitor/ios/Sources/QuickRefreshPlugin/QuickRefreshBackgroundTasks.swift')!, 'utf8');
  assert.match(quick, /trigger: \.appRefresh, budgetSeconds: 20\)/);
});

test('hostile usage descriptions round-trip into the plist exactly (read back by Python plistlib)', async () => {
  const { model, w } = await output('ios-continuous-all');
  const file = w.paths.get('tauri/ios/merge-into-app/Info.additions.plist')!;
  const loaded = python<Record<string, unknown>>('import plistlib, sys, json\nprint(json.dumps(plistlib.loads(sys.stdin.buffer.read())))', readFileSync(file, 'utf8'));
  const u = model.ios.usageDescriptions;
  assert.ok(u.location && u.locationAlways && u.bluetooth);
  assert.match(u.location, /"your".*\\.*\\\(track\).*\n.*🚀/s, 'the fixture really is hostile');
  assert.equal(loaded.NSLocationWhenInUseUsageDescription, u.location);
  assert.equal(loaded.NSLocationAlwaysAndWhenInUseUsageDescription, u.locationAlways);
  assert.equal(loaded.NSBluetoothAlwaysUsageDescription, u.bluetooth);
  const ent = python<Record<string, unknown>>('import plistlib, sys, json\nprint(json.dumps(plistlib.loads(sys.stdin.buffer.read())))', readFileSync(w.paths.get('tauri/ios/merge-into-app/App.additions.entitlements')!, 'utf8'));
  assert.deepEqual(ent, { 'aps-environment': 'production' });
});

test('hostile strings reach Swift only as exact string literals and safe doc comments', async () => {
  const { model, w } = await output('ios-continuous-all');
  const types = readFileSync(w.paths.get('tauri/ios/Sources/GeoTrackerTypes.swift')!, 'utf8');
  const phase = model.types.find((t) => t.name === 'Phase');
  assert.ok(phase?.kind === 'enum');
  const raw = [...types.matchAll(/^ {4}case \w+ = (".*")$/gm)].map((m) => decodeSwiftString(m[1]!));
  assert.deepEqual(raw, phase.values);
  // Every string literal in every generated file decodes as a static literal (no `\(` interpolation).
  for (const file of swiftFiles(w)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?<![\\\w])"(?:[^"\\\n]|\\.)*"/g)) {
      if (m[0].includes('\\(')) continue; // the templates' own interpolations, checked by the grammar
      assert.doesNotThrow(() => decodeSwiftString(m[0]), `${file}: ${m[0]}`);
    }
  }
  // Doc comments: each line of the sanitised text, behind `///`.
  const fix = model.events.find((e) => e.name === 'fix')!;
  for (const line of docCommentText(fix.doc!).split('\n')) assert.ok(types.includes(`    /// ${line}\n`), line);
  const service = readFileSync(w.paths.get('tauri/ios/Sources/GeoTrackerService.swift')!, 'utf8');
  assert.ok(service.includes(`/// ${docCommentText(model.description!)}\n`));
  assert.ok(!/\u202e|\u202c|\u200f/.test(types + service), 'no bidi controls in the source');
});
