/**
 * Desktop checks of the declaration matrix (issue 7): every generated service
 * runner, Rust or Node, as the generator wrote it into its project.
 *
 * - Rust: all runners (identical copies once) compiled into one crate against
 *   the toolchain cache's crates: cargo check --all-targets without warnings
 *   and rustfmt --check. The desktop rows' runners also run their own tests
 *   (lifecycle, stop reasons and desired state, generations, frames, two
 *   processes over IPC), which render their install-time units for
 *   systemd-analyze, plistlib, an XML parser and bg-doctor to check.
 * - Node: all runners type-checked in one strict tsc run, built to ESM, and
 *   their install-time units rendered by their own code and checked the same
 *   way.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRust, typecheckTs, type CheckResult, type Diagnostic } from '../../toolchains/index.js';
import { buildEsm, STRICTEST_TS } from '../../templates/desktop/testing/node-build.js';
import { writeRustHarness } from '../../templates/desktop/testing/rust-harness.js';
import { ALWAYS_ALLOWED, checkRenderedUnits, doctorProblems, ON_DEMAND_AGENT } from '../../templates/desktop/testing/units.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

const RUST_RUNNER = '/tauri/src/runner/mod.rs';
const NODE_RUNNER = '/node/runner/index.ts';

/** The module folder (`<moduleDir>`) of the runner whose marker file the project has, project-relative. */
function moduleDirOf(project: MatrixProject, marker: string): string | undefined {
  const file = project.files.find((f) => `/${f}`.endsWith(marker));
  return file === undefined ? undefined : `/${file}`.slice(1, -marker.length);
}

/** A hash of a folder's files without their first line (the header names the declaration's path). */
function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else h.update(`${relative(dir, p)}\0${readFileSync(p, 'utf8').replace(/^[^\n]*\n/, '')}\0`);
    }
  };
  walk(dir);
  return h.digest('hex');
}

function failuresOf(result: CheckResult, locate: (file: string) => { project: MatrixProject; file?: string } | undefined, fallback: MatrixProject): CheckFailure[] {
  return result.diagnostics.map((d: Diagnostic) => {
    const at = locate(d.file);
    return {
      project: at?.project ?? fallback,
      file: at?.file,
      line: d.line || undefined,
      column: d.column || undefined,
      message: `${d.tool}: ${d.severity}: ${d.message}`,
    };
  });
}

function unitAllowances(projects: MatrixProject[]) {
  return [...ALWAYS_ALLOWED, ...(projects.some((p) => !p.model.desktop.autostart && !p.model.desktop.keepAlive) ? [ON_DEMAND_AGENT] : [])];
}

/** One crate with every runner of `projects` (identical copies once), checked with checkRust. */
async function rustHarness(projects: MatrixProject[], name: string, test: boolean): Promise<{ rows: MatrixProject[]; failures: CheckFailure[]; work: string }> {
  const rows: Array<{ project: MatrixProject; moduleDir: string }> = [];
  const seen = new Set<string>();
  for (const project of projects) {
    const moduleDir = moduleDirOf(project, RUST_RUNNER)!;
    const hash = folderHash(join(project.root, moduleDir, 'tauri', 'src', 'runner'));
    if (seen.has(hash)) continue;
    seen.add(hash);
    rows.push({ project, moduleDir });
  }
  const work = mkdtempSync(join(tmpdir(), `bg-matrix-${name}-`));
  writeRustHarness(
    join(work, 'crate'),
    `bg-matrix-${name}`,
    rows.map((r) => ({ runnerDir: join(r.project.root, r.moduleDir, 'tauri', 'src', 'runner'), serviceFile: join(r.project.root, r.moduleDir, 'tauri', 'src', 'my_service.rs') })),
  );
  const result = await checkRust(join(work, 'crate'), { test });
  const locate = (file: string) => {
    const project = projects.find((p) => file.startsWith(p.root + sep));
    return project ? { project, file: relative(project.root, file) } : undefined;
  };
  return { rows: rows.map((r) => r.project), failures: failuresOf(result, locate, rows[0]!.project), work };
}

const rustCompiles: MatrixCheck = {
  name: 'desktop (Rust): every runner compiles without warnings and is rustfmt-clean (cargo check --all-targets, one crate)',
  applies: (p) => moduleDirOf(p, RUST_RUNNER) !== undefined,
  async run(projects) {
    return projects.length ? (await rustHarness(projects, 'desktop-rust-check', false)).failures : [];
  },
};

/**
 * The rows made for the desktop (`desktop-*`) run their runners' own tests:
 * between them they cover every unit option; the other rows differ only in
 * their types, which the compile check above covers (cargo test of every row
 * would cost minutes of CI for the same runtime code).
 */
