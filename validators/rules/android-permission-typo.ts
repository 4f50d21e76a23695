import { defineRule } from '../rule.js';
import { closestAndroidPermission, isKnownAndroidPermission, PERMISSION_PREFIX } from '../data/android-permissions.js';
import { at, atPermission, isRealSource } from '../android/query.js';
import { androidAttr, isPlaceholder } from '../project/manifest-merge.js';
import type { Fix } from '../rule.js';

export default defineRule({
  meta: {
    id: 'android-permission-typo',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: '<uses-permission> names a permission Android defines',
      why:
        'A misspelt permission (e.g. `android.permission.FORGROUND_SERVICE`, or the Java constant path `android.Manifest.permission.X`) is silently ignored: the app never holds the permission it meant, and the code that needs it fails at run time.',
      fix: 'Use the exact name, e.g. `android.permission.FOREGROUND_SERVICE`.',
      since: 'all API levels',
      sources: ['[L] SystemPermissionTypo', 'Manifest.permission reference (API 36)'],
      notes:
        'A name close to a defined one (edit distance, case) is an error with a fix; an `android.permission.*` name far from all known ones is a warning (it may be newer than bg-doctor\'s list). Manifest placeholders such as `${permission}` are never judged.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    for (const p of app.merged.permissions) {
      const decls = p.declarations.length ? p.declarations.filter((d) => isRealSource(d.source) && d.source.origin !== 'plugin') : [];
      if (!decls.length && !p.loc) continue;
      const name = p.name;
      if (isPlaceholder(name)) continue;
      let suggestion: string | undefined;
      let message: string | undefined;
      let severity: 'error' | 'warning' = 'error';
      const manifestConst = /^android\.Manifest\.permission\.(\w+)$/.exec(name);
      if (manifestConst) {
        suggestion = PERMISSION_PREFIX + manifestConst[1];
        message = `"${name}" is the Java constant path, not a permission name; Android ignores it. Use "${suggestion}".`;
      } else if (name.startsWith(PERMISSION_PREFIX) || /^android\.permissions?\./i.test(name)) {
        if (isKnownAndroidPermission(name)) continue;
        suggestion = closestAndroidPermission(name.replace(/^android\.permissions?\./i, PERMISSION_PREFIX));
        if (suggestion && suggestion !== name) {
          message = `Unknown permission "${name}" — did you mean "${suggestion}"? Android ignores unknown names, so the app never holds the permission it needs.`;
        } else {
          suggestion = undefined;
          severity = 'warning';
          message = `"${name}" is not a permission Android defines (as of API 36); it grants nothing.`;
        }
      } else continue;
      for (const d of decls.length ? decls : [undefined]) {
        let fix: Fix | undefined;
        let where;
        if (d) {
          where = at(d.source, d.el);
          const attr = androidAttr(d.el, 'name');
          if (suggestion && attr && (d.source.origin === 'app' || d.source.origin === 'module')) {
            fix = { file: d.source.file, edits: [{ start: attr.valueStart, end: attr.valueEnd, text: suggestion }], description: `rename to ${suggestion}` };
          }
        } else {
          where = atPermission(p);
          if (suggestion && p.loc) fix = { file: p.loc.file, edits: [{ start: p.loc.start, end: p.loc.end, text: JSON.stringify(suggestion) }], description: `rename to ${suggestion}` };
        }
        ctx.report({ ...where, severity, message: message!, fix });
      }
    }
  },
});
