import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ServiceModel } from '../../declaration/model.js';
import { applyChanges, planGeneration } from '../../generator/engine.js';
import { detectHost, type HostProject } from '../../generator/host.js';
import { sourcePath } from '../../lib/paths.js';
import { dictGet, parsePlist } from '../../parsers/plist.js';
import { verifyPlist } from '../../toolchains/index.js';
import { runValidation } from '../../validators/run.js';
import { iosTarget } from './plan.js';
import { fixtureModels } from './testing.js';

const APP_FIXTURE = sourcePath('templates', 'ios', 'fixtures', 'capacitor-app');
const APP_FILES = ['Info.plist', 'App.entitlements', 'PrivacyInfo.xcprivacy'] as const;

interface App {
  root: string;
  host: HostProject;
  /** Project-relative path of each app file, by fixture name. */
  files: Record<(typeof APP_FILES)[number], string>;
}

/** A Capacitor app, or a Tauri app with the same iOS files where `tauri ios init` puts them. */
function makeApp(kind: 'capacitor' | 'tauri', registration: string): App {
  const root = mkdtempSync(join(tmpdir(), `bg-ios-${kind}-app-`));
  const iosDir = kind === 'capacitor' ? 'ios/App/App' : 'src-tauri/gen/apple/notes_iOS';
  const names = { 'Info.plist': 'Info.plist', 'App.entitlements': kind === 'capacitor' ? 'App.entitlements' : 'notes_iOS.entitlements', 'PrivacyInfo.xcprivacy': 'PrivacyInfo.xcprivacy' };
  const files = Object.fromEntries(APP_FILES.map((f) => [f, `${iosDir}/${names[f]}`])) as App['files'];
  if (kind === 'capacitor') cpSync(APP_FIXTURE, root, { recursive: true });
  else {
    mkdirSync(join(root, 'src-tauri'), { recursive: true });
    writeFileSync(join(root, 'src-tauri/tauri.conf.json'), '{ "identifier": "com.example.notes", "productName": "notes" }\n');
    for (const f of APP_FILES) {
      mkdirSync(join(root, iosDir), { recursive: true });
      cpSync(join(APP_FIXTURE, 'ios/App/App', f), join(root, files[f]));
    }
  }
  const delegate = join(root, iosDir, 'AppDelegate.swift');
  mkdirSync(dirname(delegate), { recursive: true });
  writeFileSync(delegate, readFileSync(join(APP_FIXTURE, 'ios/App/App/AppDelegate.swift'), 'utf8').replace('SERVICE_REGISTRATION', registration));
  return { root, host: detectHost(root), files };
}

function generate(app: App, models: ServiceModel[]) {
  const result = planGeneration({ host: app.host, models, targets: [iosTarget], pruneMissingServices: true });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.conflicts, []);
  applyChanges(app.root, result.changes);
  return result;
}

const read = (app: App, f: (typeof APP_FILES)[number]) => readFileSync(join(app.root, app.files[f]), 'utf8');

/** Every line of `before` is still in `after`, in order (edits only insert; an empty `<dict/>` may open up). */
function keepsEveryLine(before: string, after: string, what: string) {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    if (/^\s*<(dict|array)\/>$/.test(line)) continue;
    const i = lines.indexOf(line, at);
    assert.ok(i >= 0, `${what}: the line ${JSON.stringify(line)} was lost or reordered`);
    at = i + 1;
  }
}

