import { defineRule } from '../rule.js';
import { CAPABILITY_PLATFORMS } from '../data/tauri.js';
import { isCapabilityPlatform, tauriView } from '../project/tauri.js';

export default defineRule({
  meta: {
    id: 'tauri-capability-shape',
    platform: 'tauri',
    severity: 'error',
    docs: {
      title: 'Capabilities have an identifier, permissions, and something to apply to',
      why:
        'tauri-build refuses a capability without `identifier` or `permissions` (the build fails), and one with neither `windows` nor ' +
        '`webviews` applies to nothing: every command it was meant to allow is rejected at run time.',
      fix: 'Give every capability an `identifier`, a `permissions` array and the window labels (globs allowed) it applies to. Optional keys: `description`, `platforms` (linux, macOS, windows, android, iOS — exactly so spelled), `local`, `remote`.',
      runtimeErrors: ['Command plugin:event|listen not allowed by ACL'],
      sources: ['[T1]', 'tauri-utils acl/capability.rs'],
    },
  },
  check(ctx) {
    const view = tauriView(ctx.project);
    if (!view) return;
    for (const c of view.capabilities) {
      const name = c.identifier ? `capability "${c.identifier}"` : 'this capability';
      if (!c.hasIdentifier) ctx.report({ message: 'the capability has no "identifier": tauri-build fails', file: c.file, line: c.line, column: c.column });
      if (!c.hasPermissions) ctx.report({ message: `${name} has no "permissions" array: tauri-build fails`, file: c.file, line: c.line, column: c.column });
      if (c.windows.length === 0 && c.webviews.length === 0) {
        ctx.report({ message: `${name} lists neither "windows" nor "webviews": it applies to nothing`, file: c.file, line: c.line, column: c.column, severity: 'warning' });
      }
      for (const p of c.platformLocs) {
        if (isCapabilityPlatform(p.value)) continue;
        const near = CAPABILITY_PLATFORMS.find((x) => x.toLowerCase() === p.value.toLowerCase());
        ctx.report({ message: `"${p.value}" is not a capability platform${near ? ` (the spelling is "${near}")` : ''}; valid: ${CAPABILITY_PLATFORMS.join(', ')}`, file: p.file, line: p.line, column: p.column });
      }
      for (const b of c.badPermissions) ctx.report({ message: `${name}: a permission entry must be an identifier string or an object with an "identifier"`, file: b.file, line: b.line, column: b.column });
    }
  },
});
