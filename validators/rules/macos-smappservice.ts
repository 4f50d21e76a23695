import { basename } from 'node:path';
import { defineRule } from '../rule.js';
import { dictEntry, dictGet } from '../../parsers/plist.js';
import { launchdAgents } from '../project/desktop.js';
import { toPosix } from '../project/files.js';
import { scanTarget } from '../scan/swift.js';

export default defineRule({
  meta: {
    id: 'macos-smappservice',
    platform: 'desktop',
    severity: 'warning',
    docs: {
      title: 'App-bundled agents use SMAppService correctly',
      why:
        'Since macOS 13 an app registers its bundled agent with `SMAppService.agent(plistName:)`: the plist must be in `Contents/Library/LaunchAgents` and name its ' +
        'executable with the bundle-relative `BundleProgram` (an absolute `Program` breaks when the app moves). Registration can end in `.requiresApproval` until the user allows it in Login Items; ignoring that leaves the agent silently off.',
      fix: 'Ship the plist in Contents/Library/LaunchAgents with `BundleProgram`, call `SMAppService.agent(plistName:).register()`, and handle `.requiresApproval` (e.g. `SMAppService.openSystemSettingsLoginItems()`).',
      since: 'macOS 13',
      sources: ['[D4]'],
    },
  },
  check(ctx) {
    const files = ctx.project.files;
    const agents = launchdAgents(files, ctx.project.desktop.launchdPlists);
    if (agents.length === 0) return;
    const swift = files.glob(ctx.project.root, /\.swift$/);
    const scan = swift.length ? scanTarget(files, swift) : undefined;
    const registered = new Map<string, { file: string; line: number; column: number }>();
    for (const f of scan?.files ?? []) {
      const src = files.read(f.file) ?? '';
      for (const m of src.matchAll(/SMAppService\s*\.\s*(?:agent|daemon)\s*\(\s*plistName\s*:\s*"([^"]+)"/g)) {
        registered.set(m[1]!, { file: f.file, ...files.position(f.file, m.index) });
      }
    }
    for (const a of agents) {
      const root = a.doc.root;
      const bundled = /\/Contents\/Library\/Launch(?:Agents|Daemons)\//.test(toPosix(a.file)) || registered.has(basename(a.file));
      if (!bundled) continue;
      const prog = dictGet(root, 'Program');
      const args = dictGet(root, 'ProgramArguments');
      const first = args?.type === 'array' ? args.items[0] : undefined;
      const absolute = prog?.type === 'string' ? prog : first?.type === 'string' && first.value.startsWith('/') ? first : undefined;
      if (!dictEntry(root, 'BundleProgram') && absolute?.type === 'string') {
        ctx.report({ message: `app-bundled agent names its executable by absolute path ("${absolute.value}"): use BundleProgram (relative to the app bundle) with SMAppService`, file: a.file, ...a.doc.xml.position(absolute.el.start) });
      }
    }
    if (scan && registered.size && scan.uses('requiresApproval').length === 0) {
      const r = [...registered.values()][0]!;
      ctx.report({ message: 'SMAppService registration never checks .requiresApproval: until the user allows the agent in Login Items it stays off without telling anyone', file: r.file, line: r.line, column: r.column });
    }
  },
});
