/**
 * RuleTester cases for the Android foreground-service rules, including the
 * traps platform-rules.md and the corpus name: merged library manifests,
 * maxSdkVersion caps, WorkManager's typeless service, targetSdk thresholds.
 */
import { ruleTester } from '../testing.js';
import { APP, gradleApp, manifest, perm } from '../android/fixture.js';
import basePermission from './android-fgs-base-permission.js';
import typeMissing from './android-fgs-type-missing.js';
import typeInvalid from './android-fgs-type-invalid.js';
import typePermission from './android-fgs-type-permission.js';
import prerequisite from './android-fgs-type-prerequisite.js';
import runtimeSubset from './android-fgs-runtime-subset.js';
import specialUse from './android-fgs-specialuse-subtype.js';
import systemExempted from './android-fgs-system-exempted.js';
import timeoutHandler from './android-fgs-timeout-handler.js';
import bootRestricted from './android-fgs-boot-restricted.js';
import bgStart from './android-fgs-bg-start.js';
import overlay from './android-fgs-overlay-exemption.js';
import workManager from './android-workmanager-fgs.js';

const LAUNCHER = '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';
const KT = 'app/src/main/java/com/example';

ruleTester(basePermission, {
  valid: [
    { name: 'declared', targetSdk: 34, files: { [APP]: manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_DATA_SYNC')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) } },
    {
      name: 'supplied by WorkManager (override of its service proves the library)',
      targetSdk: 36,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE_DATA_SYNC')], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync" tools:node="merge"/>']) },
    },
    {
      name: 'supplied by a library module (data-only tree merges every module)',
      targetSdk: 36,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Hotspot" android:foregroundServiceType="dataSync"/>']),
        'core/src/main/AndroidManifest.xml': manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_DATA_SYNC')], [], 'com.example.core'),
      },
    },
    {
      name: 'supplied by a project(":core") dependency in build.gradle',
      files: {
        ...gradleApp(34, 34, ["project(':core')"]),
        'settings.gradle': "include ':app', ':core'\n",
        'core/build.gradle': "plugins { id 'com.android.library' }\n",
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Hotspot" android:foregroundServiceType="dataSync"/>']),
        'core/src/main/AndroidManifest.xml': manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_DATA_SYNC')], [], 'com.example.core'),
      },
    },
    { name: 'below targetSdk 28', targetSdk: 27, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) } },
    { name: 'no foreground service at all', targetSdk: 34, files: { [APP]: manifest([perm('INTERNET')], [LAUNCHER, '<service android:name=".Plain"/>']) } },
  ],
  invalid: [
    {
      name: 'typed service, no permission anywhere',
      targetSdk: 34,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE_DATA_SYNC')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) },
      errors: [{ line: 5, severity: 'error', message: /FOREGROUND_SERVICE/ }],
      output: {
        [APP]: manifest([perm('FOREGROUND_SERVICE_DATA_SYNC'), perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
      },
    },
    {
      name: 'library-only module not in the dependency graph does not count',
      files: {
        ...gradleApp(34),
        'settings.gradle': "include ':app', ':core'\n",
        'core/build.gradle': "plugins { id 'com.android.library' }\n",
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Hotspot" android:foregroundServiceType="dataSync"/>']),
        'core/src/main/AndroidManifest.xml': manifest([perm('FOREGROUND_SERVICE')], [], 'com.example.core'),
      },
      errors: [{ line: 4, severity: 'error' }],
    },
    {
      name: 'capped below the newest API counts as missing there',
      targetSdk: 34,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE', 'android:maxSdkVersion="30"')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) },
      errors: [{ line: 5, message: /maxSdkVersion="30"/ }],
    },
    {
      name: 'code evidence: startForeground in a service class',
      targetSdk: 30,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Player"/>']),
        [`${KT}/Player.kt`]: 'package com.example\n\nclass Player : Service() {\n    fun go() {\n        startForeground(1, notification)\n    }\n}\n',
      },
      errors: [{ file: `${KT}/Player.kt`, line: 5 }],
    },
    {
      name: 'unknown targetSdk: still an error (threshold 28 is below what Play accepts)',
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) },
      errors: [{ line: 4, severity: 'error' }],
    },
  ],
});

