/**
 * Fixture builders for the iOS / macOS rule tests (not a test file itself:
 * the `.test-util` name keeps it out of the runner and out of the package).
 */

/** A complete XML plist around dict entries (tab-indented like Xcode). */
export function plist(entries: string): string {
  const body = entries
    .trim()
    .split('\n')
    .map((l) => `\t${l}`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;
}

/** `<key>k</key>` + an array of strings, one element per line. */
export function arr(key: string, values: string[]): string {
  return [`<key>${key}</key>`, '<array>', ...values.map((v) => `\t<string>${v}</string>`), '</array>'].join('\n');
}

export function str(key: string, value: string): string {
  return `<key>${key}</key>\n<string>${value}</string>`;
}

/** The usual keys of an app target's Info.plist. */
export const APP_KEYS = [str('CFBundleIdentifier', 'com.example.app'), str('CFBundleExecutable', '$(EXECUTABLE_NAME)'), str('CFBundlePackageType', 'APPL')].join('\n');

/** An iOS app target folder (`App/`) with an Info.plist and optional extra files. */
export function iosApp(entries: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'App/Info.plist': plist(`${APP_KEYS}\n${entries}`), ...extra };
}

/** A Swift AppDelegate whose didFinishLaunching body is `launch`, followed by `rest` members. */
export function appDelegate(launch: string, rest = ''): string {
  return `import UIKit
import BackgroundTasks

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
${launch}
        return true
    }
${rest}
}
`;
}
