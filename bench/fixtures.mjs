// Projects the benchmark runs against: a standalone module for the example
// declaration, the nitrogen project with a comparable spec, typical Tauri and
// Capacitor apps made by the real `create-bg-service`, native Android and iOS
// apps, and synthetic monorepos mixing the four.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export function writeTree(root, files) {
  const made = new Set();
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    const dir = dirname(abs);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(abs, content);
  }
  return root;
}

/** Every file under dir as { rel: Buffer }. */
export function readTree(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out[relative(dir, abs)] = readFileSync(abs);
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------- generate

/** A standalone module the way `create-bg-service my-sync` lays it out, with the example declaration, nothing generated yet. */
export function standaloneProject(root, pkgRoot) {
  mkdirSync(root, { recursive: true });
  copyFileSync(join(pkgRoot, 'examples', 'notes-sync', 'notes-sync.bg.ts'), join(root, 'notes-sync.bg.ts'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'notes-sync',
        private: true,
        scripts: { generate: 'bg-service generate', 'generate:check': 'bg-service generate --check', doctor: 'bg-doctor validate' },
        devDependencies: { 'create-bg-service': '^0.1.0' },
      },
      null,
      2,
    ) + '\n',
  );
  return root;
}

/**
 * The example declaration as a Nitro spec of the same size: the same 5 types
 * (2 event payloads, the command's input and result, the 2-value enum), the
 * same 6 fields, and 3 methods (the command, one listener per event).
 */
export const NITRO_SPEC = `import type { HybridObject } from 'react-native-nitro-modules'

/** Why a note conflicts. */
export type ConflictReason = 'editedOnBothSides' | 'deletedRemotely'

/** Sent after each note is synced. */
export interface ProgressEvent {
  done: number
  total: number
}

/** A note changed on both sides; the app decides which version wins. */
export interface ConflictEvent {
  /** Path of the note, relative to the notes folder. */
  path: string
  reason?: ConflictReason
}

export interface SyncNowInput {
  folder: string
}

export interface SyncNowResult {
  synced: number
}

export interface NotesSync extends HybridObject<{ ios: 'swift'; android: 'kotlin' }> {
  /** Sync one folder now, without waiting for the next run. */
  syncNow(input: SyncNowInput): Promise<SyncNowResult>
  onProgress(listener: (event: ProgressEvent) => void): void
  onConflict(listener: (event: ConflictEvent) => void): void
}
`;

export const NITRO_JSON = {
  cxxNamespace: ['notessync'],
  ios: { iosModuleName: 'NotesSync' },
  android: { androidNamespace: ['notessync'], androidCxxLibName: 'NotesSync' },
  autolinking: {
    NotesSync: {
      ios: { language: 'swift', implementationClassName: 'HybridNotesSync' },
      android: { language: 'kotlin', implementationClassName: 'HybridNotesSync' },
    },
  },
};

/** A Nitro module with the spec, its nitro.json and node_modules linked to the cached nitrogen install. */
export function nitroProject(root, nodeModules) {
  writeTree(root, {
    'package.json': JSON.stringify({ name: 'react-native-notes-sync', private: true, scripts: { specs: 'nitrogen' } }, null, 2) + '\n',
    'nitro.json': JSON.stringify(NITRO_JSON, null, 2) + '\n',
    'src/specs/NotesSync.nitro.ts': NITRO_SPEC,
  });
  symlinkSync(nodeModules, join(root, 'node_modules'), 'dir');
  return root;
}

// ---------------------------------------------------------------- apps

/**
 * A typical Tauri or Capacitor app with one background service: the sample
 * app of the create-bg-service tests (what the hosts' scaffolds write), then
 * the real `create-bg-service --yes --name notes-sync` in it.
 */