ruleTester(typeMissing, {
  valid: [
    { name: 'typed', targetSdk: 34, files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) } },
    { name: 'trap: below targetSdk 34 (rn-background-actions)', targetSdk: 31, files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Task"/>']) } },
    {
      name: 'trap: FOREGROUND_SERVICE only from WorkManager (known library), no FGS of the app',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER, '<provider android:name="androidx.startup.InitializationProvider" android:authorities="x" tools:node="merge"><meta-data android:name="androidx.work.WorkManagerInitializer" tools:node="remove"/></provider>']) },
    },
    {
      name: 'one typed service is enough without code (the manifest cannot tell which one is foreground)',
      targetSdk: 34,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".A" android:foregroundServiceType="dataSync"/>', '<service android:name=".B"/>']) },
    },
    {
      name: 'Expo config-only app: services are generated, nothing to judge',
      files: { 'app.json': JSON.stringify({ expo: { android: { permissions: ['android.permission.FOREGROUND_SERVICE'] }, plugins: [['expo-build-properties', { android: { targetSdkVersion: 35 } }]] } }, null, 2) },
    },
  ],
  invalid: [
    {
      name: 'no service typed (anchored at FOREGROUND_SERVICE)',
      targetSdk: 34,
      files: { [APP]: manifest([perm('INTERNET'), perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".A"/>', '<service android:name=".B"/>']) },
      errors: [{ line: 3, severity: 'error', message: /MissingForegroundServiceTypeException/ }],
    },
    {
      name: 'unknown targetSdk: warning',
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".A"/>']) },
      errors: [{ line: 2, severity: 'warning', message: /targetSdk unknown/ }],
    },
    {
      name: 'code maps the call to its service',
      targetSdk: 34,
      files: {
        [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".A" android:foregroundServiceType="dataSync"/>', '<service android:name=".B"/>']),
        [`${KT}/B.kt`]: 'package com.example\nclass B : Service() {\n  fun s() { startForeground(1, n) }\n}\n',
      },
      errors: [{ line: 6, severity: 'error', message: /B calls startForeground/ }],
    },
    {
      name: 'below 34 with location: warning from code',
      targetSdk: 30,
      files: {
        [APP]: manifest([perm('FOREGROUND_SERVICE'), perm('ACCESS_FINE_LOCATION')], [LAUNCHER, '<service android:name=".Gps"/>']),
        [`${KT}/Gps.kt`]: 'package com.example\nclass Gps : LifecycleService() {\n  fun s() { ServiceCompat.startForeground(this, 1, n, 0) }\n}\n',
      },
      errors: [{ line: 6, severity: 'warning', message: /ACCESS_FINE_LOCATION/ }],
    },
  ],
});

ruleTester(typeInvalid, {
  valid: [
    { name: 'known types', files: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="dataSync|location"/>']) } },
    { name: 'placeholder', files: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="${fgsType}"/>']) } },
    { name: 'mediaProcessing with compileSdk 35', files: { ...gradleApp(35, 35), [APP]: manifest([], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="mediaProcessing"/>']) } },
  ],
  invalid: [
    {
      name: 'wrong case',
      files: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="datasync"/>']) },
      errors: [{ line: 3, message: /case-sensitive/ }],
      output: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="dataSync"/>']) },
    },
    {
      name: 'comma separator',
      files: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="dataSync,location"/>']) },
      errors: [{ line: 3, message: /separate types/ }],
      output: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="dataSync|location"/>']) },
    },
    { name: 'unknown type', files: { [APP]: manifest([], ['<service android:name=".S" android:foregroundServiceType="backgroundSync"/>']) }, errors: [{ line: 3, message: /"backgroundSync"/ }] },
    {
      name: 'too new for compileSdk',
      files: { ...gradleApp(34, 34), [APP]: manifest([], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="mediaProcessing"/>']) },
      errors: [{ line: 4, message: /compileSdk 35/ }],
    },
  ],
});

ruleTester(typePermission, {
  valid: [
    { name: 'all declared', targetSdk: 34, files: { [APP]: manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_LOCATION'), perm('ACCESS_FINE_LOCATION')], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="location"/>']) } },
    {
      name: 'trap (aves): dataSync capped at 34, mediaProcessing covers 35+',
      targetSdk: 36,
      files: {
        [APP]: manifest(
          [perm('FOREGROUND_SERVICE_DATA_SYNC', 'android:maxSdkVersion="34"'), perm('FOREGROUND_SERVICE_MEDIA_PROCESSING')],
          [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync|mediaProcessing" tools:node="merge"/>'],
        ),
      },
    },
    {
      name: 'trap (thunderbird): dataSync capped at 33, specialUse covers 34+',
      targetSdk: 36,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_DATA_SYNC', 'android:maxSdkVersion="33"'), perm('FOREGROUND_SERVICE_SPECIAL_USE')], [LAUNCHER, '<service android:name=".Push" android:foregroundServiceType="dataSync|specialUse"/>']) },
    },
    { name: 'trap (upnext): shortService needs no type permission', targetSdk: 36, files: { [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="shortService"/>']) } },
    { name: 'below targetSdk 34', targetSdk: 33, files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="location"/>']) } },
  ],
  invalid: [
    {
      name: 'location without FOREGROUND_SERVICE_LOCATION (vespucci)',
      targetSdk: 34,
      files: { [APP]: manifest([perm('ACCESS_FINE_LOCATION'), perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".Tracker" android:foregroundServiceType="location"/>']) },
      errors: [{ line: 6, severity: 'error', message: /FOREGROUND_SERVICE_LOCATION/ }],
      output: { [APP]: manifest([perm('ACCESS_FINE_LOCATION'), perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_LOCATION')], [LAUNCHER, '<service android:name=".Tracker" android:foregroundServiceType="location"/>']) },
    },
    {
      name: 'the only type capped below the newest API',
      targetSdk: 35,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE'), perm('FOREGROUND_SERVICE_DATA_SYNC', 'android:maxSdkVersion="34"')], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="dataSync"/>']) },
      errors: [{ line: 6, message: /capped at maxSdkVersion 34/ }],
    },
    {
      name: 'mediaProcessing is covered (Android Lint misses it)',
      targetSdk: 35,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="mediaProcessing"/>']) },
      errors: [{ line: 5, message: /FOREGROUND_SERVICE_MEDIA_PROCESSING/ }],
    },
    {
      name: 'unknown targetSdk: warning',
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="mediaPlayback"/>']) },
      errors: [{ line: 5, severity: 'warning' }],
    },
  ],
});

ruleTester(prerequisite, {
  valid: [
    { name: 'trap (vespucci): location with FINE/COARSE', targetSdk: 34, files: { [APP]: manifest([perm('ACCESS_FINE_LOCATION'), perm('ACCESS_COARSE_LOCATION')], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="location"/>']) } },
    { name: 'dataSync has no prerequisite', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="dataSync"/>']) } },
    {
      name: 'mediaProjection with the screen-capture consent in code (the project_media app-op)',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".P" android:foregroundServiceType="mediaProjection"/>']),
        [`${KT}/Capture.kt`]: 'package com.example\nobject Capture {\n  fun consent(c: Context) = c.getSystemService(MediaProjectionManager::class.java).createScreenCaptureIntent()\n}\n',
      },
    },
  ],
  invalid: [
    { name: 'mediaProjection without consent code or CAPTURE_VIDEO_OUTPUT: warning', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".P" android:foregroundServiceType="mediaProjection"/>']) }, errors: [{ line: 4, severity: 'warning', message: /mediaProjection/ }] },
    { name: 'camera without CAMERA', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".C" android:foregroundServiceType="camera"/>']) }, errors: [{ line: 4, severity: 'error', message: /CAMERA/ }] },
    { name: 'connectedDevice: USB path makes it a warning', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".D" android:foregroundServiceType="connectedDevice"/>']) }, errors: [{ line: 4, severity: 'warning' }] },
    {
      name: 'health with only health.* permissions: warning',
      targetSdk: 36,
      files: { [APP]: manifest([perm('health.READ_HEART_RATE')], [LAUNCHER, '<service android:name=".H" android:foregroundServiceType="health"/>']) },
      errors: [{ line: 5, severity: 'warning', message: /health/ }],
    },
  ],
});

ruleTester(runtimeSubset, {
  valid: [
    {
      name: 'code type declared',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync|mediaProcessing"/>']),
        [`${KT}/Sync.kt`]: 'package com.example\nclass Sync : Service() {\n  fun s() {\n    val type = if (Build.VERSION.SDK_INT >= 35) ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PROCESSING else ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC\n    startForeground(1, n, type)\n  }\n}\n',
      },
    },
    {
      name: 'commented-out call is ignored',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
        [`${KT}/Sync.kt`]: 'package com.example\nclass Sync : Service() {\n  // startForeground(1, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_LOCATION)\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'location passed, dataSync declared',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
        'app/src/main/java/com/example/Sync.java': 'package com.example;\npublic class Sync extends Service {\n  void s() {\n    startForeground(1, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC | ServiceInfo.FOREGROUND_SERVICE_TYPE_LOCATION);\n  }\n}\n',
      },
      errors: [{ file: 'app/src/main/java/com/example/Sync.java', line: 4, message: /0x00000009 \(dataSync\|location\).*0x00000001 \(dataSync\)/ }],
      output: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync|location"/>']),
      },
    },
  ],
});

ruleTester(specialUse, {
  valid: [
    {
      name: 'trap (thunderbird): property present',
      targetSdk: 36,
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Push" android:foregroundServiceType="specialUse"><property android:name="android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE" android:value="push"/></service>']) },
    },
  ],
  invalid: [
    {
      name: 'missing property',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Push" android:foregroundServiceType="specialUse"/>']) },
      errors: [{ line: 4, severity: 'warning' }],
    },
  ],
});

ruleTester(systemExempted, {
  valid: [
    { name: 'alarm app', targetSdk: 34, files: { [APP]: manifest([perm('USE_EXACT_ALARM')], [LAUNCHER, '<service android:name=".A" android:foregroundServiceType="systemExempted"/>']) } },
    { name: 'VPN app', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Vpn" android:permission="android.permission.BIND_VPN_SERVICE" android:foregroundServiceType="systemExempted"/>']) } },
  ],
  invalid: [{ name: 'ordinary app', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".A" android:foregroundServiceType="systemExempted"/>']) }, errors: [{ line: 4, severity: 'warning' }] }],
});

ruleTester(timeoutHandler, {
  valid: [
    {
      name: 'onTimeout stops the service',
      targetSdk: 35,
      files: {
        [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
        [`${KT}/Sync.kt`]: 'package com.example\nclass Sync : Service() {\n  override fun onTimeout(startId: Int, fgsType: Int) { stopSelf() }\n}\n',
      },
    },
    {
      name: 'dataSync below targetSdk 35',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']), [`${KT}/Sync.kt`]: 'package com.example\nclass Sync : Service() {}\n' },
    },
    { name: 'trap (upnext): WorkManager service is not project code', targetSdk: 36, files: { [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="shortService"/>']), [`${KT}/W.kt`]: 'package com.example\nclass W {}\n' } },
  ],
  invalid: [
    {
      name: 'shortService without onTimeout',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".Quick" android:foregroundServiceType="shortService"/>']), [`${KT}/Quick.kt`]: 'package com.example\nclass Quick : Service() {}\n' },
      errors: [{ line: 4, severity: 'warning', message: /onTimeout/ }],
    },
  ],
});

ruleTester(bootRestricted, {
  valid: [
    {
      name: 'trap (thunderbird): dataSync|specialUse service may start with specialUse',
      targetSdk: 36,
      files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, '<receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>', '<service android:name=".Push" android:foregroundServiceType="dataSync|specialUse"/>']) },
    },
    {
      name: 'trap (nextcloud): targetSdk 34 is below the dataSync restriction',
      targetSdk: 34,
      files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, '<receiver android:name=".Boot" android:exported="true"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>', '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) },
    },
    {
      name: 'trap (aves): WorkManager\'s own boot receiver starts no service',
      targetSdk: 36,
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync" tools:node="merge"/>', '<service android:name=".Media" android:foregroundServiceType="mediaPlayback"/>']) },
    },
  ],
  invalid: [
    {
      name: 'coexistence: warning at the receiver',
      targetSdk: 35,
      files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, '<receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>', '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']) },
      errors: [{ line: 5, severity: 'warning', message: /BOOT_COMPLETED/ }],
    },
    {
      name: 'traced in code: error',
      targetSdk: 35,
      files: {
        [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, '<receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>', '<service android:name=".Sync" android:foregroundServiceType="dataSync"/>']),
        [`${KT}/Boot.kt`]: 'package com.example\nclass Boot : BroadcastReceiver() {\n  override fun onReceive(c: Context, i: Intent) {\n    ContextCompat.startForegroundService(c, Intent(c, Sync::class.java))\n  }\n}\n',
      },
      errors: [{ line: 5, severity: 'error', message: /not allowed to start from BOOT_COMPLETED/ }],
    },
    {
      name: 'microphone is restricted from targetSdk 34',
      targetSdk: 34,
      files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, '<receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.LOCKED_BOOT_COMPLETED"/></intent-filter></receiver>', '<service android:name=".Rec" android:foregroundServiceType="microphone"/>']) },
      errors: [{ line: 5, severity: 'warning', message: /microphone/ }],
    },
  ],
});

ruleTester(bgStart, {
  valid: [
    {
      name: 'boot receivers are exempt',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<receiver android:name=".Boot" android:exported="false"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>']),
        [`${KT}/Boot.kt`]: 'package com.example\nclass Boot : BroadcastReceiver() {\n  override fun onReceive(c: Context, i: Intent) { c.startForegroundService(Intent(c, S::class.java)) }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'worker starts a service',
      targetSdk: 31,
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/Up.kt`]: 'package com.example\nclass Up(c: Context, p: WorkerParameters) : CoroutineWorker(c, p) {\n  override suspend fun doWork(): Result {\n    applicationContext.startForegroundService(Intent(applicationContext, S::class.java))\n    return Result.success()\n  }\n}\n' },
      errors: [{ file: `${KT}/Up.kt`, line: 4, severity: 'warning', message: /setForeground/ }],
    },
  ],
});

ruleTester(overlay, {
  valid: [{ name: 'below 35', targetSdk: 34, files: { [APP]: manifest([perm('SYSTEM_ALERT_WINDOW'), perm('FOREGROUND_SERVICE')], [LAUNCHER]) } }],
  invalid: [{ name: 'overlay + FGS', targetSdk: 35, files: { [APP]: manifest([perm('SYSTEM_ALERT_WINDOW'), perm('FOREGROUND_SERVICE')], [LAUNCHER]) }, errors: [{ line: 2, severity: 'info' }] }],
});

ruleTester(workManager, {
  valid: [
    {
      name: 'override declares the type',
      targetSdk: 34,
      files: {
        [APP]: manifest([perm('FOREGROUND_SERVICE_DATA_SYNC')], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync" tools:node="merge"/>']),
        [`${KT}/W.kt`]: 'package com.example\nclass W(c: Context, p: WorkerParameters) : CoroutineWorker(c, p) {\n  suspend fun f() { setForeground(ForegroundInfo(1, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)) }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'no override: library service has no type',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER]),
        [`${KT}/W.kt`]: 'package com.example\nclass W(c: Context, p: WorkerParameters) : CoroutineWorker(c, p) {\n  suspend fun f() { setForeground(ForegroundInfo(1, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)) }\n}\n',
      },
      errors: [{ file: `${KT}/W.kt`, line: 3, message: /0x00000001 is not a subset of foregroundServiceType attribute 0x00000000/ }],
      output: {
        [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync" tools:node="merge"/>']),
      },
    },
  ],
});
