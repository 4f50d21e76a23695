/**
 * The identifier cross-check, shared by the iOS tests and the declaration
 * matrix. With bg-doctor's own Swift scan (not the generator's data): every
 * BGTaskScheduler identifier the generated Swift registers or submits is in
 * the plist's BGTaskSchedulerPermittedIdentifiers; every permitted identifier
 * is registered exactly once, during launch (reached from
 * `application(_:didFinishLaunchingWithOptions:)` through `registerAtLaunch()`,
 * as the hosts wire it); and each request class's background mode is in
 * UIBackgroundModes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictGet, parsePlist } from '../../parsers/plist.js';
import { BGTASK_REQUESTS } from '../../validators/data/ios.js';
import { createProjectFiles } from '../../validators/project/files.js';
import { scanTarget } from '../../validators/scan/swift.js';

/** The string items of the array at `key` of a plist file's root dict. */
export function plistStrings(file: string, key: string): string[] {
  const v = dictGet(parsePlist(readFileSync(file, 'utf8'), file).root, key);
  return v?.type === 'array' ? v.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])) : [];
}

/** What is wrong between `swiftFiles` (one service's generated Swift) and `plistFile` (the Info.plist entries); [] when they agree. */
export function taskIdentifierProblems(swiftFiles: readonly string[], plistFile: string, pascal: string): string[] {
  const permitted = plistStrings(plistFile, 'BGTaskSchedulerPermittedIdentifiers');
  const modes = plistStrings(plistFile, 'UIBackgroundModes');
  const dir = mkdtempSync(join(tmpdir(), 'bg-ios-launch-'));
  try {
    const delegate = join(dir, 'AppDelegate.swift');
    writeFileSync(
      delegate,
      'import UIKit\n\nclass AppDelegate: UIResponder, UIApplicationDelegate {\n' +
        '    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {\n' +
        `        ${pascal}BackgroundTasks.registerAtLaunch()\n        return true\n    }\n}\n`,
    );
    const sources = [...swiftFiles, delegate];
    const scan = scanTarget(createProjectFiles(dir, sources), sources);
    const problems: string[] = [];
    const where = (c: { file: string; line: number }) => `${c.file}:${c.line}`;
    const registered = new Map<string, number>();
    for (const r of scan.registers) {
      if (r.id.value === undefined) problems.push(`${where(r)}: registered identifier ${r.id.expr} does not resolve to a string constant`);
      else registered.set(r.id.value, (registered.get(r.id.value) ?? 0) + 1);
      if (r.context !== 'launch') problems.push(`${where(r)}: ${r.id.expr} is registered ${r.context === 'deferred' ? 'in deferred code' : `in ${r.enclosing ?? 'code'} not reached`} from didFinishLaunching`);
    }
    for (const id of permitted) {
      const n = registered.get(id) ?? 0;
      if (n !== 1) problems.push(`${plistFile}: permitted identifier ${id} is registered ${n} times, not once`);
    }
    for (const id of registered.keys()) if (!permitted.includes(id)) problems.push(`registered identifier ${id} is not in BGTaskSchedulerPermittedIdentifiers of ${plistFile}`);
    if (scan.requests.length === 0) problems.push('the Swift submits no BGTaskScheduler request');
    for (const r of scan.requests) {
      if (r.id.value === undefined || !permitted.includes(r.id.value)) problems.push(`${where(r)}: submitted ${r.id.expr} (${r.id.value ?? 'unresolved'}) is not permitted`);
      const mode = BGTASK_REQUESTS[r.cls].mode;
      if (mode && !modes.includes(mode)) problems.push(`${where(r)}: ${r.cls} needs '${mode}' in UIBackgroundModes`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
