import { ruleTester } from '../testing.js';
import rule from './ios-voip-callkit.js';
import { arr, iosApp } from './apple.test-util.js';

const voip = (report: boolean) =>
  `import PushKit\nimport CallKit\nfinal class Calls: NSObject, PKPushRegistryDelegate {\n    let registry = PKPushRegistry(queue: .main)\n    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {\n${report ? '        provider.reportNewIncomingCall(with: UUID(), update: CXCallUpdate()) { _ in completion() }\n' : '        completion()\n'}    }\n}\n`;

ruleTester(rule, {
  valid: [{ name: 'reports the call', files: iosApp(arr('UIBackgroundModes', ['voip']), { 'App/Calls.swift': voip(true) }) }],
  invalid: [{ name: 'never reports to CallKit', files: iosApp(arr('UIBackgroundModes', ['voip']), { 'App/Calls.swift': voip(false) }), errors: [{ file: 'App/Calls.swift', line: 5, message: /never posted an incoming call/ }] }],
});