const rustTests: MatrixCheck = {
  name: "desktop (Rust): the desktop rows' runners pass their own tests (lifecycle, stop reasons, generations, frames, two processes over IPC); install-time units verify and pass bg-doctor",
  applies: (p) => p.row.startsWith('desktop-') && moduleDirOf(p, RUST_RUNNER) !== undefined,
  async run(projects) {
    if (projects.length === 0) return [];
    const units = join(mkdtempSync(join(tmpdir(), 'bg-matrix-desktop-units-')), 'units');
    process.env.BG_SERVICE_UNIT_EXES = JSON.stringify([process.execPath]);
    process.env.BG_SERVICE_UNIT_OUT = units;
    const { rows, failures } = await rustHarness(projects, 'desktop-rust-test', true);
    if (failures.length) return failures;
    for (const project of rows) {
      for (const problem of await checkRenderedUnits(join(units, '0'), labelOf(project), [process.execPath], project.model.desktop)) failures.push({ project, message: problem });
    }
    for (const problem of await doctorProblems(units, unitAllowances(rows))) failures.push({ project: rows[0]!, message: problem });
    return failures;
  },
};

/** The OS-service label the runner was generated with (its identity constant). */
function labelOf(project: MatrixProject): string {
  const moduleDir = moduleDirOf(project, RUST_RUNNER) ?? moduleDirOf(project, NODE_RUNNER)!;
  const rustMod = join(project.root, moduleDir, 'tauri', 'src', 'runner', 'mod.rs');
  const nodeIdentity = join(project.root, moduleDir, 'node', 'runner', 'identity.ts');
  const text = moduleDirOf(project, RUST_RUNNER) !== undefined ? readFileSync(rustMod, 'utf8') : readFileSync(nodeIdentity, 'utf8');
  const m = /LABEL(?::\s*&str)?\s*=\s*["']([^"']+)["']/.exec(text);
  if (!m) throw new Error(`no LABEL in the runner of ${project.row}`);
  return m[1]!;
}

const node: MatrixCheck = {
  name: 'desktop (Node): every runner type-checks (one strict tsc run) and builds; install-time units from its own code verify and pass bg-doctor',
  applies: (p) => moduleDirOf(p, NODE_RUNNER) !== undefined,
  async run(projects) {
    if (projects.length === 0) return [];
    const work = mkdtempSync(join(tmpdir(), 'bg-matrix-desktop-node-'));
    const copies = projects.map((project, i) => {
      const moduleDir = moduleDirOf(project, NODE_RUNNER)!;
      const copy = join(work, 'src', `p${i}`);
      for (const sub of ['node', 'ts']) cpSync(join(project.root, moduleDir, sub), join(copy, sub), { recursive: true });
      return { project, moduleDir, copy };
    });
    const src = join(work, 'src');
    const result = await typecheckTs(src, { types: ['node'], resolution: 'bundler', compilerOptions: STRICTEST_TS });
    const locate = (file: string) => {
      const c = copies.find((x) => file.startsWith(x.copy + sep));
      return c ? { project: c.project, file: join(c.moduleDir, relative(c.copy, file)) } : undefined;
    };
    // ts/types.ts belongs to the TS types target, checked by its own rows.
    const mine = { ...result, diagnostics: result.diagnostics.filter((d) => d.file.includes(`${sep}node${sep}`)) };
    const failures = failuresOf(mine, locate, projects[0]!);
    if (failures.length) return failures;
    const out = join(work, 'out');
    await buildEsm(src, out);
    const units = join(work, 'units');
    for (const [i, c] of copies.entries()) {
      const os = (await import(pathToFileURL(join(out, `p${i}`, 'node', 'runner', 'os-service.js')).href)) as Record<string, (...a: unknown[]) => unknown>;
      const label = labelOf(c.project);
      const dir = join(units, `p${i}`);
      mkdirSync(dir, { recursive: true });
      const l = os.launch!([process.execPath, '/opt/app/main.js'], join(work, 'data'));
      writeFileSync(join(dir, `${label}.service`), os.systemdUnit!(l) as string);
      writeFileSync(join(dir, `${label}.plist`), os.launchdPlist!(l, join(work, 'data', 'logs', `${label}.log`)) as string);
      writeFileSync(join(dir, `${label}.task.xml`), os.taskSchedulerXml!(l, 'HOST\\user') as string);
      for (const problem of await checkRenderedUnits(dir, label, [process.execPath, '/opt/app/main.js'], c.project.model.desktop)) failures.push({ project: c.project, message: problem });
    }
    for (const problem of await doctorProblems(units, unitAllowances(projects))) failures.push({ project: projects[0]!, message: problem });
    return failures;
  },
};

export const desktopChecks: MatrixCheck[] = [rustCompiles, rustTests, node];