for (const kind of ['capacitor', 'tauri'] as const) {
  test(`${kind} app: Info.plist, entitlements and privacy manifest get exactly the service's entries, byte-preserving; a second run changes nothing; removal restores every byte`, async () => {
    const model = (await fixtureModels()).get('ios-continuous-all')!;
    const app = makeApp(kind, `${model.names.pascal}BackgroundTasks.registerAtLaunch()`);
    try {
      assert.equal(app.host.kind, kind);
      for (const f of APP_FILES) assert.equal(app.host.files[f === 'Info.plist' ? 'iosInfoPlist' : f === 'App.entitlements' ? 'iosEntitlements' : 'iosPrivacyManifest'], app.files[f], `detects ${f}`);
      const before = Object.fromEntries(APP_FILES.map((f) => [f, read(app, f)]));
      const placed = { ...model, sourceFile: join(app.root, 'services', `${model.names.kebab}.bg.ts`) };

      const first = generate(app, [placed]);
      assert.ok(first.changes.some((c) => c.path === app.files['Info.plist']));
      for (const f of APP_FILES) {
        const after = read(app, f);
        keepsEveryLine(before[f]!, after, f);
        const r = await verifyPlist(join(app.root, app.files[f]));
        assert.ok(r.ok, `${f}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      }
      const info = parsePlist(read(app, 'Info.plist')).root;
      const strings = (key: string) => {
        const v = dictGet(info, key);
        return v?.type === 'array' ? v.items.map((i) => (i.type === 'string' ? i.value : '')) : [];
      };
      assert.deepEqual(strings('UIBackgroundModes'), ['fetch', 'processing', 'location', 'remote-notification', 'audio', 'bluetooth-central', 'bluetooth-peripheral']);
      assert.deepEqual(strings('BGTaskSchedulerPermittedIdentifiers'), ['com.example.tracker.geo.refresh', 'com.example.tracker.geo.processing']);
      const usage = dictGet(info, 'NSLocationWhenInUseUsageDescription');
      assert.equal(usage?.type === 'string' ? usage.value : undefined, model.ios.usageDescriptions.location);
      assert.match(read(app, 'App.entitlements'), /<key>aps-environment<\/key>\s*<string>production<\/string>/);
      assert.match(read(app, 'PrivacyInfo.xcprivacy'), /NSPrivacyAccessedAPICategoryUserDefaults<\/string>\s*<key>NSPrivacyAccessedAPITypeReasons<\/key>\s*<array>\s*<string>CA92\.1<\/string>/);
      assert.match(read(app, 'Info.plist'), /<!-- the user's own comment: must survive every edit -->/);
      assert.ok(!first.changes.some((c) => c.path.includes('merge-into-app')), 'no merge files when the app files exist');

      const second = planGeneration({ host: app.host, models: [placed], targets: [iosTarget], pruneMissingServices: true });
      assert.deepEqual(second.changes.map((c) => c.path), [], 'a second run changes nothing');

      const fewerModes = { ...placed, ios: { ...placed.ios, backgroundModes: placed.ios.backgroundModes.filter((m) => m !== 'audio') } };
      generate(app, [fewerModes]);
      assert.ok(!read(app, 'Info.plist').includes('<string>audio</string>'), 'a mode dropped from the declaration is removed');
      assert.ok(read(app, 'Info.plist').includes('<string>location</string>'));

      generate(app, []);
      for (const f of APP_FILES) assert.equal(read(app, f), before[f], `${f}: removing the service restores the file byte for byte`);
    } finally {
      rmSync(app.root, { recursive: true, force: true });
    }
  });
}

test("an aps-environment the app already has is kept, and never removed with the service", async () => {
  const model = (await fixtureModels()).get('ios-continuous-all')!;
  const app = makeApp('capacitor', `${model.names.pascal}BackgroundTasks.registerAtLaunch()`);
  try {
    const ent = join(app.root, app.files['App.entitlements']);
    const mine = read(app, 'App.entitlements').replace('<dict/>', '<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>');
    writeFileSync(ent, mine);
    const placed = { ...model, sourceFile: join(app.root, `${model.names.kebab}.bg.ts`) };
    generate(app, [placed]);
    assert.equal(readFileSync(ent, 'utf8'), mine);
    generate(app, []);
    assert.equal(readFileSync(ent, 'utf8'), mine);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
});

test('an app without its iOS project gets the entries as merge files, and a note saying what to do', async () => {
  const model = (await fixtureModels()).get('ios-continuous-all')!;
  const root = mkdtempSync(join(tmpdir(), 'bg-ios-noios-'));
  try {
    writeFileSync(join(root, 'capacitor.config.json'), '{ "appId": "com.example.notes" }\n');
    const host = detectHost(root);
    const result = planGeneration({ host, models: [{ ...model, sourceFile: join(root, 'geo.bg.ts') }], targets: [iosTarget] });
    assert.deepEqual(result.errors, []);
    const paths = result.changes.map((c) => c.path);
    assert.ok(paths.includes('capacitor/ios/merge-into-app/Info.additions.plist'));
    assert.ok(paths.includes('capacitor/ios/merge-into-app/App.additions.entitlements'));
    assert.ok(!paths.some((p) => p.startsWith('tauri/')), 'only the app\'s own host');
    assert.ok(result.notes.some((n) => /iOS project was not found/.test(n)));
    assert.ok(result.notes.some((n) => /Push Notifications capability/.test(n)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/**
 * bg-doctor's iOS findings on a Capacitor app generated for each fixture, wired as the hosts wire it
 * (`registration` is the line in didFinishLaunching; by default the call of the generated plugin).
 */
async function doctorFindings(t: { diagnostic(message: string): void }, registration?: (pascal: string) => string) {
  const models = await fixtureModels();
  const out: string[] = [];
  for (const name of ['ios-continuous-all', 'ios-periodic-refresh'] as const) {
    const model = models.get(name)!;
    const app = makeApp('capacitor', registration ? registration(model.names.pascal) : `${model.names.pascal}BackgroundTasks.registerAtLaunch()`);
    try {
      generate(app, [{ ...model, hosts: ['capacitor'], sourceFile: join(app.root, 'services', `${model.names.kebab}.bg.ts`) }]);
      const result = await runValidation({ root: app.root, config: { rules: {}, ignore: [] } });
      t.diagnostic(`${name}: ${result.findings.length} findings in ${Math.round(result.durationMs)} ms${result.findings.map((f) => `\n  ${f.ruleId} ${f.severity}: ${f.message}`).join('')}`);
      for (const f of result.findings) if (f.ruleId.startsWith('ios-')) out.push(`${name}: ${f.ruleId} ${f.severity}: ${f.message}`);
    } finally {
      rmSync(app.root, { recursive: true, force: true });
    }
  }
  return out;
}

test('bg-doctor validate: the generated Capacitor app has no iOS error', async (t) => {
  assert.deepEqual((await doctorFindings(t)).filter((f) => / error: /.test(f)), []);
});

test('bg-doctor validate: the generated Capacitor app has no iOS finding at all (the plugin\'s registrations, reached from AppDelegate, count)', async (t) => {
  assert.deepEqual(await doctorFindings(t), []);
});

test('bg-doctor validate: without the AppDelegate call, each permitted identifier is reported, naming the plugin registration it does not reach', async (t) => {
  const findings = await doctorFindings(t, () => '// (no registration)');
  const handler = findings.filter((f) => f.includes('ios-bgtask-handler'));
  // ios-continuous-all: refresh + processing; ios-periodic-refresh: refresh.
  assert.equal(handler.length, 3, findings.join('\n'));
  for (const f of handler) assert.match(f, /warning: "[^"]+" is registered by a plugin \(services\/capacitor\/ios\/Sources\/\w+Plugin\/\w+BackgroundTasks\.swift:\d+, in registerAtLaunch\(\)\) but nothing/);
});
