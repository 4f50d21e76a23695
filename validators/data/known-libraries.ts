/**
 * Manifest contributions of well-known Maven libraries that are not in the
 * audited tree (they come from Gradle's cache), so the merged-manifest
 * emulation knows what they add. Deliberately small: only libraries whose
 * contribution changes a bg-doctor verdict. Each entry is an excerpt of the
 * library's real AndroidManifest.xml, with its source.
 *
 * A library is merged when its artifact appears among the app's Gradle
 * dependencies, or when a project manifest overrides or removes one of its
 * components (`tools:node="merge|remove|replace"` on a component whose class
 * is in the library's package) — which proves the library is on the classpath.
 */

export interface KnownLibrary {
  /** Maven coordinates (group:artifact) that bring this manifest in. */
  artifacts: string[];
  /** Class-name prefixes that identify the library's components in overrides. */
  componentPrefixes: string[];
  /** The library manifest (excerpt, verbatim elements). */
  manifest: string;
  source: string;
  /** Receivers of the library known not to start a foreground service (boot rules skip them). */
  passiveReceivers?: string[];
}

export const KNOWN_LIBRARIES: readonly KnownLibrary[] = [
  {
    artifacts: [
      'androidx.work:work-runtime',
      'androidx.work:work-runtime-ktx',
      'androidx.work:work-multiprocess',
      'androidx.work:work-gcm',
      'androidx.work:work-rxjava2',
      'androidx.work:work-rxjava3',
    ],
    componentPrefixes: ['androidx.work.'],
    source:
      'androidx/androidx work/work-runtime/src/main/AndroidManifest.xml (WorkManager 2.7–2.11; SystemForegroundService has no foregroundServiceType)',
    passiveReceivers: [
      'androidx.work.impl.background.systemalarm.RescheduleReceiver',
      'androidx.work.impl.utils.ForceStopRunnable$BroadcastReceiver',
    ],
    manifest: `<manifest xmlns:android="http://schemas.android.com/apk/res/android"
          xmlns:tools="http://schemas.android.com/tools"
          package="androidx.work">
    <uses-permission android:name="android.permission.WAKE_LOCK" />
    <uses-permission android:name="android.permission.ACCESS_NETWORK_STATE" />
    <uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED" />
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE" />
    <application>
        <provider
            android:name="androidx.startup.InitializationProvider"
            android:authorities="\${applicationId}.androidx-startup"
            android:exported="false"
            tools:node="merge">
            <meta-data android:name="androidx.work.WorkManagerInitializer" android:value="androidx.startup" />
        </provider>
        <service
            android:name="androidx.work.impl.background.systemalarm.SystemAlarmService"
            android:exported="false"
            android:enabled="@bool/enable_system_alarm_service_default"
            android:directBootAware="false" />
        <service
            android:name="androidx.work.impl.background.systemjob.SystemJobService"
            android:permission="android.permission.BIND_JOB_SERVICE"
            android:exported="true"
            android:enabled="@bool/enable_system_job_service_default"
            android:directBootAware="false" />
        <service
            android:name="androidx.work.impl.foreground.SystemForegroundService"
            android:exported="false"
            android:directBootAware="false"
            android:enabled="@bool/enable_system_foreground_service_default" />
        <receiver
            android:name="androidx.work.impl.utils.ForceStopRunnable$BroadcastReceiver"
            android:enabled="true"
            android:exported="false"
            android:directBootAware="false" />
        <receiver
            android:name="androidx.work.impl.background.systemalarm.RescheduleReceiver"
            android:enabled="false"
            android:exported="false"
            android:directBootAware="false">
            <intent-filter>
                <action android:name="android.intent.action.BOOT_COMPLETED" />
                <action android:name="android.intent.action.TIME_SET" />
                <action android:name="android.intent.action.TIMEZONE_CHANGED" />
            </intent-filter>
        </receiver>
        <receiver
            android:name=".impl.diagnostics.DiagnosticsReceiver"
            android:directBootAware="false"
            android:enabled="true"
            android:exported="true"
            android:permission="android.permission.DUMP">
            <intent-filter>
                <action android:name="androidx.work.diagnostics.REQUEST_DIAGNOSTICS" />
            </intent-filter>
        </receiver>
    </application>
</manifest>
`,
  },
];

/** The WorkManager foreground service an app overrides to give it types. */
export const WORK_MANAGER_FGS = 'androidx.work.impl.foreground.SystemForegroundService';

export function knownLibraryForArtifact(artifact: string): KnownLibrary | undefined {
  return KNOWN_LIBRARIES.find((l) => l.artifacts.includes(artifact));
}

export function knownLibraryForComponent(className: string): KnownLibrary | undefined {
  return KNOWN_LIBRARIES.find((l) => l.componentPrefixes.some((p) => className.startsWith(p)));
}

export function knownLibraryLabel(lib: KnownLibrary): string {
  return lib.artifacts[0]!;
}