export function typicalHostApp(kind, root, pkgRoot, { service = true } = {}) {
  const apps = join(pkgRoot, 'dist', 'e2e', 'create-apps.js');
  const fn = kind === 'tauri' ? 'makeTauriApp' : 'makeCapacitorApp';
  const make = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(apps)}); m.${fn}(${JSON.stringify(root)});`], {
    encoding: 'utf8',
  });
  if (make.status !== 0) throw new Error(`bench: cannot make the sample ${kind} app: ${make.stderr}`);
  if (!service) return root;
  const create = spawnSync(process.execPath, [join(pkgRoot, 'dist', 'bin', 'create-bg-service.js'), '--yes', '--name', 'notes-sync'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (create.status !== 0) throw new Error(`bench: create-bg-service failed in the ${kind} app (exit ${create.status}): ${create.stderr || create.stdout}`);
  return root;
}

const LAUNCHER = `            <intent-filter>
                <action android:name="android.intent.action.MAIN" />
                <category android:name="android.intent.category.LAUNCHER" />
            </intent-filter>`;

/** A native Android Studio app (Kotlin, Gradle KTS) with a dataSync foreground service, a boot receiver and WorkManager. */
export function nativeAndroidApp(name) {
  const pkg = `com.example.${name.replace(/\W/g, '')}`;
  const files = {
    'settings.gradle.kts': `pluginManagement {\n    repositories {\n        google()\n        mavenCentral()\n        gradlePluginPortal()\n    }\n}\nrootProject.name = "${name}"\ninclude(":app")\n`,
    'build.gradle.kts': 'plugins {\n    alias(libs.plugins.android.application) apply false\n    alias(libs.plugins.kotlin.android) apply false\n}\n',
    'gradle.properties': 'org.gradle.jvmargs=-Xmx2048m\nandroid.useAndroidX=true\nkotlin.code.style=official\n',
    'app/build.gradle.kts': `plugins {\n    alias(libs.plugins.android.application)\n    alias(libs.plugins.kotlin.android)\n}\n\nandroid {\n    namespace = "${pkg}"\n    compileSdk = 35\n\n    defaultConfig {\n        applicationId = "${pkg}"\n        minSdk = 24\n        targetSdk = 35\n        versionCode = 1\n        versionName = "1.0"\n    }\n}\n\ndependencies {\n    implementation("androidx.core:core-ktx:1.15.0")\n    implementation("androidx.work:work-runtime-ktx:2.10.0")\n}\n`,
    'app/src/main/AndroidManifest.xml': `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools">

    <uses-permission android:name="android.permission.INTERNET" />
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE" />
    <uses-permission android:name="android.permission.FOREGROUND_SERVICE_DATA_SYNC" />
    <uses-permission android:name="android.permission.POST_NOTIFICATIONS" />
    <uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED" />

    <application
        android:allowBackup="true"
        android:icon="@mipmap/ic_launcher"
        android:label="@string/app_name"
        android:supportsRtl="true"
        android:theme="@style/Theme.App">
        <activity
            android:name=".MainActivity"
            android:exported="true">
${LAUNCHER}
        </activity>
        <service
            android:name=".SyncService"
            android:exported="false"
            android:foregroundServiceType="dataSync" />
        <receiver
            android:name=".BootReceiver"
            android:exported="false">
            <intent-filter>
                <action android:name="android.intent.action.BOOT_COMPLETED" />
            </intent-filter>
        </receiver>
    </application>
