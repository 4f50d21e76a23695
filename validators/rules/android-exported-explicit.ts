import { defineRule } from '../rule.js';
import { at, gatedSeverity, targetNote } from '../android/query.js';
import { setComponentAttrsFix } from '../android/fixes.js';
import { androidValue } from '../project/manifest-merge.js';
import { childElements } from '../../parsers/xml.js';
import type { AndroidComponent } from '../project/types.js';

/** The value a fix can set without changing behaviour, when it is clear. */
function obviousExported(c: AndroidComponent): string | undefined {
  if (c.tag === 'activity' || c.tag === 'activity-alias') {
    for (const d of c.declarations) {
      for (const f of childElements(d.el, 'intent-filter')) {
        const cats = childElements(f, 'category').map((x) => androidValue(x, 'name') ?? '');
        if (cats.some((n) => /\.(LAUNCHER|LEANBACK_LAUNCHER|BROWSABLE)$/.test(n))) return 'true';
      }
    }
    return undefined;
  }
  if (c.tag === 'receiver' && c.intentActions.length && c.intentActions.every((a) => a.startsWith('android.intent.action.'))) return 'false';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'android-exported-explicit',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Components with intent filters set android:exported explicitly',
      why:
        'From targetSdk 31, an <activity>, <activity-alias>, <service> or <receiver> with an <intent-filter> must set android:exported; the manifest merger fails the build and the installer rejects the APK otherwise.',
      fix: 'Set android:exported="true" for components other apps or the launcher start, "false" for internal ones (system broadcasts such as BOOT_COMPLETED still reach non-exported receivers).',
      runtimeErrors: [
        'INSTALL_PARSE_FAILED_MANIFEST_MALFORMED: … Targeting S+ (version 31 and above) requires that an explicit value for android:exported be defined when intent filters are present',
        'android:exported needs to be explicitly specified for element <activity#…>. Apps targeting Android 12 and higher are required to specify an explicit value for `android:exported` when the corresponding component has an intent filter defined.',
      ],
      since: 'targetSdk 31 (Android 12)',
      sources: ['[A17] …/about/versions/12/behavior-changes-12#exported', '[L] ExportedFlagDetector'],
      notes: 'Components without an intent filter need no explicit value. The fix is offered only when the value is clear: "true" for launcher/browsable activities, "false" for receivers of android.intent.action.* system broadcasts.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || !app.merged.complete) return;
    const severity = gatedSeverity(app, 31, 'error');
    if (!severity) return;
    for (const c of app.merged.components) {
      if (c.tag === 'provider' || !c.hasIntentFilter || c.exported !== undefined) continue;
      // Report at the declaration that carries the intent filter (the one to edit).
      const decl =
        c.declarations.find((d) => d.source.origin !== 'known' && d.source.origin !== 'gradle' && childElements(d.el, 'intent-filter').length) ??
        c.declarations.find((d) => d.source.origin !== 'known' && d.source.origin !== 'gradle');
      if (!decl) continue;
      const value = obviousExported(c);
      const raw = androidValue(decl.el, 'name');
      ctx.report({
        ...at(decl.source, decl.el),
        severity,
        message:
          `<${c.tag} ${c.name}>${decl.source.origin === 'plugin' ? ` (from ${decl.source.label})` : ''} has an <intent-filter> but no android:exported; ` +
          `the build and install fail ("Targeting S+ (version 31 and above) requires that an explicit value for android:exported be defined when intent filters are present")${targetNote(app, 31)}.`,
        fix: value && raw ? setComponentAttrsFix(decl.source, c.tag, raw, { 'android:exported': value }, `set android:exported="${value}"`) : undefined,
      });
    }
  },
});
