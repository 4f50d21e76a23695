/**
 * RuleTester cases for the Android rules outside the FGS family.
 */
import { ruleTester } from '../testing.js';
import { APP, gradleApp, manifest, perm } from '../android/fixture.js';
import postNotifications from './android-post-notifications.js';
import bootPermission from './android-boot-permission.js';
import persistedBoot from './android-job-persisted-boot.js';
import jobBinding from './android-jobservice-binding.js';
import uidt from './android-uidt.js';
import exactPermission from './android-exact-alarm-permission.js';
import exactCheck from './android-exact-alarm-check.js';
import useExact from './android-use-exact-alarm.js';
import bgLocation from './android-background-location.js';
import exported from './android-exported-explicit.js';
import wakeLock from './android-wake-lock.js';
import battery from './android-battery-opt-policy.js';
import internet from './android-internet.js';
import stopWithTask from './android-stop-with-task.js';
import typo from './android-permission-typo.js';
import targetSdk from './android-target-sdk.js';

const LAUNCHER = '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>';
const KT = 'app/src/main/java/com/example';
const BOOT_RECEIVER = (extra = '') =>
  `<receiver android:name=".Boot"${extra}><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>`;

ruleTester(postNotifications, {
  valid: [
    { name: 'trap (rn-background-actions): below 33', targetSdk: 31, files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER]) } },
    { name: 'trap (nextcloud): declared, even twice', targetSdk: 34, files: { [APP]: manifest([perm('POST_NOTIFICATIONS'), perm('FOREGROUND_SERVICE'), perm('POST_NOTIFICATIONS')], [LAUNCHER]) } },
    {
      name: 'trap (tauri): declared by a plugin manifest',
      targetSdk: 34,
      files: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER]), 'plugins/notification/android/src/main/AndroidManifest.xml': manifest([perm('POST_NOTIFICATIONS')], [], 'app.tauri.notification') },
    },
    { name: 'no FGS and no notify()', targetSdk: 34, files: { [APP]: manifest([perm('INTERNET')], [LAUNCHER]) } },
    {
      name: 'notify() guarded by areNotificationsEnabled()',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/N.kt`]: 'package com.example\nclass N {\n  fun f() { if (nm.areNotificationsEnabled()) nm.notify(1, n) }\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'FGS only: warning at FOREGROUND_SERVICE (treehouses)',
      targetSdk: 34,
      files: { [APP]: manifest([perm('INTERNET'), perm('FOREGROUND_SERVICE')], [LAUNCHER]) },
      errors: [{ line: 3, severity: 'warning' }],
      output: { [APP]: manifest([perm('INTERNET'), perm('FOREGROUND_SERVICE'), perm('POST_NOTIFICATIONS')], [LAUNCHER]) },
    },
    {
      name: 'notify(): error at the call',
      targetSdk: 33,
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/N.kt`]: 'package com.example\nclass N {\n  fun f() {\n    NotificationManagerCompat.from(c).notify(1, n)\n  }\n}\n' },
      errors: [{ file: `${KT}/N.kt`, line: 4, severity: 'error' }],
    },
  ],
});

