import { defineRule } from '../rule.js';
import { dictEntry, dictGet, type PlistValue } from '../../parsers/plist.js';
import { launchdAgents } from '../project/desktop.js';

const PATH_KEYS = ['Program', 'StandardOutPath', 'StandardErrorPath', 'StandardInPath', 'WorkingDirectory', 'RootDirectory'];

/** Why a launchd path is unusable, or undefined when it is absolute and literal. */
export function badLaunchdPath(p: string): string | undefined {
  if (p.startsWith('~')) return 'starts with ~ (launchd does no tilde expansion)';
  if (/\$\{?[A-Za-z_]/.test(p)) return 'contains a $VARIABLE (launchd does no shell expansion)';
  if (!p.startsWith('/')) return 'is relative (launchd has no meaningful working directory)';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'launchd-paths',
    platform: 'desktop',
    severity: 'error',
    docs: {
      title: 'launchd paths are absolute and literal',
      why: 'launchd runs the program directly, without a shell: `~`, `$HOME` and relative paths are not expanded, so the job fails to spawn (exit 78, EX_CONFIG) or logs nowhere.',
      fix: 'Write absolute paths (the installer fills in the user\'s home), or wrap the command in `/bin/sh -c` when expansion is really wanted.',
      sources: ['[D3] launchd.plist(5)'],
      notes: 'With BundleProgram (SMAppService), a relative program path is the bundle-relative form and correct.',
    },
  },
  check(ctx) {
    for (const a of launchdAgents(ctx.project.files, ctx.project.desktop.launchdPlists)) {
      const root = a.doc.root;
      const check = (key: string, v: PlistValue | undefined) => {
        if (v?.type !== 'string') return;
        const why = badLaunchdPath(v.value);
        if (why) ctx.report({ message: `${key} "${v.value}" ${why}`, file: a.file, ...a.doc.xml.position(v.el.start) });
      };
      for (const k of PATH_KEYS) check(k, dictGet(root, k));
      const args = dictEntry(root, 'ProgramArguments')?.value;
      if (!dictEntry(root, 'Program') && !dictEntry(root, 'BundleProgram') && args?.type === 'array') check('ProgramArguments[0]', args.items[0]);
    }
  },
});
