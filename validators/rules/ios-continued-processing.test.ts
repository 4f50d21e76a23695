import { ruleTester } from '../testing.js';
import rule from './ios-continued-processing.js';
import { arr, iosApp } from './apple.test-util.js';

const submit = (id: string, gpu = false) =>
  `import BackgroundTasks\nclass ExportController {\n    @IBAction func exportTapped(_ sender: Any) {\n        let r = BGContinuedProcessingTaskRequest(identifier: "${id}", title: "Export", subtitle: "Starting")\n${gpu ? '        r.requiredResources = .gpu\n' : ''}        try? BGTaskScheduler.shared.submit(r)\n    }\n}\n`;

ruleTester(rule, {
  valid: [
    { name: 'wildcard entry admits the id', files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.export.*']), { 'App/Export.swift': submit('com.example.app.export.42') }) },
    {
      name: 'GPU with the entitlement',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.export.*']), {
        'App/Export.swift': submit('com.example.app.export.42', true),
        'App/App.entitlements': '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.background-tasks.continued-processing.gpu</key>\n\t<true/>\n</dict>\n</plist>\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'no wildcard entry: the fix adds one',
      files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh']), { 'App/Export.swift': submit('com.example.app.export.42') }),
      errors: [{ file: 'App/Info.plist', line: 11, message: /needs a wildcard entry such as "com\.example\.app\.export\.\*"/ }],
      output: { 'App/Info.plist': iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.refresh', 'com.example.app.export.*']))['App/Info.plist']! },
    },
    { name: 'prefix is not the bundle id', files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.other.export.*']), { 'App/Export.swift': submit('com.other.export.1') }), errors: [{ file: 'App/Export.swift', line: 4, message: /must start with the bundle ID/ }, { file: 'App/Info.plist', line: 13 }] },
    { name: 'GPU without the entitlement', files: iosApp(arr('BGTaskSchedulerPermittedIdentifiers', ['com.example.app.export.*']), { 'App/Export.swift': submit('com.example.app.export.42', true) }), errors: [{ file: 'App/Export.swift', line: 5, message: /continued-processing\.gpu/ }] },
  ],
});