ruleTester(bootPermission, {
  valid: [
    { name: 'declared', files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, BOOT_RECEIVER(' android:exported="false"')]) } },
    {
      name: 'trap (tauri notification plugin): <uses-permission> after </application>',
      files: {
        [APP]: manifest([], [LAUNCHER]),
        'plugins/notification/android/src/main/AndroidManifest.xml': `<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application>\n        ${BOOT_RECEIVER(' android:exported="false"')}\n    </application>\n    ${perm('RECEIVE_BOOT_COMPLETED')}\n</manifest>\n`,
      },
    },
    { name: 'WorkManager declares it for its own receiver', files: { [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" android:foregroundServiceType="dataSync" tools:node="merge"/>']) } },
  ],
  invalid: [
    {
      name: 'domoticz: receiver without the permission',
      targetSdk: 23,
      files: { [APP]: manifest([perm('INTERNET')], [LAUNCHER, BOOT_RECEIVER()]) },
      errors: [{ line: 5, severity: 'error', message: /never delivers/ }],
      output: { [APP]: manifest([perm('INTERNET'), perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER, BOOT_RECEIVER()]) },
    },
    {
      name: 'removed with tools:node="remove" counts as missing',
      files: {
        [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED', 'tools:node="remove"')], [LAUNCHER, BOOT_RECEIVER(' android:exported="false"')]),
        'lib/src/main/AndroidManifest.xml': manifest([perm('RECEIVE_BOOT_COMPLETED')], [], 'com.lib'),
      },
      errors: [{ line: 5 }],
    },
  ],
});

ruleTester(persistedBoot, {
  valid: [{ name: 'declared', files: { [APP]: manifest([perm('RECEIVE_BOOT_COMPLETED')], [LAUNCHER]), [`${KT}/J.kt`]: 'package com.example\nclass J { fun f() { b.setPersisted(true) } }\n' } }],
  invalid: [
    {
      name: 'missing',
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/J.java`]: 'package com.example;\nclass J {\n  void f() { builder.setPersisted(true); }\n}\n' },
      errors: [{ file: `${KT}/J.java`, line: 3, message: /requested job be persisted/ }],
    },
  ],
});

ruleTester(jobBinding, {
  valid: [
    {
      name: 'declared with BIND_JOB_SERVICE',
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".SyncJob" android:permission="android.permission.BIND_JOB_SERVICE" android:exported="false"/>']), [`${KT}/SyncJob.kt`]: 'package com.example\nclass SyncJob : JobService() {}\n' },
    },
    { name: 'WorkManager\'s SystemJobService', files: { [APP]: manifest([], [LAUNCHER, '<service android:name="androidx.work.impl.foreground.SystemForegroundService" tools:node="merge"/>']) } },
  ],
  invalid: [
    {
      name: 'no permission',
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".SyncJob"/>']), [`${KT}/SyncJob.kt`]: 'package com.example\nclass SyncJob : JobService() {}\n' },
      errors: [{ line: 4, severity: 'error' }],
      output: { [APP]: manifest([], [LAUNCHER, '<service android:name=".SyncJob" android:permission="android.permission.BIND_JOB_SERVICE"/>']) },
    },
    { name: 'not declared', files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/SyncJob.kt`]: 'package com.example\n\nclass SyncJob : JobService() {}\n' }, errors: [{ file: `${KT}/SyncJob.kt`, line: 3 }] },
    { name: 'manifest-only heuristic: warning', files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".CleanupJobService"/>']) }, errors: [{ line: 4, severity: 'warning' }] },
  ],
});

