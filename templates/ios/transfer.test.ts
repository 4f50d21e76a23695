/**
 * The iOS part of transfer services (transfer-plan.ts): one background
 * URLSession whose identifier is the service's constant one, uploads only from
 * files, the relaunch handler kept and called; and bg-doctor's
 * ios-bg-urlsession rule over a generated Capacitor app — clean as generated,
 * and reporting each mistake when the generated Swift is broken on purpose
 * (so the matrix's zero findings are the rule seeing this code).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeclarations } from '../../declaration/reader.js';
import { buildContext } from '../../generator/context.js';
import { applyChanges, planGeneration } from '../../generator/engine.js';
import { targets } from '../../generator/targets.js';
import { sourcePath } from '../../lib/paths.js';
import { parseSwift } from '../../toolchains/index.js';
import { runValidation } from '../../validators/run.js';
import { createProject, relocateModel } from '../../e2e/projects.js';

const ROW = sourcePath('e2e', 'matrix', 'transfer-notifications.bg.ts');

async function generatedApp() {
  const read = await readDeclarations([ROW]);
  assert.ok(read.ok);
  const root = mkdtempSync(join(tmpdir(), 'bg-transfer-ios-'));
  const { host, declaration } = createProject('capacitor', join(root, 'app'), read.models[0]!.sourceFile);
  const model = relocateModel(read.models[0]!, declaration);
  const plan = planGeneration({ host, models: [model], targets, pruneMissingServices: true });
  assert.deepEqual([...plan.errors, ...plan.conflicts], []);
  applyChanges(host.root, plan.changes);
  const built = buildContext(model, host);
  assert.ok(built.ok);
  const swift = (suffix: string) => join(host.root, plan.changes.find((c) => c.path.endsWith(suffix))!.path);
  return { host, ctx: built.ctx, plan, transfers: swift('TransferNotificationsTransfers.swift'), plugin: swift('TransferNotificationsPlugin.swift') };
}

test('the background session: the service identifier as a constant, uploads from files only, the relaunch handler kept and called', async () => {
  const { ctx, host, transfers, plugin } = await generatedApp();
  const code = readFileSync(transfers, 'utf8');
  assert.equal(ctx.ids.iosUrlSession, 'com.example.matrix.transfernotifications.transfers');
  assert.ok(code.includes(`public static let sessionIdentifier = "${ctx.ids.iosUrlSession}"`));
  assert.match(code, /URLSessionConfiguration\.background\(withIdentifier: TransferNotificationsTransfers\.sessionIdentifier\)/);
  assert.match(code, /session\.uploadTask\(with: task\.request\(\), fromFile: body\)/);
  assert.doesNotMatch(code, /uploadTask\(with:[^)]*\bfrom:/, 'never an upload from Data');
  assert.match(code, /cancel\(byProducingResumeData:/);
  assert.match(code, /downloadTask\(withResumeData: resumeData\)/);
  assert.match(code, /sessionTask\.taskDescription = task\.description/);
  assert.match(code, /shared\.completionHandler = completionHandler/);
  assert.match(code, /func urlSessionDidFinishEvents\(forBackgroundURLSession session: URLSession\) \{\s*let handler = completionHandler\s*completionHandler = nil\s*DispatchQueue\.main\.async \{ handler\?\(\) \}/);
  assert.match(readFileSync(plugin, 'utf8'), /TransferNotificationsTransfers\.registerAtLaunch\(\)/);
  // Server requests on a foreground session, never the background one.
  assert.match(code, /private let requests = URLSession\(configuration: \.default\)/);
  assert.match(code, /requests\.dataTask\(with: request\)/);
  // Relaunch: tasks the session lost are started again (resume data for downloads) on the first call.
  assert.match(code, /self\.restoreOnce\(\)/);
  assert.match(code, /for task in self\.store\.activeTasks\(\) where !known\.contains\(task\.taskId\)/);
  assert.match(code, /self\.start\(task, resumeData: task\.isUpload \? nil : self\.store\.resumeData\(task\.taskId\), after: 0\)/);
  // The row opts in to Photos: add-only access, and the usage text in the app's Info.plist, escaped.
  assert.match(code, /PHPhotoLibrary\.requestAuthorization\(for: \.addOnly\)/);
  const info = readFileSync(join(host.root, host.files.iosInfoPlist!), 'utf8');
  assert.ok(info.includes('<key>NSPhotoLibraryAddUsageDescription</key>\n\t<string>Saves "your" photos $x \\ &#x202e;</string>'), 'the usage text, its bidi override escaped');
  // Taps: the module's notification delegate, in front of the app's (kept and called for the others).
  assert.match(code, /Delegate\.shared\.next = center\.delegate\s*center\.delegate = Delegate\.shared/);
  assert.equal((await parseSwift([transfers, plugin])).ok, true);
});

test('without the Photos opt-in no Photos code is generated (bg-doctor and App Review ask for a usage string when it is)', async () => {
  const read = await readDeclarations([sourcePath('e2e', 'matrix', 'transfer-basic.bg.ts')]);
  assert.ok(read.ok);
  const root = mkdtempSync(join(tmpdir(), 'bg-transfer-ios-basic-'));
  const { host, declaration } = createProject('tauri', join(root, 'app'), read.models[0]!.sourceFile);
  const plan = planGeneration({ host, models: [relocateModel(read.models[0]!, declaration)], targets, pruneMissingServices: true });
  assert.deepEqual([...plan.errors, ...plan.conflicts], []);
  const swift = plan.changes.filter((c) => c.path.endsWith('Transfers.swift')).map((c) => c.after ?? '').join('\n');
  assert.ok(swift.includes('moveToSharedStorage'), 'the Swift is there');
  assert.doesNotMatch(swift, /import Photos|PHPhotoLibrary/);
  assert.ok(!plan.changes.some((c) => (c.after ?? '').includes('NSPhotoLibraryAddUsageDescription')));
});

test('bg-doctor: the generated transfer app has no iOS finding; each broken piece is reported by ios-bg-urlsession', async (t) => {
  const { host, transfers } = await generatedApp();
  const doctor = async () => {
    const r = await runValidation({ root: host.root, config: { rules: {}, ignore: [] } });
    return r.findings.filter((f) => f.ruleId.startsWith('ios-')).map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
  };
  assert.deepEqual(await doctor(), []);
  const original = readFileSync(transfers, 'utf8');
  const broken = async (what: string, edit: (s: string) => string, expected: RegExp) => {
    const changed = edit(original);
    assert.notEqual(changed, original, `${what}: the edit applies`);
    writeFileSync(transfers, changed);
    const found = await doctor();
    t.diagnostic(`${what}: ${found.join('; ')}`);
    assert.ok(found.some((f) => expected.test(f)), `${what}: ${found.join('\n')}`);
    writeFileSync(transfers, original);
  };
  await broken('a new identifier per launch', (s) => s.replace(/background\(withIdentifier: [^)]*\)/, 'background(withIdentifier: UUID().uuidString)'), /^ios-bg-urlsession warning: .*changes on every launch/);
  await broken('the handler never called', (s) => s.replace(/public func urlSessionDidFinishEvents[\s\S]*?\n {4}\}\n/, ''), /^ios-bg-urlsession warning: .*urlSessionDidFinishEvents/);
  await broken('an upload from Data', (s) => s.replace('session.uploadTask(with: task.request(), fromFile: body)', 'session.uploadTask(with: task.request(), from: Data())'), /^ios-bg-urlsession error: .*Upload tasks from NSData/);
});
