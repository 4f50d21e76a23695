import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-handler.js';
import { appDelegate, arr, iosApp, plist, APP_KEYS } from './apple.test-util.js';

const register = (id: string) => `        BGTaskScheduler.shared.register(forTaskWithIdentifier: "${id}", using: nil) { task in task.setTaskCompleted(success: true) }`;
const ids = arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']);

/**
 * A Capacitor app linking a bg-service plugin (file: dependency) whose
 * `<Name>BackgroundTasks.registerAtLaunch()` registers two identifiers, as
 * generated; `extraIds` are permitted too but registered by nobody.
 */
function capacitorWithBgService(launch: string, extraIds: string[] = [], rest = ''): Record<string, string> {
  const P = 'services/capacitor';
  return {
    'capacitor.config.json': '{ "appId": "com.example.app", "appName": "App", "webDir": "dist" }\n',
    'package.json': JSON.stringify({ name: 'app', dependencies: { '@capacitor/core': '^8.0.0', 'capacitor-notes-sync': `file:./${P}` } }),
    [`${P}/package.json`]: JSON.stringify({ name: 'capacitor-notes-sync', capacitor: { ios: { src: 'ios' }, android: { src: 'android' } } }),
    [`${P}/ios/Sources/NotesSyncPlugin/NotesSyncBackgroundTasks.swift`]: `import BackgroundTasks

public enum NotesSyncBackgroundTasks {
    public static let refreshTaskId = "com.example.app.refresh"
    public static let processingTaskId = "com.example.app.processing"

    @discardableResult
    public static func registerAtLaunch() -> Bool {
        var ok = true
        if !BGTaskScheduler.shared.register(forTaskWithIdentifier: refreshTaskId, using: nil, launchHandler: { task in task.setTaskCompleted(success: true) }) { ok = false }
        if !BGTaskScheduler.shared.register(forTaskWithIdentifier: processingTaskId, using: nil, launchHandler: { task in task.setTaskCompleted(success: true) }) { ok = false }
        return ok
    }
}
`,
    'ios/App/App/Info.plist': plist(`${APP_KEYS}\n${arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh', 'com.example.app.processing', ...extraIds])}`),
    'ios/App/App/AppDelegate.swift': appDelegate(launch, rest).replace('import BackgroundTasks', 'import BackgroundTasks\nimport NotesSyncPlugin'),
  };
}

ruleTester(rule, {
  valid: [
    { name: 'registered once', files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(register('com.example.app.refresh')) }) },
    { name: 'trap: no sources in the tree (rclone-gui) — silent', files: iosApp(ids) },
    { name: 'a bg-service plugin whose registerAtLaunch() didFinishLaunching calls', files: capacitorWithBgService('        NotesSyncBackgroundTasks.registerAtLaunch()') },
    {
      name: "a bg-service plugin's registerAtLaunch() never called: capacitor-register-at-launch's one finding, not one more per identifier here",
      files: capacitorWithBgService('        // Override point for customization after application launch.'),
    },
    {
      name: "a bg-service plugin's registerAtLaunch() called too late: left to capacitor-register-at-launch as well",
      files: capacitorWithBgService('        DispatchQueue.main.async {\n            NotesSyncBackgroundTasks.registerAtLaunch()\n        }'),
    },
  ],
  invalid: [
    {
      name: 'permitted identifier never registered',
      files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(register('com.example.app.other')) }),
      errors: [{ file: 'App/Info.plist', line: 13, severity: 'error', message: /No launch handler registered for task with identifier com\.example\.app\.refresh/ }],
    },
    {
      name: 'registered twice',
      files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(`${register('com.example.app.refresh')}\n${register('com.example.app.refresh')}`) }),
      errors: [{ file: 'App/AppDelegate.swift', line: 8, message: /has already been registered/ }],
    },
    {
      name: 'a plugin may register it (Flutter app): warning',
      files: { ...iosApp(ids, { 'App/AppDelegate.swift': appDelegate('') }), 'pubspec.yaml': 'name: app\ndependencies:\n  flutter:\n    sdk: flutter\n' },
      errors: [{ severity: 'warning' }],
    },
    {
      name: 'a bg-service plugin called at launch, and a permitted identifier it does not register: that one is still reported',
      files: capacitorWithBgService('        NotesSyncBackgroundTasks.registerAtLaunch()', ['com.example.app.cleanup']),
      errors: [{ file: 'ios/App/App/Info.plist', line: 15, severity: 'warning', message: /no launch handler is registered for "com\.example\.app\.cleanup"/ }],
    },
    {
      name: 'the hook never called, and an identifier of nobody: only that identifier here (the hook is the other rule\'s)',
      files: capacitorWithBgService('        // nothing', ['com.example.app.cleanup']),
      errors: [{ file: 'ios/App/App/Info.plist', line: 15, severity: 'warning', message: /"com\.example\.app\.cleanup"/ }],
    },
  ],
});