ruleTester(uidt, {
  valid: [
    {
      name: 'complete UIDT',
      targetSdk: 34,
      files: {
        [APP]: manifest([perm('RUN_USER_INITIATED_JOBS')], [LAUNCHER]),
        [`${KT}/T.kt`]: 'package com.example\nclass T : JobService() {\n  fun s() { b.setUserInitiated(true).setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY) }\n  override fun onStartJob(p: JobParameters): Boolean { setNotification(p, 1, n, 0); return true }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'no permission, no network, no notification',
      targetSdk: 34,
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/T.kt`]: 'package com.example\nclass T : JobService() {\n  fun s() { b.setUserInitiated(true) }\n}\n' },
      errors: [
        { line: 2, severity: 'warning', message: /setNotification/ },
        { line: 3, severity: 'error', message: /RUN_USER_INITIATED_JOBS/ },
        { line: 3, severity: 'warning', message: /network constraint/ },
      ],
    },
  ],
});

const ALARM_CODE = { [`${KT}/A.kt`]: 'package com.example\nclass A {\n  fun f() {\n    am.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, t, pi)\n  }\n}\n' };

ruleTester(exactPermission, {
  valid: [
    { name: 'SCHEDULE_EXACT_ALARM', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM')], [LAUNCHER]), ...ALARM_CODE } },
    { name: 'capped SCHEDULE + USE', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM', 'android:maxSdkVersion="32"'), perm('USE_EXACT_ALARM')], [LAUNCHER]), ...ALARM_CODE } },
    { name: 'below 31', targetSdk: 30, files: { [APP]: manifest([], [LAUNCHER]), ...ALARM_CODE } },
  ],
  invalid: [
    { name: 'none', targetSdk: 31, files: { [APP]: manifest([], [LAUNCHER]), ...ALARM_CODE }, errors: [{ file: `${KT}/A.kt`, line: 4, message: /needs to hold android.permission.SCHEDULE_EXACT_ALARM/ }] },
    { name: 'capped SCHEDULE alone leaves 33+ uncovered', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM', 'android:maxSdkVersion="32"')], [LAUNCHER]), ...ALARM_CODE }, errors: [{ line: 4, message: /API 33/ }] },
  ],
});

ruleTester(exactCheck, {
  valid: [
    {
      name: 'checked',
      targetSdk: 34,
      files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM')], [LAUNCHER]), [`${KT}/A.kt`]: 'package com.example\nclass A {\n  fun f() { if (am.canScheduleExactAlarms()) am.setExact(0, t, pi) }\n}\n' },
    },
    { name: 'trap (thunderbird): no sources, a code question', targetSdk: 36, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM')], [LAUNCHER]) } },
  ],
  invalid: [{ name: 'unchecked', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM')], [LAUNCHER]), ...ALARM_CODE }, errors: [{ line: 2, severity: 'error' }] }],
});

ruleTester(useExact, {
  valid: [{ name: 'not declared', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM')], [LAUNCHER]) } }],
  invalid: [
    { name: 'below 33: error', targetSdk: 32, files: { [APP]: manifest([perm('USE_EXACT_ALARM')], [LAUNCHER]) }, errors: [{ line: 2, severity: 'error' }] },
    { name: 'policy warning, both uncapped', targetSdk: 34, files: { [APP]: manifest([perm('SCHEDULE_EXACT_ALARM'), perm('USE_EXACT_ALARM')], [LAUNCHER]) }, errors: [{ line: 3, severity: 'warning', message: /maxSdkVersion="32"/ }] },
  ],
});

ruleTester(bgLocation, {
  valid: [
    { name: 'trap (domoticz): below 29', targetSdk: 23, files: { [APP]: manifest([perm('ACCESS_BACKGROUND_LOCATION')], [LAUNCHER]) } },
    { name: 'with FINE, no location FGS', targetSdk: 34, files: { [APP]: manifest([perm('ACCESS_FINE_LOCATION'), perm('ACCESS_BACKGROUND_LOCATION')], [LAUNCHER]) } },
    { name: 'trap (vespucci): location FGS without background permission', targetSdk: 34, files: { [APP]: manifest([perm('ACCESS_FINE_LOCATION')], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="location"/>']) } },
  ],
  invalid: [
    { name: 'alone', targetSdk: 34, files: { [APP]: manifest([perm('ACCESS_BACKGROUND_LOCATION')], [LAUNCHER]) }, errors: [{ line: 2, severity: 'error' }] },
    {
      name: 'only to serve a location FGS',
      targetSdk: 34,
      files: { [APP]: manifest([perm('ACCESS_FINE_LOCATION'), perm('ACCESS_BACKGROUND_LOCATION')], [LAUNCHER, '<service android:name=".T" android:foregroundServiceType="location"/>']) },
      errors: [{ line: 3, severity: 'warning' }],
    },
  ],
});

ruleTester(exported, {
  valid: [
    { name: 'trap (domoticz): below 31', targetSdk: 23, files: { [APP]: manifest([], ['<activity android:name=".Main"><intent-filter><action android:name="android.intent.action.MAIN"/></intent-filter></activity>']) } },
    { name: 'trap (treehouses/vespucci): no intent-filter', targetSdk: 34, files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".S"/>']) } },
    { name: 'trap (aves): exported="false" is explicit', targetSdk: 36, files: { [APP]: manifest([], [LAUNCHER, '<receiver android:name=".Media" android:exported="false"><intent-filter><action android:name="android.intent.action.MEDIA_BUTTON"/></intent-filter></receiver>']) } },
    {
      name: 'an app override sets exported on a library component',
      targetSdk: 34,
      files: {
        [APP]: manifest([], [LAUNCHER, '<receiver android:name="com.lib.R" android:exported="false" tools:node="merge"/>']),
        'lib/src/main/AndroidManifest.xml': manifest([], ['<receiver android:name="com.lib.R"><intent-filter><action android:name="com.lib.PING"/></intent-filter></receiver>'], 'com.lib'),
      },
    },
  ],
  invalid: [
    {
      name: 'rn-background-actions: launcher activity',
      targetSdk: 31,
      files: { [APP]: manifest([], ['<activity android:name=".Main"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>']) },
      errors: [{ line: 3, severity: 'error', message: /Targeting S\+/ }],
      output: { [APP]: manifest([], ['<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>']) },
    },
    {
      name: 'receiver of a system broadcast: fix sets false',
      targetSdk: 31,
      files: { [APP]: manifest([], [LAUNCHER, BOOT_RECEIVER()]) },
      errors: [{ line: 4 }],
      output: { [APP]: manifest([], [LAUNCHER, BOOT_RECEIVER(' android:exported="false"')]) },
    },
    { name: 'custom action: no fix, unknown targetSdk: warning', files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".S"><intent-filter><action android:name="com.example.BIND"/></intent-filter></service>']) }, errors: [{ line: 4, severity: 'warning' }] },
  ],
});

ruleTester(wakeLock, {
  valid: [{ name: 'declared, with timeout', files: { [APP]: manifest([perm('WAKE_LOCK')], [LAUNCHER]), [`${KT}/W.kt`]: 'package com.example\nclass W {\n  fun f() { pm.newWakeLock(1, "t").acquire(10_000L) }\n}\n' } }],
  invalid: [
    {
      name: 'no permission, no timeout',
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/W.kt`]: 'package com.example\nclass W {\n  fun f() {\n    val wl = pm.newWakeLock(1, "t")\n    wl.acquire()\n  }\n}\n' },
      errors: [
        { line: 4, severity: 'error' },
        { line: 5, severity: 'warning' },
      ],
    },
  ],
});

