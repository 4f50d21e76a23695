/**
 * bg-doctor on everything the matrix generated: the real executable, once,
 * over the folder holding every project (it reports each app on its own),
 * at targetSdk 36 where a project's build files do not say. Every finding
 * fails the row, except the few listed in ALLOWED with the reason each is
 * right to stay.
 */
import { spawn } from 'node:child_process';
import { dirname, join, relative, sep } from 'node:path';
import { binPath } from '../../lib/paths.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

interface Allowed {
  rule: string;
  /** The row, or every row. */
  row: string | '*';
  /** Only in these project shapes (default: all). */
  shapes?: readonly MatrixProject['shape'][];
  reason: string;
}

const ALLOWED: readonly Allowed[] = [
  {
    rule: 'android-fgs-system-exempted',
    row: 'fgs-system-exempted.bg.ts',
    reason: 'the row declares systemExempted on purpose; the type is reserved for alarm-clock and VPN apps, and saying so to whoever declares it is the rule doing its job',
  },
];

interface DoctorFinding {
  ruleId: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface DoctorJson {
  summary: { internalErrors: number };
  apps: Array<{ name: string; findings: DoctorFinding[] }>;
}

function run(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The deepest folder holding every project. */
function commonRoot(projects: MatrixProject[]): string {
  let root = projects[0]!.root;
  while (!projects.every((p) => p.root === root || p.root.startsWith(root + sep))) root = dirname(root);
  return root;
}

const doctor: MatrixCheck = {
  name: 'bg-doctor validate: no findings in any generated project',
  applies: () => true,
  async run(projects) {
    if (projects.length === 0) return [];
    const root = commonRoot(projects);
    const cli = binPath('bg-doctor');
    const r = await run(root, [cli, 'validate', '.', '--format', 'json', '--target-sdk', '36']);
    if (r.code !== 0 && r.code !== 1) {
      return [{ project: projects[0]!, message: `bg-doctor exited ${r.code}:\n${r.stderr || r.stdout}` }];
    }
    const report = JSON.parse(r.stdout) as DoctorJson;
    const failures: CheckFailure[] = [];
    if (report.summary.internalErrors) failures.push({ project: projects[0]!, message: `bg-doctor had ${report.summary.internalErrors} internal error(s)` });
    for (const app of report.apps) {
      for (const f of app.findings) {
        const abs = f.file ? join(root, f.file) : join(root, app.name);
        const project = projects.find((p) => abs === p.root || abs.startsWith(p.root + sep));
        if (!project) {
          failures.push({ project: projects[0]!, message: `${f.ruleId} (${f.severity}) outside every project, in ${f.file ?? app.name}: ${f.message}` });
          continue;
        }
        if (ALLOWED.some((a) => a.rule === f.ruleId && (a.row === '*' || a.row === project.row) && (!a.shapes || a.shapes.includes(project.shape)))) continue;
        failures.push({
          project,
          file: f.file ? relative(project.root, abs) : undefined,
          line: f.line,
          column: f.column,
          message: `${f.ruleId} (${f.severity}): ${f.message}`,
        });
      }
    }
    return failures;
  },
};

export const doctorChecks: MatrixCheck[] = [doctor];
