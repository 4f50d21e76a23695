/**
 * The Android part of transfer services (transfer-plan.ts): the manifest
 * entries a user-initiated data transfer job, its foreground-service fallback
 * and the notification actions need, and bg-doctor's android-uidt rule over
 * the generated app — clean as generated, and reporting exactly what breaks
 * when the permission or the job's setNotification call is taken away (so the
 * zero findings of the matrix are not the rule looking elsewhere).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeclarations } from '../../declaration/reader.js';
import type { ServiceModel } from '../../declaration/model.js';
import { buildContext } from '../../generator/context.js';
import { applyChanges, planGeneration } from '../../generator/engine.js';
import { targets } from '../../generator/targets.js';
import { sourcePath } from '../../lib/paths.js';
import { runValidation } from '../../validators/run.js';
import { createProject, relocateModel } from '../../e2e/projects.js';
import { androidTransferPlan, transferComponents, transferPermissions } from './transfer-plan.js';

const ROW = sourcePath('e2e', 'matrix', 'transfer-notifications.bg.ts');

async function model(): Promise<ServiceModel> {
  const read = await readDeclarations([ROW]);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.diagnostics));
  return read.models[0]!;
}

test('transfer manifest: the permissions of user-initiated jobs, network constraints, notifications and the dataSync fallback, plus the declared ones', async () => {
  const m = await model();
  const built = buildContext(m, { kind: 'standalone', root: '/virtual', files: {} });
  assert.ok(built.ok);
  const P = (s: string) => `android.permission.${s}`;
  assert.deepEqual(
    transferPermissions(built.ctx).map((p) => p.name),
    ['ACCESS_NETWORK_STATE', 'FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_DATA_SYNC', 'INTERNET', 'POST_NOTIFICATIONS', 'RUN_USER_INITIATED_JOBS', 'WRITE_EXTERNAL_STORAGE'].map(P),
  );
  // A capped permission counts as missing above its cap: only the legacy storage one (the row opts in) is capped, at Android 9.
  assert.deepEqual(
    transferPermissions(built.ctx).filter((p) => p.maxSdkVersion !== undefined).map((p) => [p.name, p.maxSdkVersion]),
    [[P('WRITE_EXTERNAL_STORAGE'), 28]],
  );
  const basic = await readDeclarations([sourcePath('e2e', 'matrix', 'transfer-basic.bg.ts')]);
  assert.ok(basic.ok);
  const plain = buildContext(basic.models[0]!, { kind: 'standalone', root: '/virtual', files: {} });
  assert.ok(plain.ok);
  assert.ok(!transferPermissions(plain.ctx).some((p) => p.name === P('WRITE_EXTERNAL_STORAGE')), 'no storage permission without the opt-in (MediaStore needs none)');
  const components = transferComponents(built.ctx);
  assert.deepEqual(
    components.map((c) => [c.tag, c.name.slice(c.name.lastIndexOf('.') + 1), c.attrs]),
    [
      ['service', 'TransferNotificationsTransferJobService', { 'android:exported': 'false', 'android:permission': 'android.permission.BIND_JOB_SERVICE' }],
      ['service', 'TransferNotificationsTransferService', { 'android:exported': 'false', 'android:foregroundServiceType': 'dataSync', 'android:stopWithTask': 'false' }],
      ['receiver', 'TransferNotificationsTransferActionReceiver', { 'android:exported': 'false' }],
      [
        'provider',
        'TransferNotificationsTransferFileProvider',
        { 'android:authorities': '${applicationId}.TransferNotificationsTransferFiles', 'android:exported': 'false', 'android:grantUriPermissions': 'true' },
      ],
    ],
  );
  const files = androidTransferPlan(built.ctx).files.filter((f) => f.path.includes('/tauri/'));
  const kotlin = files.filter((f) => f.path.endsWith('.kt')).map((f) => f.content).join('\n');
  // What the platform needs of a user-initiated job, in the generated code.
  assert.match(kotlin, /\.setUserInitiated\(true\)/);
  assert.match(kotlin, /\.setRequiredNetworkType\(if \(task\.requiresUnmetered\) JobInfo\.NETWORK_TYPE_UNMETERED else JobInfo\.NETWORK_TYPE_ANY\)/);
  assert.match(kotlin, /setEstimatedNetworkBytes/);
  assert.match(kotlin, /override fun onStartJob[\s\S]*?notify\(params, [\s\S]*?setNotification\(params, /);
  assert.match(kotlin, /ServiceInfo\.FOREGROUND_SERVICE_TYPE_DATA_SYNC/);
  assert.match(kotlin, /override fun onTimeout\(startId: Int, fgsType: Int\) \{\s*stopSelf\(\)/);
  // The declaration's texts reach Kotlin escaped: `$` cannot interpolate, the bidi override is an escape.
  assert.ok(kotlin.includes(String.raw`"{progress} — \"{metadata}\" \$ \\ \u202e"`), 'the running text, escaped');
  assert.ok(!kotlin.includes('\u202e'), 'no raw bidi override in the source');
});

test('bg-doctor: a generated transfer app is clean; without RUN_USER_INITIATED_JOBS or setNotification android-uidt reports it', async (t) => {
  const m = await model();
  const root = mkdtempSync(join(tmpdir(), 'bg-transfer-android-'));
  const { host, declaration } = createProject('tauri', join(root, 'app'), m.sourceFile);
  const plan = planGeneration({ host, models: [relocateModel(m, declaration)], targets, pruneMissingServices: true });
  assert.deepEqual([...plan.errors, ...plan.conflicts], []);
  applyChanges(host.root, plan.changes);
  const doctor = async () => {
    const r = await runValidation({ root: host.root, config: { rules: {}, ignore: [], targetSdk: 36 } });
    return r.findings.filter((f) => f.ruleId.startsWith('android-')).map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
  };
  assert.deepEqual(await doctor(), []);

  const manifest = join(host.root, host.files.androidManifest!);
  const original = readFileSync(manifest, 'utf8');
  // openFile's provider sits beside the app's own androidx FileProvider: another class, another authority.
  const providers = [...original.matchAll(/<provider\s[^>]*?android:name="([^"]+)"[^>]*?android:authorities="([^"]+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(providers, [
    ['androidx.core.content.FileProvider', '${applicationId}.fileprovider'],
    ['com.example.matrix.transfernotifications.TransferNotificationsTransferFileProvider', '${applicationId}.TransferNotificationsTransferFiles'],
  ]);
  const kotlin = plan.changes.filter((c) => c.path.endsWith('.kt')).map((c) => readFileSync(join(host.root, c.path), 'utf8')).join('\n');
  assert.match(kotlin, /fun authority\(context: Context\): String = context\.packageName \+ "\.TransferNotificationsTransferFiles"/, 'the Kotlin asks for the authority the manifest declares');
  // The notification tap reaches the app: the launch intent carries the task and the notification type; the plugins read it.
  assert.match(kotlin, /launch\.putExtra\(TransferNotificationsTransfers\.EXTRA_TASK_ID, task\.taskId\)\.putExtra\(TransferNotificationsTransfers\.EXTRA_NOTIFICATION_TYPE, type\)/);
  assert.match(kotlin, /override fun onNewIntent\(intent: Intent\) \{\s*TransferNotificationsBridge\.onIntent\(activity, intent\)/);
  writeFileSync(manifest, original.replace(/\s*<uses-permission android:name="android\.permission\.RUN_USER_INITIATED_JOBS"\s*\/>/, ''));
  const withoutPermission = await doctor();
  t.diagnostic(withoutPermission.join('\n'));
  assert.ok(withoutPermission.some((f) => f.startsWith('android-uidt error:') && f.includes('RUN_USER_INITIATED_JOBS')), withoutPermission.join('\n'));
  writeFileSync(manifest, original);

  const job = plan.changes.find((c) => c.path.endsWith('TransferNotificationsTransferJobService.kt'))!;
  const code = readFileSync(join(host.root, job.path), 'utf8');
  writeFileSync(join(host.root, job.path), code.replace(/setNotification\(params,[^\n]*\n/, '\n'));
  const withoutNotification = await doctor();
  assert.ok(withoutNotification.some((f) => f.startsWith('android-uidt warning:') && f.includes('setNotification')), withoutNotification.join('\n'));
});
