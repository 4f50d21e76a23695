import { defineRule } from '../rule.js';
import { REQUIRED_REASON_APIS, type RequiredReasonCategory } from '../data/ios.js';
import { dictGet, stringArray } from '../../parsers/plist.js';
import { at, iosDetails, targetScan } from '../project/ios.js';

const CATEGORIES = Object.keys(REQUIRED_REASON_APIS) as RequiredReasonCategory[];

export default defineRule({
  meta: {
    id: 'ios-privacy-manifest',
    platform: 'ios',
    severity: 'error',
    docs: {
      title: 'Required-reason APIs are declared in PrivacyInfo.xcprivacy',
      why:
        'Since 2024-05-01 App Store Connect rejects uploads whose code uses a required-reason API (UserDefaults, file timestamps, system boot ' +
        'time, disk space, active keyboards) without a privacy manifest in that app or extension target declaring the category with an approved reason.',
      fix: 'Add PrivacyInfo.xcprivacy to the target (Copy Bundle Resources) with an NSPrivacyAccessedAPITypes entry per category and the reason that honestly matches the use (e.g. CA92.1 for UserDefaults read and written by the app itself).',
      runtimeErrors: ['ITMS-91053: Missing API declaration - Your app’s code in the “…” file references one or more APIs that require reasons, including the following API categories: NSPrivacyAccessedAPICategoryUserDefaults.'],
      since: 'App Store, 2024-05-01',
      sources: ['[I6]', 'TN3183'],
      notes: 'Code of third-party SDKs (Pods, packages) is not scanned: they ship their own manifests.',
    },
  },
  check(ctx) {
    const files = ctx.project.files;
    for (const t of ctx.project.ios) {
      const manifest = t.privacyManifestFile ? files.plist(t.privacyManifestFile) : undefined;
      // Declared categories (and validate the manifest's own entries, code or not).
      const declared = new Set<string>();
      if (manifest && t.privacyManifestFile) {
        const types = dictGet(manifest.root, 'NSPrivacyAccessedAPITypes');
        for (const item of types?.type === 'array' ? types.items : []) {
          const catV = dictGet(item, 'NSPrivacyAccessedAPIType');
          const cat = catV?.type === 'string' ? catV.value : undefined;
          if (!cat || !(cat in REQUIRED_REASON_APIS)) {
            ctx.report({ message: `unknown NSPrivacyAccessedAPIType ${cat ? `"${cat}"` : '(missing)'}; valid: ${CATEGORIES.join(', ')}`, file: t.privacyManifestFile, ...at(manifest, (catV ?? item).el) });
            continue;
          }
          const reasonsV = dictGet(item, 'NSPrivacyAccessedAPITypeReasons');
          const valid = REQUIRED_REASON_APIS[cat as RequiredReasonCategory].reasons as readonly string[];
          const reasons = stringArray(reasonsV);
          if (reasons.length === 0) {
            ctx.report({ message: `${cat} has no NSPrivacyAccessedAPITypeReasons; pick one of ${valid.join(', ')}`, file: t.privacyManifestFile, ...at(manifest, (reasonsV ?? catV!).el) });
            continue;
          }
          for (const r of reasonsV?.type === 'array' ? reasonsV.items : []) {
            if (r.type === 'string' && !valid.includes(r.value)) {
              ctx.report({ message: `"${r.value}" is not an approved reason for ${cat} (${valid.join(', ')})`, file: t.privacyManifestFile, ...at(manifest, r.el) });
            }
          }
          declared.add(cat);
        }
      }
      const scan = targetScan(files, t);
      if (!scan) continue;
      const used = CATEGORIES.map((c) => [c, scan.requiredReason(c)] as const).filter(([, locs]) => locs.length > 0);
      if (used.length === 0) continue;
      const [firstCat, firstLocs] = used[0]!;
      const u = firstLocs[0]!;
      const kind = t.isExtension ? 'extension' : 'app';
      if (!t.privacyManifestFile) {
        ctx.report({
          message: `this ${kind} target's code uses required-reason APIs (${used.map(([c]) => c).join(', ')}; first: ${REQUIRED_REASON_APIS[firstCat].title}) but the target has no PrivacyInfo.xcprivacy: App Store Connect rejects the upload (ITMS-91053)`,
          file: u.file,
          line: u.line,
          column: u.column,
        });
        continue;
      }
      if (iosDetails(t).privacyManifestInTarget === false) {
        ctx.report({
          message: `${t.privacyManifestFile} is not a member of the target (not in Copy Bundle Resources): the upload is checked as if there were no privacy manifest (ITMS-91053)`,
          file: u.file,
          line: u.line,
          column: u.column,
        });
        continue;
      }
      if (!manifest) continue; // malformed: reported as a parse problem
      for (const [cat, locs] of used) {
        if (declared.has(cat)) continue;
        const l = locs[0]!;
        ctx.report({
          message: `${REQUIRED_REASON_APIS[cat].title} are used (${l.file}:${l.line}) but PrivacyInfo.xcprivacy declares no ${cat} with a reason (${REQUIRED_REASON_APIS[cat].reasons.join(', ')}): ITMS-91053`,
          file: t.privacyManifestFile,
          ...at(manifest, manifest.root.el),
        });
      }
    }
  },
});
