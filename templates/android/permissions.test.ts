import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ForegroundServiceType, ServiceModel } from '../../declaration/model.js';
import { buildContext } from '../../generator/context.js';
import { attrValue, childElements, parseXml } from '../../parsers/xml.js';
import { androidTarget } from './plan.js';
import { continuous, periodic } from './testing/models.js';

/**
 * platform-rules.md §1.1, transcribed here as the test's own oracle (the
 * generator reads validators/data/android-fgs.ts): per type, the manifest
 * permissions (all-of) and the runtime prerequisite (any-of).
 */
const SECTION_1_1: Record<ForegroundServiceType, { allOf: string[]; anyOf: string[] }> = {
  dataSync: { allOf: ['FOREGROUND_SERVICE_DATA_SYNC'], anyOf: [] },
  mediaPlayback: { allOf: ['FOREGROUND_SERVICE_MEDIA_PLAYBACK'], anyOf: [] },
  phoneCall: { allOf: ['FOREGROUND_SERVICE_PHONE_CALL'], anyOf: ['MANAGE_OWN_CALLS'] },
  location: { allOf: ['FOREGROUND_SERVICE_LOCATION'], anyOf: ['ACCESS_COARSE_LOCATION', 'ACCESS_FINE_LOCATION'] },
  connectedDevice: {
    allOf: ['FOREGROUND_SERVICE_CONNECTED_DEVICE'],
    anyOf: ['BLUETOOTH_ADVERTISE', 'BLUETOOTH_CONNECT', 'BLUETOOTH_SCAN', 'CHANGE_NETWORK_STATE', 'CHANGE_WIFI_STATE', 'CHANGE_WIFI_MULTICAST_STATE', 'NFC', 'TRANSMIT_IR', 'UWB_RANGING'],
  },
  mediaProjection: { allOf: ['FOREGROUND_SERVICE_MEDIA_PROJECTION'], anyOf: ['CAPTURE_VIDEO_OUTPUT'] },
  camera: { allOf: ['FOREGROUND_SERVICE_CAMERA'], anyOf: ['CAMERA', 'SYSTEM_CAMERA'] },
  microphone: { allOf: ['FOREGROUND_SERVICE_MICROPHONE'], anyOf: ['RECORD_AUDIO'] },
  health: { allOf: ['FOREGROUND_SERVICE_HEALTH'], anyOf: ['ACTIVITY_RECOGNITION', 'BODY_SENSORS', 'HIGH_SAMPLING_RATE_SENSORS'] },
  remoteMessaging: { allOf: ['FOREGROUND_SERVICE_REMOTE_MESSAGING'], anyOf: [] },
  systemExempted: { allOf: ['FOREGROUND_SERVICE_SYSTEM_EXEMPTED'], anyOf: ['SCHEDULE_EXACT_ALARM', 'USE_EXACT_ALARM'] },
  shortService: { allOf: [], anyOf: [] },
  mediaProcessing: { allOf: ['FOREGROUND_SERVICE_MEDIA_PROCESSING'], anyOf: [] },
  specialUse: { allOf: ['FOREGROUND_SERVICE_SPECIAL_USE'], anyOf: [] },
};

/**
 * Which any-of alternatives a service of only that type declares: the
 * permissions the reader makes the declaration list for location, camera
 * and microphone; for health the first alternative; for phoneCall
 * MANAGE_OWN_CALLS (its other way, the dialer role, cannot be declared).
 * connectedDevice (a USB grant), mediaProjection (an app-op after the user's
 * consent) and systemExempted (an app-op) are met without a permission.
 */
const DECLARED_PREREQUISITE: Partial<Record<ForegroundServiceType, string[]>> = {
  location: ['ACCESS_COARSE_LOCATION', 'ACCESS_FINE_LOCATION'],
  camera: ['CAMERA'],
  microphone: ['RECORD_AUDIO'],
  health: ['ACTIVITY_RECOGNITION'],
  phoneCall: ['MANAGE_OWN_CALLS'],
};

/** platform-rules.md §1.2 android-fgs-type-prerequisite: an error without one of these. */
const PREREQUISITE_IS_AN_ERROR: ForegroundServiceType[] = ['location', 'camera', 'microphone', 'health'];

