import { basename } from 'node:path';
import { defineRule } from '../rule.js';
import { dictEntry } from '../../parsers/plist.js';
import { launchdAgents } from '../project/desktop.js';

export default defineRule({
  meta: {
    id: 'launchd-required-keys',
    platform: 'desktop',
    severity: 'error',
    docs: {
      title: 'launchd jobs have a Label and a program',
      why: 'launchd refuses a job without `Label` or without `Program`/`ProgramArguments` (or `BundleProgram` for SMAppService). A Label that differs from the file name makes `launchctl bootout gui/$UID/<label>` and uninstall scripts miss the job.',
      fix: 'Add `Label` (the file name without .plist) and `ProgramArguments` (absolute path first).',
      sources: ['[D3] launchd.plist(5)'],
    },
  },
  check(ctx) {
    for (const a of launchdAgents(ctx.project.files, ctx.project.desktop.launchdPlists)) {
      const root = a.doc.root;
      const pos = (el = root.el) => a.doc.xml.position(el.start);
      const label = dictEntry(root, 'Label');
      if (!label || label.value.type !== 'string' || label.value.value.trim() === '') {
        ctx.report({ message: label ? 'Label must be a non-empty string' : 'the job has no Label: launchd refuses it', file: a.file, ...pos(label?.keyEl) });
      } else if (label.value.value !== basename(a.file, '.plist')) {
        ctx.report({ message: `Label "${label.value.value}" differs from the file name "${basename(a.file)}": launchctl commands by label and uninstallers miss the job`, file: a.file, ...pos(label.value.el), severity: 'warning' });
      }
      const prog = dictEntry(root, 'Program') ?? dictEntry(root, 'BundleProgram');
      const args = dictEntry(root, 'ProgramArguments');
      if (!prog && !args) {
        ctx.report({ message: 'the job has neither Program nor ProgramArguments: launchd has nothing to run', file: a.file, ...pos() });
      } else if (args && (args.value.type !== 'array' || args.value.items.length === 0 || args.value.items.some((x) => x.type !== 'string'))) {
        ctx.report({ message: 'ProgramArguments must be a non-empty array of strings', file: a.file, ...pos(args.keyEl) });
      }
    }
  },
});