ruleTester(battery, {
  valid: [{ name: 'absent', targetSdk: 34, files: { [APP]: manifest([perm('INTERNET')], [LAUNCHER]) } }],
  invalid: [
    { name: 'nextcloud: declared', targetSdk: 34, files: { [APP]: manifest([perm('INTERNET'), perm('REQUEST_IGNORE_BATTERY_OPTIMIZATIONS')], [LAUNCHER]) }, errors: [{ line: 3, severity: 'warning' }] },
    {
      name: 'Expo app.json',
      files: { 'app.json': '{\n  "expo": {\n    "android": {\n      "permissions": [\n        "REQUEST_IGNORE_BATTERY_OPTIMIZATIONS"\n      ]\n    }\n  }\n}\n' },
      errors: [{ file: 'app.json', line: 5, severity: 'warning' }],
    },
  ],
});

ruleTester(internet, {
  valid: [{ name: 'declared', files: { [APP]: manifest([perm('INTERNET')], [LAUNCHER]), [`${KT}/N.kt`]: 'package com.example\nclass N { val c = OkHttpClient() }\n' } }],
  invalid: [
    {
      name: 'network constraint without INTERNET',
      files: { [APP]: manifest([], [LAUNCHER]), [`${KT}/N.kt`]: 'package com.example\nclass N {\n  val c = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED)\n}\n' },
      errors: [{ file: `${KT}/N.kt`, line: 3 }],
    },
  ],
});

