import { defineRule } from '../rule.js';
import { FGS_TYPES, FGS_TYPE_MISSPELLINGS, fgsType, fgsTypeIgnoringCase } from '../data/android-fgs.js';
import { at, isRealSource } from '../android/query.js';
import { androidAttr } from '../project/manifest-merge.js';

export default defineRule({
  meta: {
    id: 'android-fgs-type-invalid',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'android:foregroundServiceType holds only known types, spelled exactly, that compileSdk knows',
      why:
        'aapt2 rejects an unknown flag value ("is incompatible with attribute foregroundServiceType"), and it knows a type only when compileSdk is at least the API level that introduced it: ' +
        'API 34 for health, remoteMessaging, systemExempted, shortService and specialUse; API 35 for mediaProcessing. Values are case-sensitive and separated by `|`.',
      fix: 'Fix the spelling or case (e.g. `dataSync`, not `datasync`), separate types with `|`, or raise compileSdk.',
      since: 'API 29 (attribute)',
      sources: ['[A1] …/services/fgs/service-types'],
      notes: `Known types: ${FGS_TYPES.map((t) => `${t.name} (API ${t.api})`).join(', ')}.`,
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app) return;
    const compileSdk = app.sdk.compileSdk.value;
    for (const c of app.merged.components) {
      for (const d of c.declarations) {
        if (!isRealSource(d.source)) continue;
        const attr = androidAttr(d.el, 'foregroundServiceType');
        if (!attr) continue;
        const raw = d.source.doc.source.slice(attr.valueStart, attr.valueEnd);
        if (raw.includes('${') || raw.startsWith('@')) continue;
        const tokens = attr.value.split('|').map((t) => t.trim());
        const bad: string[] = [];
        const fixed: string[] = [];
        let fixable = true;
        for (const t of tokens) {
          if (t === '') {
            bad.push('an empty value between "|" separators');
            fixable = false;
            continue;
          }
          const known = fgsType(t);
          if (known) {
            fixed.push(t);
            if (compileSdk !== undefined && known.api > compileSdk) {
              ctx.report({
                ...at(d.source, d.el),
                message: `foregroundServiceType "${t}" needs compileSdk ${known.api} or higher; this app compiles against ${compileSdk}, so aapt2 rejects the manifest. Raise compileSdk${t === 'mediaProcessing' ? ' (or use dataSync below API 35)' : ''}.`,
              });
            }
            continue;
          }
          const pieces = t.split(/[\s,;]+/).filter(Boolean);
          if (pieces.length > 1 && pieces.every((p) => fgsType(p))) {
            bad.push(`"${t}" (separate types with "|", not commas or spaces)`);
            fixed.push(...pieces);
            continue;
          }
          const ci = fgsTypeIgnoringCase(t);
          if (ci) {
            bad.push(`"${t}" (types are case-sensitive: "${ci.name}")`);
            fixed.push(ci.name);
            continue;
          }
          bad.push(`"${t}"${FGS_TYPE_MISSPELLINGS[t] ? ` (${FGS_TYPE_MISSPELLINGS[t]})` : ''}`);
          fixable = false;
        }
        if (!bad.length) continue;
        const value = [...new Set(fixed)].join('|');
        ctx.report({
          ...at(d.source, d.el),
          message: `<${c.tag} ${c.name}> has an invalid android:foregroundServiceType: ${bad.join(', ')}. Valid types: ${FGS_TYPES.map((t) => t.name).join(', ')}.`,
          fix:
            fixable && value && d.source.origin !== 'plugin'
              ? { file: d.source.file, edits: [{ start: attr.valueStart, end: attr.valueEnd, text: value }], description: `set android:foregroundServiceType="${value}"` }
              : undefined,
        });
      }
    }
  },
});
