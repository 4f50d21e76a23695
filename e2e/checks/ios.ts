/**
 * The iOS target's checks over the declaration matrix: the generated Swift
 * parses with the tree-sitter Swift grammar, every iOS plist the generation
 * wrote or edited loads in plistlib, and the BGTaskScheduler identifiers the
 * Swift registers and submits agree with the Info.plist entries.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hostsToGenerate, iosAppAdditionsDir, iosSourceDir } from '../../generator/layout.js';
import { buildContext } from '../../generator/context.js';
import { taskIdentifierProblems } from '../../templates/ios/crosscheck.js';
import { parseSwift, verifyPlist } from '../../toolchains/index.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

const swiftOf = (p: MatrixProject) => p.files.filter((f) => f.endsWith('.swift'));

/** The iOS plists of a project: under a plugin's ios/ folder, or the app's own iOS files. */
function plistsOf(p: MatrixProject): string[] {
  const app = new Set([p.host.files.iosInfoPlist, p.host.files.iosEntitlements, p.host.files.iosPrivacyManifest]);
  return p.files.filter((f) => /\.(plist|entitlements|xcprivacy)$/.test(f) && (app.has(f) || /(^|\/)ios\//.test(f)));
}

/** Tool diagnostics (absolute paths) as failures of the project that owns each file. */
function located(owners: Map<string, MatrixProject>, diagnostics: ReadonlyArray<{ file: string; line: number; column: number; message: string }>): CheckFailure[] {
  return diagnostics.map((d) => {
    const project = owners.get(d.file)!;
    return { project, file: relative(project.root, d.file), ...(d.line ? { line: d.line, column: d.column } : {}), message: d.message };
  });
}

export const iosChecks: MatrixCheck[] = [
  {
    name: 'ios: tree-sitter-swift parses every generated Swift file',
    applies: (p) => swiftOf(p).length > 0,
    async run(projects) {
      const owners = new Map<string, MatrixProject>();
      for (const p of projects) for (const f of swiftOf(p)) owners.set(join(p.root, f), p);
      return located(owners, (await parseSwift([...owners.keys()])).diagnostics);
    },
  },
  {
    name: 'ios: plistlib loads every generated or edited iOS plist',
    applies: (p) => plistsOf(p).length > 0,
    async run(projects) {
      // plistlib runs once per distinct content (most rows share their privacy manifest), two at a time.
      const byContent = new Map<string, Array<{ project: MatrixProject; file: string }>>();
      for (const p of projects) {
        for (const f of plistsOf(p)) {
          const text = readFileSync(join(p.root, f), 'utf8');
          byContent.set(text, [...(byContent.get(text) ?? []), { project: p, file: f }]);
        }
      }
      const groups = [...byContent.values()];
      const failures: CheckFailure[] = [];
      const worker = async () => {
        for (let g = groups.shift(); g; g = groups.shift()) {
          const first = g[0]!;
          const { diagnostics } = await verifyPlist(join(first.project.root, first.file));
          for (const { project, file } of g) {
            for (const d of diagnostics) failures.push({ project, file, ...(d.line ? { line: d.line, column: d.column } : {}), message: d.message });
          }
        }
      };
      await Promise.all([worker(), worker()]);
      return failures;
    },
  },
  {
    name: 'ios: the BGTask identifiers the Swift registers and submits are exactly the permitted ones',
    applies: (p) => swiftOf(p).some((f) => f.endsWith('BackgroundTasks.swift')),
    async run(projects) {
      const failures: CheckFailure[] = [];
      for (const p of projects) {
        const built = buildContext(p.model, p.host);
        if (!built.ok) {
          failures.push({ project: p, message: built.diagnostic.message });
          continue;
        }
        for (const host of hostsToGenerate(built.ctx)) {
          const dir = `${iosSourceDir(built.ctx, host)}/`;
          const swift = swiftOf(p).filter((f) => f.startsWith(dir)).map((f) => join(p.root, f));
          const plist = p.host.files.iosInfoPlist ?? `${iosAppAdditionsDir(built.ctx, host)}/Info.additions.plist`;
          for (const message of taskIdentifierProblems(swift, join(p.root, plist), p.model.names.pascal)) failures.push({ project: p, file: plist, message });
        }
      }
      return failures;
    },
  },
];