/** Every foreground service: the base permission (§1.2 android-fgs-base-permission) and its notification (android-post-notifications). */
const BASE = ['FOREGROUND_SERVICE', 'POST_NOTIFICATIONS'];

const full = (names: string[]) => names.map((n) => `android.permission.${n}`);

/** The `<uses-permission>` entries of the manifest the target writes for `model` in a standalone module. */
function manifestPermissions(model: ServiceModel): Map<string, string | undefined> {
  const built = buildContext(model, { kind: 'standalone', root: '/virtual', files: {} });
  assert.ok(built.ok);
  const out = androidTarget.plan(built.ctx);
  const manifest = out.files.find((f) => f.path.endsWith('/android/src/main/AndroidManifest.xml'));
  assert.ok(manifest, 'no library manifest');
  const doc = parseXml(manifest.content);
  return new Map(childElements(doc.root, 'uses-permission').map((p) => [attrValue(p, 'android:name')!, attrValue(p, 'android:maxSdkVersion')]));
}

describe('permissions of the 14 foreground-service types', () => {
  for (const [type, rule] of Object.entries(SECTION_1_1) as [ForegroundServiceType, (typeof SECTION_1_1)[ForegroundServiceType]][]) {
    test(`${type}: exactly the permissions §1.1 requires, no more`, () => {
      const declaredPrerequisite = DECLARED_PREREQUISITE[type] ?? [];
      for (const p of declaredPrerequisite) assert.ok(rule.anyOf.includes(p), `${p} is not one of ${type}'s alternatives`);
      if (PREREQUISITE_IS_AN_ERROR.includes(type)) assert.ok(declaredPrerequisite.length > 0);

      const got = manifestPermissions(continuous(`only-${type.toLowerCase()}`, [type]));
      const expected = new Map(full([...BASE, ...rule.allOf, ...declaredPrerequisite]).map((p) => [p, undefined as string | undefined]));
      if (type === 'mediaProcessing') {
        // mediaProcessing exists from API 35; on API 34 the service starts as dataSync (platform-rules §1.2 android-fgs-type-permission).
        expected.set('android.permission.FOREGROUND_SERVICE_DATA_SYNC', '34');
      }
      assert.deepEqual(new Map([...got].sort()), new Map([...expected].sort()));
    });
  }

  test('types combine without duplicates; restartOnBoot adds only RECEIVE_BOOT_COMPLETED', () => {
    const types: ForegroundServiceType[] = ['dataSync', 'location', 'specialUse'];
    const off = manifestPermissions(continuous('combined', types));
    const on = manifestPermissions(continuous('combined', types, { restartOnBoot: true }));
    assert.deepEqual(
      [...off.keys()].sort(),
      full([...BASE, 'FOREGROUND_SERVICE_DATA_SYNC', 'FOREGROUND_SERVICE_LOCATION', 'FOREGROUND_SERVICE_SPECIAL_USE', 'ACCESS_COARSE_LOCATION', 'ACCESS_FINE_LOCATION']).sort(),
    );
    assert.deepEqual([...on.keys()].filter((p) => !off.has(p)), ['android.permission.RECEIVE_BOOT_COMPLETED']);
  });

  test('a location foreground service needs no ACCESS_BACKGROUND_LOCATION; a periodic job that reads the location does', () => {
    const fgs = manifestPermissions(continuous('fg-location', ['location'], {}, { permissions: ['location', 'backgroundLocation'] }));
    assert.ok(!fgs.has('android.permission.ACCESS_BACKGROUND_LOCATION'));
    const job = manifestPermissions(periodic('bg-location', {}, { permissions: ['location', 'backgroundLocation'] }));
    assert.ok(job.has('android.permission.ACCESS_BACKGROUND_LOCATION'));
  });

  test('periodic: RECEIVE_BOOT_COMPLETED for the persisted job; INTERNET and ACCESS_NETWORK_STATE only with a network constraint', () => {
    assert.deepEqual([...manifestPermissions(periodic('job-plain')).keys()], full(['RECEIVE_BOOT_COMPLETED']));
    for (const network of ['any', 'unmetered'] as const) {
      assert.deepEqual([...manifestPermissions(periodic('job-net', { network })).keys()].sort(), full(['ACCESS_NETWORK_STATE', 'INTERNET', 'RECEIVE_BOOT_COMPLETED']));
    }
  });
});
