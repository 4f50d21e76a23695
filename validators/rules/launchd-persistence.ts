import { defineRule } from '../rule.js';
import { dictEntry, dictGet } from '../../parsers/plist.js';
import { launchdAgents } from '../project/desktop.js';

const ON_DEMAND = ['StartInterval', 'StartCalendarInterval', 'WatchPaths', 'QueueDirectories', 'StartOnMount', 'Sockets', 'MachServices', 'LaunchEvents'];

export default defineRule({
  meta: {
    id: 'launchd-persistence',
    platform: 'desktop',
    severity: 'warning',
    docs: {
      title: 'launchd agents say when they run',
      why:
        'An agent with neither `RunAtLoad`/`KeepAlive` nor an on-demand trigger (StartInterval, WatchPaths, Sockets, MachServices…) is loaded but never started. ' +
        '`KeepAlive=true` restarts a crashing job at most every 10 s (the default ThrottleInterval).',
      fix: 'Set `RunAtLoad` (and `KeepAlive` for a service that must stay up, with a `ThrottleInterval` that suits it), or a trigger.',
      sources: ['[D3] launchd.plist(5)'],
    },
  },
  check(ctx) {
    for (const a of launchdAgents(ctx.project.files, ctx.project.desktop.launchdPlists)) {
      const root = a.doc.root;
      const runAtLoad = dictGet(root, 'RunAtLoad');
      const keepAlive = dictEntry(root, 'KeepAlive');
      const triggered = ON_DEMAND.some((k) => dictEntry(root, k));
      const runs = runAtLoad?.type === 'boolean' && runAtLoad.value;
      const kept = keepAlive !== undefined && !(keepAlive.value.type === 'boolean' && !keepAlive.value.value);
      if (!runs && !kept && !triggered) {
        ctx.report({ message: 'the job has no RunAtLoad, KeepAlive or on-demand trigger: it is loaded but never started', file: a.file, ...a.doc.xml.position(root.el.start) });
      }
      if (keepAlive?.value.type === 'boolean' && keepAlive.value.value && !dictEntry(root, 'ThrottleInterval')) {
        ctx.report({ message: 'KeepAlive=true: a crashing job is restarted at most every 10 s (default ThrottleInterval); set ThrottleInterval if that is not what you want', file: a.file, ...a.doc.xml.position(keepAlive.keyEl.start), severity: 'info' });
      }
    }
  },
});