</manifest>
`,
    'app/src/main/res/values/strings.xml': `<resources>\n    <string name="app_name">${name}</string>\n</resources>\n`,
  };
  const src = `app/src/main/java/${pkg.replace(/\./g, '/')}`;
  files[`${src}/MainActivity.kt`] =
    `package ${pkg}\n\nimport android.os.Bundle\nimport androidx.activity.ComponentActivity\n\nclass MainActivity : ComponentActivity() {\n    override fun onCreate(savedInstanceState: Bundle?) {\n        super.onCreate(savedInstanceState)\n    }\n}\n`;
  files[`${src}/SyncService.kt`] =
    `package ${pkg}\n\nimport android.app.Service\nimport android.content.Intent\nimport android.content.pm.ServiceInfo\nimport android.os.IBinder\n\nclass SyncService : Service() {\n    override fun onBind(intent: Intent?): IBinder? = null\n\n    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {\n        startForeground(1, Notifications.build(this), ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)\n        return START_NOT_STICKY\n    }\n\n    override fun onTimeout(startId: Int, fgsType: Int) {\n        stopSelf()\n    }\n}\n`;
  files[`${src}/BootReceiver.kt`] =
    `package ${pkg}\n\nimport android.content.BroadcastReceiver\nimport android.content.Context\nimport android.content.Intent\nimport androidx.work.OneTimeWorkRequestBuilder\nimport androidx.work.WorkManager\n\nclass BootReceiver : BroadcastReceiver() {\n    override fun onReceive(context: Context, intent: Intent) {\n        WorkManager.getInstance(context).enqueue(OneTimeWorkRequestBuilder<SyncWorker>().build())\n    }\n}\n`;
  for (let i = 0; i < 20; i++) {
    files[`${src}/feature/Feature${i}.kt`] =
      `package ${pkg}.feature\n\nclass Feature${i}(private val repo: Repository) {\n    fun load(): List<String> = repo.items().filter { it.isNotBlank() }\n\n    fun count(): Int {\n        return load().size + ${i}\n    }\n}\n`;
  }
  return files;
}

function pbxproj(name) {
  return `// !$*UTF8*$!
{
	archiveVersion = 1;
	classes = {
	};
	objectVersion = 77;
	objects = {

/* Begin PBXBuildFile section */
		A1000001 /* AppDelegate.swift in Sources */ = {isa = PBXBuildFile; fileRef = A2000001 /* AppDelegate.swift */; };
		A1000002 /* SyncTask.swift in Sources */ = {isa = PBXBuildFile; fileRef = A2000002 /* SyncTask.swift */; };
		A1000003 /* PrivacyInfo.xcprivacy in Resources */ = {isa = PBXBuildFile; fileRef = A2000003 /* PrivacyInfo.xcprivacy */; };
/* End PBXBuildFile section */

/* Begin PBXFileReference section */
		A2000001 /* AppDelegate.swift */ = {isa = PBXFileReference; lastKnownFileType = sourcecode.swift; path = AppDelegate.swift; sourceTree = "<group>"; };
		A2000002 /* SyncTask.swift */ = {isa = PBXFileReference; lastKnownFileType = sourcecode.swift; path = SyncTask.swift; sourceTree = "<group>"; };
		A2000003 /* PrivacyInfo.xcprivacy */ = {isa = PBXFileReference; lastKnownFileType = text.xml; path = PrivacyInfo.xcprivacy; sourceTree = "<group>"; };
		A2000004 /* Info.plist */ = {isa = PBXFileReference; lastKnownFileType = text.plist.xml; path = Info.plist; sourceTree = "<group>"; };
		A2000005 /* ${name}.entitlements */ = {isa = PBXFileReference; lastKnownFileType = text.plist.entitlements; path = ${name}.entitlements; sourceTree = "<group>"; };
		A2000006 /* ${name}.app */ = {isa = PBXFileReference; explicitFileType = wrapper.application; includeInIndex = 0; path = ${name}.app; sourceTree = BUILT_PRODUCTS_DIR; };
/* End PBXFileReference section */

/* Begin PBXGroup section */
		A3000001 = {isa = PBXGroup; children = ( A3000002 /* ${name} */, A3000003 /* Products */, ); sourceTree = "<group>"; };
		A3000002 /* ${name} */ = {isa = PBXGroup; children = ( A2000001, A2000002, A2000003, A2000004, A2000005, ); path = ${name}; sourceTree = "<group>"; };
		A3000003 /* Products */ = {isa = PBXGroup; children = ( A2000006 /* ${name}.app */, ); name = Products; sourceTree = "<group>"; };
/* End PBXGroup section */

/* Begin PBXNativeTarget section */
		A4000001 /* ${name} */ = {
			isa = PBXNativeTarget;
			buildConfigurationList = A7000002 /* Build configuration list for PBXNativeTarget "${name}" */;
			buildPhases = ( A5000001 /* Sources */, A5000002 /* Resources */, );
			buildRules = ( );
			dependencies = ( );
			name = ${name};
			productName = ${name};
			productReference = A2000006 /* ${name}.app */;
			productType = "com.apple.product-type.application";
		};
/* End PBXNativeTarget section */

/* Begin PBXProject section */
		A6000001 /* Project object */ = {
			isa = PBXProject;
			attributes = { BuildIndependentTargetsInParallel = 1; LastSwiftUpdateCheck = 1600; LastUpgradeCheck = 1600; };
			buildConfigurationList = A7000001 /* Build configuration list for PBXProject "${name}" */;
			developmentRegion = en;
			hasScannedForEncodings = 0;
			knownRegions = ( en, Base, );
			mainGroup = A3000001;
			productRefGroup = A3000003 /* Products */;
			projectDirPath = "";
			projectRoot = "";
			targets = ( A4000001 /* ${name} */, );
		};
/* End PBXProject section */

/* Begin PBXResourcesBuildPhase section */
		A5000002 /* Resources */ = {isa = PBXResourcesBuildPhase; buildActionMask = 2147483647; files = ( A1000003 /* PrivacyInfo.xcprivacy in Resources */, ); runOnlyForDeploymentPostprocessing = 0; };
/* End PBXResourcesBuildPhase section */

/* Begin PBXSourcesBuildPhase section */
		A5000001 /* Sources */ = {isa = PBXSourcesBuildPhase; buildActionMask = 2147483647; files = ( A1000001 /* AppDelegate.swift in Sources */, A1000002 /* SyncTask.swift in Sources */, ); runOnlyForDeploymentPostprocessing = 0; };
/* End PBXSourcesBuildPhase section */

/* Begin XCBuildConfiguration section */
		A8000001 /* Debug */ = {isa = XCBuildConfiguration; buildSettings = { ALWAYS_SEARCH_USER_PATHS = NO; IPHONEOS_DEPLOYMENT_TARGET = 17.0; SDKROOT = iphoneos; SWIFT_VERSION = 5.0; }; name = Debug; };
		A8000002 /* Release */ = {isa = XCBuildConfiguration; buildSettings = { ALWAYS_SEARCH_USER_PATHS = NO; IPHONEOS_DEPLOYMENT_TARGET = 17.0; SDKROOT = iphoneos; SWIFT_VERSION = 5.0; VALIDATE_PRODUCT = YES; }; name = Release; };
		A8000003 /* Debug */ = {isa = XCBuildConfiguration; buildSettings = { CODE_SIGN_ENTITLEMENTS = ${name}/${name}.entitlements; INFOPLIST_FILE = ${name}/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = "com.example.${name.toLowerCase()}"; PRODUCT_NAME = "$(TARGET_NAME)"; TARGETED_DEVICE_FAMILY = "1,2"; }; name = Debug; };
		A8000004 /* Release */ = {isa = XCBuildConfiguration; buildSettings = { CODE_SIGN_ENTITLEMENTS = ${name}/${name}.entitlements; INFOPLIST_FILE = ${name}/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = "com.example.${name.toLowerCase()}"; PRODUCT_NAME = "$(TARGET_NAME)"; TARGETED_DEVICE_FAMILY = "1,2"; }; name = Release; };
/* End XCBuildConfiguration section */

/* Begin XCConfigurationList section */
		A7000001 /* Build configuration list for PBXProject "${name}" */ = {isa = XCConfigurationList; buildConfigurations = ( A8000001 /* Debug */, A8000002 /* Release */, ); defaultConfigurationIsVisible = 0; defaultConfigurationName = Release; };
		A7000002 /* Build configuration list for PBXNativeTarget "${name}" */ = {isa = XCConfigurationList; buildConfigurations = ( A8000003 /* Debug */, A8000004 /* Release */, ); defaultConfigurationIsVisible = 0; defaultConfigurationName = Release; };
/* End XCConfigurationList section */
	};
	rootObject = A6000001 /* Project object */;
}
`;
}

const PLIST_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

/** A native iOS app (Xcode project, UIKit) with BGTaskScheduler refresh and processing tasks, push, a privacy manifest. */
export function nativeIosApp(name) {
  const id = `com.example.${name.toLowerCase()}`;
  return {
    [`${name}.xcodeproj/project.pbxproj`]: pbxproj(name),
    [`${name}/Info.plist`]: `${PLIST_HEAD}<dict>
	<key>CFBundleDevelopmentRegion</key>
	<string>$(DEVELOPMENT_LANGUAGE)</string>
	<key>CFBundleExecutable</key>
	<string>$(EXECUTABLE_NAME)</string>
	<key>CFBundleIdentifier</key>
	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
	<key>CFBundleName</key>
	<string>$(PRODUCT_NAME)</string>
	<key>CFBundlePackageType</key>
	<string>$(PRODUCT_BUNDLE_PACKAGE_TYPE)</string>
	<key>CFBundleShortVersionString</key>
	<string>1.0</string>
	<key>CFBundleVersion</key>
	<string>1</string>
	<key>UILaunchStoryboardName</key>
	<string>LaunchScreen</string>
	<key>UIBackgroundModes</key>
	<array>
		<string>fetch</string>
		<string>processing</string>
		<string>remote-notification</string>
	</array>
	<key>BGTaskSchedulerPermittedIdentifiers</key>
	<array>
		<string>${id}.refresh</string>
		<string>${id}.processing</string>
	</array>
