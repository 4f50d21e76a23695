import { ruleTester } from '../testing.js';
import rule from './ios-bg-urlsession.js';
import { appDelegate, iosApp } from './apple.test-util.js';

const delegate = appDelegate(
  '',
  '    var bgDone: (() -> Void)?\n    func application(_ application: UIApplication, handleEventsForBackgroundURLSession identifier: String, completionHandler: @escaping () -> Void) { bgDone = completionHandler }\n',
);
const transfers = (id: string, upload: string) =>
  `import Foundation\nfinal class Transfers: NSObject, URLSessionDelegate {\n    lazy var session = URLSession(configuration: .background(withIdentifier: ${id}), delegate: self, delegateQueue: nil)\n    func urlSessionDidFinishEvents(forBackgroundURLSession session: URLSession) { }\n    func send(_ req: URLRequest, _ data: Data, _ file: URL) {\n        ${upload}\n    }\n}\n`;

ruleTester(rule, {
  valid: [{ name: 'constant identifier, delegate methods, file upload', files: iosApp('', { 'App/AppDelegate.swift': delegate, 'App/Transfers.swift': transfers('"com.example.app.transfers"', 'session.uploadTask(with: req, fromFile: file).resume()') }) }],
  invalid: [
    {
      name: 'UUID identifier and upload from Data',
      files: iosApp('', { 'App/AppDelegate.swift': delegate, 'App/Transfers.swift': transfers('UUID().uuidString', 'session.uploadTask(with: req, from: data).resume()') }),
      errors: [
        { file: 'App/Transfers.swift', line: 3, severity: 'warning', message: /changes on every launch/ },
        { file: 'App/Transfers.swift', line: 6, severity: 'error', message: /Upload tasks from NSData are not supported in background sessions/ },
      ],
    },
    {
      name: 'no handleEventsForBackgroundURLSession',
      files: iosApp('', { 'App/Transfers.swift': transfers('"com.example.app.transfers"', 'session.uploadTask(with: req, fromFile: file).resume()') }),
      errors: [{ line: 3, severity: 'warning', message: /handleEventsForBackgroundURLSession/ }],
    },
  ],
});
