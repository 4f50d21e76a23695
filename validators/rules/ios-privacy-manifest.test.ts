import { ruleTester } from '../testing.js';
import rule from './ios-privacy-manifest.js';
import { iosApp, plist } from './apple.test-util.js';

const code = 'import Foundation\nfunc remember() {\n    UserDefaults.standard.set(true, forKey: "seen")\n}\n';
const manifest = (cat: string, reason: string) =>
  plist(`<key>NSPrivacyAccessedAPITypes</key>\n<array>\n\t<dict>\n\t\t<key>NSPrivacyAccessedAPIType</key>\n\t\t<string>${cat}</string>\n\t\t<key>NSPrivacyAccessedAPITypeReasons</key>\n\t\t<array>\n\t\t\t<string>${reason}</string>\n\t\t</array>\n\t</dict>\n</array>`);

ruleTester(rule, {
  valid: [
    { name: 'UserDefaults declared with CA92.1', files: iosApp('', { 'App/Prefs.swift': code, 'App/PrivacyInfo.xcprivacy': manifest('NSPrivacyAccessedAPICategoryUserDefaults', 'CA92.1') }) },
    { name: 'no required-reason API, no manifest', files: iosApp('', { 'App/Main.swift': 'print("hi")\n' }) },
    { name: 'a model property called creationDate is not the file attribute', files: iosApp('', { 'App/Model.swift': 'struct Note { var creationDate: Date }\n' }) },
  ],
  invalid: [
    { name: 'UserDefaults without a manifest (ITMS-91053)', files: iosApp('', { 'App/Prefs.swift': code }), errors: [{ file: 'App/Prefs.swift', line: 3, message: /ITMS-91053/ }] },
    {
      name: 'category missing from the manifest',
      files: iosApp('', { 'App/Prefs.swift': `${code}let up = ProcessInfo.processInfo.systemUptime\n`, 'App/PrivacyInfo.xcprivacy': manifest('NSPrivacyAccessedAPICategoryUserDefaults', 'CA92.1') }),
      errors: [{ file: 'App/PrivacyInfo.xcprivacy', line: 4, message: /NSPrivacyAccessedAPICategorySystemBootTime/ }],
    },
    { name: 'invalid reason', files: iosApp('', { 'App/PrivacyInfo.xcprivacy': manifest('NSPrivacyAccessedAPICategoryUserDefaults', '35F9.1') }), errors: [{ file: 'App/PrivacyInfo.xcprivacy', line: 12, message: /not an approved reason/ }] },
  ],
});