</dict>
</plist>
`,
    [`${name}/${name}.entitlements`]: `${PLIST_HEAD}<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>\n</plist>\n`,
    [`${name}/PrivacyInfo.xcprivacy`]: `${PLIST_HEAD}<dict>
	<key>NSPrivacyTracking</key>
	<false/>
	<key>NSPrivacyAccessedAPITypes</key>
	<array>
		<dict>
			<key>NSPrivacyAccessedAPIType</key>
			<string>NSPrivacyAccessedAPICategoryUserDefaults</string>
			<key>NSPrivacyAccessedAPITypeReasons</key>
			<array>
				<string>CA92.1</string>
			</array>
		</dict>
	</array>
</dict>
</plist>
`,
    [`${name}/AppDelegate.swift`]: `import UIKit
import BackgroundTasks

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: "${id}.refresh", using: nil) { task in
            SyncTask.handleRefresh(task as! BGAppRefreshTask)
        }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: "${id}.processing", using: nil) { task in
            SyncTask.handleProcessing(task as! BGProcessingTask)
        }
        UserDefaults.standard.set(true, forKey: "launched")
        application.registerForRemoteNotifications()
        return true
    }

    func application(_ application: UIApplication, didRegisterForRemoteNotificationsWithDeviceToken deviceToken: Data) {}
}
`,
    [`${name}/SyncTask.swift`]: `import BackgroundTasks

