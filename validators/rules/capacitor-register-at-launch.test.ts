import rule from './capacitor-register-at-launch.js';
import { ruleTester } from '../testing.js';

const INFO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CFBundleIdentifier</key>
	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
	<key>UIBackgroundModes</key>
	<array>
		<string>fetch</string>
	</array>
	<key>BGTaskSchedulerPermittedIdentifiers</key>
	<array>
		<string>com.example.notes.sync.refresh</string>
	</array>
</dict>
</plist>
`;

/** The part of a generated plugin the rule reads: its package.json and the BackgroundTasks enum. */
const PLUGIN = {
  'services/capacitor/package.json': JSON.stringify({ name: 'capacitor-notes-sync', capacitor: { ios: { src: 'ios' }, android: { src: 'android' } } }),
  'services/capacitor/ios/Sources/NotesSyncPlugin/NotesSyncBackgroundTasks.swift': `import BackgroundTasks

public enum NotesSyncBackgroundTasks {
    public static let notesSyncRefreshTaskId = "com.example.notes.sync.refresh"

    @discardableResult
    public static func registerAtLaunch() -> Bool {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: notesSyncRefreshTaskId, using: nil) { task in
            task.setTaskCompleted(success: true)
        }
    }
}
`,
};

function app(delegateBody: string, extra: Record<string, string> = PLUGIN): Record<string, string> {
  return {
    'capacitor.config.json': '{ "appId": "com.example.notes", "appName": "Notes", "webDir": "dist" }\n',
    'package.json': JSON.stringify({ name: 'notes', dependencies: { '@capacitor/core': '^8.0.0', 'capacitor-notes-sync': 'file:./services/capacitor' } }),
    'ios/App/App/Info.plist': INFO,
    'ios/App/App/AppDelegate.swift': `import UIKit
import Capacitor
import NotesSyncPlugin

@UIApplicationMain
class AppDelegate: UIResponder, UIApplicationDelegate {

    var window: UIWindow?

${delegateBody}
}
`,
    ...extra,
  };
}

const LAUNCH = (body: string) => `    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
${body}
        return true
    }`;

ruleTester(rule, {
  valid: [
    { name: 'the call is the first line of didFinishLaunching', files: app(LAUNCH('        NotesSyncBackgroundTasks.registerAtLaunch()')) },
    {
      name: 'a helper called from didFinishLaunching',
      files: app(`${LAUNCH('        setUpBackgroundWork()')}

    private func setUpBackgroundWork() {
        NotesSyncBackgroundTasks.registerAtLaunch()
    }`),
    },
    { name: 'no bg-service plugin in the app', files: app(LAUNCH('        // nothing'), {}) },
  ],
  invalid: [
    {
      name: 'never called (generate could not insert it)',
      files: app(LAUNCH('        // Override point for customization after application launch.')),
      errors: [{ file: 'ios/App/App/AppDelegate.swift', line: 10, message: 'NotesSyncBackgroundTasks.registerAtLaunch() is never called' }],
    },
    {
      name: 'called in a dispatched closure',
      files: app(LAUNCH('        DispatchQueue.main.async {\n            NotesSyncBackgroundTasks.registerAtLaunch()\n        }')),
      errors: [{ file: 'ios/App/App/AppDelegate.swift', line: 12, message: 'runs in deferred code' }],
    },
    {
      name: 'called when the app becomes active',
      files: app(`${LAUNCH('        // nothing here')}

    func applicationDidBecomeActive(_ application: UIApplication) {
        NotesSyncBackgroundTasks.registerAtLaunch()
    }`),
      errors: [{ file: 'ios/App/App/AppDelegate.swift', line: 16, message: 'All launch handlers must be registered before application finishes launching' }],
    },
  ],
});
