import { defineRule } from '../rule.js';
import { isHostApp, targetScan } from '../project/ios.js';

export default defineRule({
  meta: {
    id: 'ios-voip-callkit',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'Every PushKit VoIP push is reported to CallKit',
      why:
        'Since iOS 13 the app must report every VoIP push to CallKit (`CXProvider.reportNewIncomingCall`) before the push handler returns; ' +
        'otherwise iOS kills the app and, after repeated failures, stops delivering VoIP pushes to it.',
      fix: 'In `pushRegistry(_:didReceiveIncomingPushWith:for:completion:)` call `reportNewIncomingCall(with:update:completion:)` for every push (use regular or notification-service pushes for anything that is not a call).',
      runtimeErrors: ['Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.'],
      since: 'iOS 13',
      sources: ['issues'],
      notes: 'Needs the target sources; silent without them.',
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      if (!isHostApp(t)) continue;
      const scan = targetScan(ctx.project.files, t);
      if (!scan || scan.uses('PKPushRegistry').length === 0) continue;
      const reported = scan.uses('reportNewIncomingCall').length + scan.uses('reportNewIncomingVoIPPushPayload').length > 0;
      if (reported) continue;
      const handler = [...scan.uses('didReceiveIncomingPushWith'), ...scan.uses('didReceiveIncomingPushWithPayload')][0] ?? scan.uses('PKPushRegistry')[0]!;
      ctx.report({
        message: 'the PushKit VoIP push handler never calls reportNewIncomingCall: "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push."',
        file: handler.file,
        line: handler.line,
        column: handler.column,
      });
    }
  },
});
