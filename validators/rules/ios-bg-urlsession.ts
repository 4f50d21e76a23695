import { defineRule } from '../rule.js';
import { scanTarget } from '../scan/swift.js';

export default defineRule({
  meta: {
    id: 'ios-bg-urlsession',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'Background URLSessions: stable identifier, relaunch handler, file uploads',
      why:
        'A background session continues in a system daemon: it must be recreated with the same identifier after relaunch (a UUID per ' +
        'launch orphans the transfers), the app delegate must keep the completion handler from `handleEventsForBackgroundURLSession` and call it ' +
        'from `urlSessionDidFinishEvents(forBackgroundURLSession:)`, and uploads must come from a file — `uploadTask(with:from: Data)` throws.',
      fix: 'Use a constant identifier, implement the two delegate methods, and write the body to a file before `uploadTask(with:fromFile:)`.',
      runtimeErrors: ['Upload tasks from NSData are not supported in background sessions'],
      since: 'iOS 7',
      sources: ['[I5]'],
    },
  },
  check(ctx) {
    for (const t of ctx.project.ios) {
      // The app's own sources and the plugins it links (a generated transfer plugin, a Capacitor
      // plugin): a session a plugin creates lives in the app's process all the same.
      const sources = [...t.sourceFiles, ...(t.pluginSourceFiles ?? [])];
      const scan = sources.length ? scanTarget(ctx.project.files, sources) : undefined;
      if (!scan || scan.sessions.length === 0) continue;
      for (const s of scan.sessions) {
        if (s.stable) continue;
        const uuid = /UUID|uuid|Date\(|NSDate|random/.test(s.id.expr);
        if (!uuid) continue;
        ctx.report({
          message: `background session identifier ${s.id.expr} changes on every launch: transfers started before a relaunch are orphaned; use a constant identifier`,
          file: s.file,
          line: s.line,
          column: s.column,
          severity: 'warning',
        });
      }
      const first = scan.sessions[0]!;
      if (!t.isExtension && scan.uses('handleEventsForBackgroundURLSession').length === 0) {
        ctx.report({
          message: 'the app creates a background URLSession but implements no application(_:handleEventsForBackgroundURLSession:completionHandler:): after a background relaunch the events are never delivered and the system is never told the app is done',
          file: first.file,
          line: first.line,
          column: first.column,
          severity: 'warning',
        });
      } else if (scan.uses('urlSessionDidFinishEvents').length + scan.uses('URLSessionDidFinishEventsForBackgroundURLSession').length === 0) {
        ctx.report({
          message: 'no urlSessionDidFinishEvents(forBackgroundURLSession:): the completion handler kept from handleEventsForBackgroundURLSession is never called',
          file: first.file,
          line: first.line,
          column: first.column,
          severity: 'warning',
        });
      }
      const sessionFiles = new Set(scan.sessions.map((s) => s.file));
      for (const u of scan.uploadsFromData) {
        if (!sessionFiles.has(u.file)) continue;
        ctx.report({
          message: 'upload from Data next to a background session configuration: "Upload tasks from NSData are not supported in background sessions"; write the body to a file and use uploadTask(with:fromFile:)',
          file: u.file,
          line: u.line,
          column: u.column,
        });
      }
    }
  },
});