enum SyncTask {
    static func handleRefresh(_ task: BGAppRefreshTask) {
        schedule()
        task.expirationHandler = { task.setTaskCompleted(success: false) }
        task.setTaskCompleted(success: true)
    }

    static func handleProcessing(_ task: BGProcessingTask) {
        task.expirationHandler = { task.setTaskCompleted(success: false) }
        task.setTaskCompleted(success: true)
    }

    static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: "${id}.refresh")
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        try? BGTaskScheduler.shared.submit(request)
    }
}
`,
  };
}

/**
 * A monorepo of n apps under apps/: a quarter each of the typical Tauri app,
 * the typical Capacitor app (both as made by create-bg-service), native
 * Android and native iOS apps. Returns the number of files written.
 */
export function monorepo(root, n, { tauri, capacitor }) {
  let count = 0;
  writeTree(root, { 'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*'] }, null, 2) + '\n' });
  for (let i = 0; i < n; i++) {
    const name = `app${String(i).padStart(4, '0')}`;
    const dir = join(root, 'apps', name);
    let files;
    switch (i % 4) {
      case 0:
        files = tauri;
        break;
      case 1:
        files = capacitor;
        break;
      case 2:
        files = nativeAndroidApp(`Notes${i}`);
        break;
      default:
        files = nativeIosApp(`Notes${i}`);
    }
    writeTree(dir, files);
    count += Object.keys(files).length;
  }
  return count;
}

export { existsSync };
