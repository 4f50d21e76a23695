/**
 * Rule metadata and the generated docs: every rule module is registered under
 * its file name, documents what/why/fix, Android rules carry the exact
 * runtime error texts of platform-rules.md §6, and docs/rules is up to date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { RULES } from './rules/index.js';
import { docsDrift } from './gen-docs.js';
import { sourcePath } from '../lib/paths.js';
import { explainText } from './docs.js';

test('every rule module is registered once, under its file name', () => {
  const files = readdirSync(sourcePath('validators', 'rules'))
    .filter((f) => /^[a-z]+-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.includes('test-util'))
    .map((f) => f.slice(0, -3));
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  assert.deepEqual([...ids].sort(), files.sort());
  for (const r of RULES) {
    assert.ok(['error', 'warning', 'info'].includes(r.meta.severity), r.meta.id);
    assert.ok(r.meta.docs.title && r.meta.docs.why && r.meta.docs.fix, `${r.meta.id} documents what, why and how to fix`);
  }
});

test('the 29 Android rules of platform-rules.md §1.2 exist, with since', () => {
  const want = [
    'fgs-base-permission', 'fgs-type-missing', 'fgs-type-invalid', 'fgs-type-permission', 'fgs-type-prerequisite', 'fgs-runtime-subset',
    'fgs-specialuse-subtype', 'fgs-system-exempted', 'fgs-timeout-handler', 'fgs-boot-restricted', 'fgs-bg-start', 'fgs-overlay-exemption',
    'workmanager-fgs', 'post-notifications', 'boot-permission', 'job-persisted-boot', 'jobservice-binding', 'uidt', 'exact-alarm-permission',
    'exact-alarm-check', 'use-exact-alarm', 'background-location', 'exported-explicit', 'wake-lock', 'battery-opt-policy', 'internet',
    'stop-with-task', 'permission-typo', 'target-sdk',
  ].map((s) => `android-${s}`);
  const have = new Map(RULES.map((r) => [r.meta.id, r.meta]));
  for (const id of want) {
    assert.ok(have.has(id), `missing ${id}`);
    assert.ok(have.get(id)!.docs.since, `${id} says from when it applies`);
    assert.equal(have.get(id)!.platform, 'android');
  }
});

test('runtime error texts of platform-rules.md §6 appear verbatim in the docs', () => {
  const text = (id: string) => explainText(RULES.find((r) => r.meta.id === id)!.meta);
  const cases: Array<[string, string]> = [
    ['android-fgs-type-missing', 'android.app.MissingForegroundServiceTypeException: Starting FGS without a type  callerApp=ProcessRecord{…} targetSDK=34'],
    ['android-fgs-type-permission', 'java.lang.SecurityException: Starting FGS with type dataSync callerApp=… targetSDK=34 requires permissions: all of the permissions allOf=true [android.permission.FOREGROUND_SERVICE_DATA_SYNC]'],
    ['android-fgs-type-prerequisite', ' any of the permissions allOf=false [android.permission.ACCESS_COARSE_LOCATION, android.permission.ACCESS_FINE_LOCATION]  and the app must be in the eligible state/exemptions to access the foreground only permission'],
    ['android-fgs-base-permission', 'Permission Denial: startForeground from pid=…, uid=… requires android.permission.FOREGROUND_SERVICE'],
    ['android-fgs-runtime-subset', 'java.lang.IllegalArgumentException: foregroundServiceType 0x00000001 is not a subset of foregroundServiceType attribute 0x00000000 in service element of manifest file'],
    ['android-workmanager-fgs', 'java.lang.IllegalArgumentException: foregroundServiceType 0x00000001 is not a subset of foregroundServiceType attribute 0x00000000 in service element of manifest file'],
    ['android-fgs-boot-restricted', 'android.app.ForegroundServiceStartNotAllowedException: FGS type dataSync not allowed to start from BOOT_COMPLETED!'],
    ['android-fgs-boot-restricted', 'Restricted foreground service types … cannot use BOOT_COMPLETED broadcast receivers to launch certain foreground service types'],
    ['android-fgs-bg-start', 'android.app.ForegroundServiceStartNotAllowedException: startForegroundService() not allowed due to mAllowStartForeground false: service …'],
    ['android-fgs-bg-start', 'Context.startForegroundService() did not then call Service.startForeground()'],
    ['android-fgs-timeout-handler', 'android.app.RemoteServiceException$ForegroundServiceDidNotStopInTimeException: A foreground service of type dataSync did not stop within its timeout: ComponentInfo{…}'],
    ['android-exact-alarm-permission', 'java.lang.SecurityException: Caller com.example needs to hold android.permission.SCHEDULE_EXACT_ALARM or android.permission.USE_EXACT_ALARM to set exact alarms.'],
    ['android-exported-explicit', 'INSTALL_PARSE_FAILED_MANIFEST_MALFORMED: … Targeting S+ (version 31 and above) requires that an explicit value for android:exported be defined when intent filters are present'],
    ['android-job-persisted-boot', 'java.lang.IllegalArgumentException: Error: requested job be persisted without holding RECEIVE_BOOT_COMPLETED permission.'],
  ];
  for (const [id, s] of cases) assert.ok(text(id).includes(s), `${id} docs lack: ${s}`);
});

test('docs/rules is generated from the current metadata', () => {
  const d = docsDrift();
  assert.deepEqual(d, { stale: [], missing: [], extra: [] }, 'docs/rules is out of date: run `npx tsc -p tsconfig.json && node dist/validators/gen-docs.js` and commit docs/rules');
});
