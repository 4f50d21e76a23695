import { ruleTester } from '../testing.js';
import lint from './launchd-plist-lint.js';
import required from './launchd-required-keys.js';
import persistence from './launchd-persistence.js';
import paths from './launchd-paths.js';
import smapp from './macos-smappservice.js';
import windows from './windows-task.js';
import { agent } from './desktop.test-util.js';
import { arr, str } from './apple.test-util.js';

const good = `${str('Label', 'com.example.sync')}\n${arr('ProgramArguments', ['/Applications/Sync.app/Contents/MacOS/sync', '--service'])}\n<key>RunAtLoad</key>\n<true/>`;

ruleTester(lint, {
  valid: [{ name: 'well-formed', files: agent(good) }],
  invalid: [
    { name: 'key without value', files: { 'macos/LaunchAgents/com.example.bad.plist': '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>Label</key>\n</dict>\n</plist>\n' }, errors: [{ line: 4, message: /has no value/ }] },
    { name: 'binary plist', files: { 'macos/LaunchAgents/com.example.bin.plist': 'bplist00\u0000' }, errors: [{ line: 1, message: /binary property list/ }] },
  ],
});

ruleTester(required, {
  valid: [{ name: 'Label matches the file name', files: agent(good) }, { name: 'reverse-DNS plist that is not a job', files: { 'res/com.example.settings.plist': '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>Theme</key>\n<string>dark</string>\n</dict>\n</plist>\n' } }],
  invalid: [
    { name: 'no program', files: agent(str('Label', 'com.example.sync')), errors: [{ line: 4, message: /neither Program nor ProgramArguments/ }] },
    { name: 'label differs from the file name', files: agent(good.replace('<string>com.example.sync</string>', '<string>com.example.other</string>')), errors: [{ line: 6, severity: 'warning' }] },
    { name: 'no Label in a LaunchAgents folder', files: agent(arr('ProgramArguments', ['/usr/bin/true'])), errors: [{ line: 4, message: /no Label/ }] },
  ],
});

ruleTester(persistence, {
  valid: [{ name: 'RunAtLoad', files: agent(good) }, { name: 'StartInterval', files: agent(`${str('Label', 'com.example.sync')}\n${arr('ProgramArguments', ['/usr/bin/true'])}\n<key>StartInterval</key>\n<integer>900</integer>`) }],
  invalid: [
    { name: 'never started', files: agent(`${str('Label', 'com.example.sync')}\n${arr('ProgramArguments', ['/usr/bin/true'])}`), errors: [{ line: 4, severity: 'warning' }] },
    { name: 'KeepAlive true without ThrottleInterval', files: agent(`${good}\n<key>KeepAlive</key>\n<true/>`), errors: [{ line: 14, severity: 'info', message: /10 s/ }] },
  ],
});

ruleTester(paths, {
  valid: [{ name: 'absolute', files: agent(`${good}\n${str('StandardOutPath', '/tmp/sync.log')}`) }],
  invalid: [
    {
      name: 'tilde, $HOME and relative paths',
      files: agent(`${str('Label', 'com.example.sync')}\n${arr('ProgramArguments', ['~/bin/sync'])}\n${str('StandardOutPath', '$HOME/sync.log')}\n${str('WorkingDirectory', 'logs')}`),
      errors: [{ line: 9, message: /tilde/ }, { line: 12, message: /\$VARIABLE/ }, { line: 14, message: /relative/ }],
    },
  ],
});

const bundled = (entries: string) => ({ 'Sync.app/Contents/Library/LaunchAgents/com.example.sync.plist': agent(entries)['macos/LaunchAgents/com.example.sync.plist']! });
ruleTester(smapp, {
  valid: [{ name: 'BundleProgram', files: bundled(`${str('Label', 'com.example.sync')}\n${str('BundleProgram', 'Contents/MacOS/sync')}\n<key>RunAtLoad</key>\n<true/>`) }],
  invalid: [
    { name: 'absolute Program in an app-bundled agent', files: bundled(`${str('Label', 'com.example.sync')}\n${str('Program', '/Applications/Sync.app/Contents/MacOS/sync')}`), errors: [{ line: 8, message: /BundleProgram/ }] },
    {
      name: 'requiresApproval never handled',
      files: { ...agent(`${str('Label', 'com.example.sync')}\n${str('BundleProgram', 'Contents/MacOS/sync')}`), 'Sources/Login.swift': 'import ServiceManagement\nfunc enable() throws {\n    try SMAppService.agent(plistName: "com.example.sync.plist").register()\n}\n' },
      errors: [{ file: 'Sources/Login.swift', line: 3, message: /requiresApproval/ }],
    },
  ],
});

ruleTester(windows, {
  valid: [{ name: 'an unrelated task.xml', files: { 'docs/task.xml': '<?xml version="1.0"?>\n<todo/>\n' } }],
  invalid: [{ name: 'Task Scheduler XML', files: { 'packaging/windows/sync-task.xml': '<?xml version="1.0"?>\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n</Task>\n' }, errors: [{ line: 2, severity: 'info', message: /schtasks/ }] }],
});
