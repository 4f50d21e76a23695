import { ruleTester } from '../testing.js';
import rule from './ios-bgtask-register-early.js';
import { appDelegate, arr, iosApp } from './apple.test-util.js';

const reg = '        BGTaskScheduler.shared.register(forTaskWithIdentifier: "com.example.app.refresh", using: nil) { _ in }';
const ids = arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']);

ruleTester(rule, {
  valid: [
    { name: 'in didFinishLaunching', files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(reg) }) },
    { name: 'in a helper called from didFinishLaunching', files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate('        registerTasks()', `    func registerTasks() {\n${reg}\n    }`) }) },
    {
      name: 'in App.init (SwiftUI)',
      files: iosApp(ids, { 'App/MyApp.swift': `import SwiftUI\n@main\nstruct MyApp: App {\n    init() {\n${reg}\n    }\n    var body: some Scene { WindowGroup { Text("hi") } }\n}\n` }),
    },
  ],
  invalid: [
    {
      name: 'in deferred code',
      files: iosApp(ids, { 'App/AppDelegate.swift': appDelegate(`        DispatchQueue.main.async {\n${reg}\n        }`) }),
      errors: [{ file: 'App/AppDelegate.swift', line: 8, message: /All launch handlers must be registered before application finishes launching/ }],
    },
    {
      name: 'in a SceneDelegate',
      files: iosApp(ids, {
        'App/SceneDelegate.swift': `import UIKit\nclass SceneDelegate: UIResponder, UIWindowSceneDelegate {\n    func scene(_ scene: UIScene, willConnectTo session: UISceneSession, options: UIScene.ConnectionOptions) {\n${reg}\n    }\n}\n`,
      }),
      errors: [{ file: 'App/SceneDelegate.swift', line: 4, message: /in scene\(\)/ }],
    },
  ],
});