ruleTester(stopWithTask, {
  valid: [{ name: 'not an FGS', files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".S" android:stopWithTask="true"/>']) } }],
  invalid: [
    {
      name: 'FGS with stopWithTask',
      files: { [APP]: manifest([], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="dataSync" android:stopWithTask="true"/>']) },
      errors: [{ line: 4, severity: 'warning' }],
      output: { [APP]: manifest([], [LAUNCHER, '<service android:name=".S" android:foregroundServiceType="dataSync"/>']) },
    },
  ],
});

ruleTester(typo, {
  valid: [
    { name: 'trap (kiwix): manifest placeholder', files: { [APP]: manifest(['<uses-permission android:name="${permission}"/>', perm('FOREGROUND_SERVICE_MEDIA_PROCESSING')], [LAUNCHER]) } },
    { name: 'custom and launcher permissions', files: { [APP]: manifest(['<uses-permission android:name="com.android.launcher.permission.INSTALL_SHORTCUT"/>', '<uses-permission android:name="com.example.permission.C2D"/>'], [LAUNCHER]) } },
    { name: 'health.* family', files: { [APP]: manifest([perm('health.READ_HEART_RATE')], [LAUNCHER]) } },
  ],
  invalid: [
    {
      name: 'FORGROUND_SERVICE',
      files: { [APP]: manifest([perm('FORGROUND_SERVICE')], [LAUNCHER]) },
      errors: [{ line: 2, severity: 'error', message: /did you mean "android.permission.FOREGROUND_SERVICE"/ }],
      output: { [APP]: manifest([perm('FOREGROUND_SERVICE')], [LAUNCHER]) },
    },
    { name: 'Java constant path', files: { [APP]: manifest(['<uses-permission android:name="android.Manifest.permission.CAMERA"/>'], [LAUNCHER]) }, errors: [{ line: 2, severity: 'error', message: /Java constant/ }] },
    { name: 'unknown, far from any name', files: { [APP]: manifest([perm('ACTION_PICK_WIFI_NETWORK')], [LAUNCHER]) }, errors: [{ line: 2, severity: 'warning' }] },
  ],
});

ruleTester(targetSdk, {
  valid: [
    { name: 'current', files: { ...gradleApp(35), [APP]: manifest([], [LAUNCHER]) } },
    { name: 'assumed targetSdk is not judged', targetSdk: 30, files: { [APP]: manifest([], [LAUNCHER]) } },
    {
      name: 'flutter.targetSdkVersion stays unknown, not low',
      files: { 'android/app/build.gradle': "plugins { id 'com.android.application' }\nandroid { defaultConfig { targetSdkVersion flutter.targetSdkVersion } }\n", 'android/app/src/main/AndroidManifest.xml': manifest([], [LAUNCHER]) },
    },
  ],
  invalid: [
    { name: 'literal 34, reported at the build file line', files: { ...gradleApp(34), [APP]: manifest([], [LAUNCHER]) }, errors: [{ file: 'app/build.gradle', line: 8, severity: 'warning', message: /35: android-fgs-boot-restricted/ }] },
    {
      name: 'rootProject.ext variable (rn-background-actions)',
      files: {
        'build.gradle': 'buildscript {\n    ext {\n        compileSdkVersion = 31\n        targetSdkVersion = 31\n    }\n}\n',
        'settings.gradle': "include ':app'\n",
        'app/build.gradle': "apply plugin: 'com.android.application'\nandroid {\n    defaultConfig {\n        targetSdkVersion rootProject.ext.targetSdkVersion\n    }\n}\n",
        [APP]: manifest([], [LAUNCHER]),
      },
      errors: [{ file: 'build.gradle', line: 4, message: /targetSdk 31/ }],
    },
    {
      name: 'version catalog',
      files: {
        'gradle/libs.versions.toml': '[versions]\ntarget-sdk = "33"\n',
        'settings.gradle.kts': 'include(":app")\n',
        'app/build.gradle.kts': 'plugins { id("com.android.application") }\nandroid {\n    defaultConfig {\n        targetSdk = libs.versions.target.sdk.get().toInt()\n    }\n}\n',
        [APP]: manifest([], [LAUNCHER]),
      },
      errors: [{ file: 'gradle/libs.versions.toml', line: 2, message: /targetSdk 33/ }],
    },
    {
      name: 'buildSrc constant (kiwix Config.kt)',
      files: {
        'buildSrc/src/main/kotlin/Config.kt': 'object Config {\n    const val targetSdk = 32\n}\n',
        'settings.gradle.kts': 'include(":app")\n',
        'app/build.gradle.kts': 'plugins { id("com.android.application") }\nandroid { defaultConfig { targetSdk = Config.targetSdk } }\n',
        [APP]: manifest([], [LAUNCHER]),
      },
      errors: [{ file: 'buildSrc/src/main/kotlin/Config.kt', line: 2, message: /targetSdk 32/ }],
    },
  ],
});
