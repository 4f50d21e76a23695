/**
 * Test helpers of the host targets: sample Tauri and Capacitor apps made from
 * templates/hosts/fixtures (minimal, realistic files as `create-tauri-app` and
 * `npx cap add` write them), generation into them with every target, the
 * host plugins' Kotlin compiled with their host's Android library, and
 * bg-doctor over an app.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeclarations } from '../../../declaration/reader.js';
import type { ServiceModel } from '../../../declaration/model.js';
import { applyChanges, planGeneration, type GenerationResult } from '../../../generator/engine.js';
import { detectHost, type HostProject } from '../../../generator/host.js';
import { targets } from '../../../generator/targets.js';
import { binPath, sourcePath } from '../../../lib/paths.js';
import { compileKotlin, type CheckResult } from '../../../toolchains/index.js';
import { installed } from '../../../toolchains/manifest.js';

export const FIXTURES = sourcePath('templates', 'hosts', 'fixtures');
export const DECLARATION = join(FIXTURES, 'decl', 'notes-sync.bg.ts');

export interface SampleApp {
  root: string;
  host: HostProject;
  /** The declaration inside the app (services/notes-sync.bg.ts). */
  declaration: string;
}

/** A sample app of `kind` in a fresh temp folder, with the fixture declaration in `services/`. */
export function sampleApp(kind: 'tauri' | 'capacitor', declaration = DECLARATION): SampleApp {
  const root = mkdtempSync(join(tmpdir(), `bg-hosts-${kind}-`));
  cpSync(join(FIXTURES, `${kind}-app`), root, { recursive: true });
  mkdirSync(join(root, 'services'));
  const target = join(root, 'services', 'notes-sync.bg.ts');
  cpSync(declaration, target);
  return { root, host: detectHost(root), declaration: target };
}

export async function readModels(files: string[]): Promise<ServiceModel[]> {
  const read = await readDeclarations(files);
  if (!read.ok) throw new Error(`the fixture declaration does not read: ${JSON.stringify(read.diagnostics)}`);
  return read.models;
}

/** Plan (and write, unless `dryRun`) a generation with every target, as `bg-service generate` does. */
export function generate(app: SampleApp, models: ServiceModel[], opts: { dryRun?: boolean } = {}): GenerationResult {
  const result = planGeneration({ host: detectHost(app.root), models, targets, pruneMissingServices: true });
  if (result.errors.length || result.conflicts.length) {
    throw new Error(`generation failed: ${JSON.stringify({ errors: result.errors, conflicts: result.conflicts })}`);
  }
  if (!opts.dryRun) applyChanges(app.root, result.changes);
  return result;
}

/** Every file under `dir` (absolute paths) whose name ends with one of `ext`. */
export function filesUnder(dir: string, ext: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (ext.some((e) => name.endsWith(e))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Compile a host plugin's Android sources (the plugin class, the bridge and
 * the service's code) together with the host's Android library: Tauri's
 * Kotlin sources are compiled with them; Capacitor's Java sources are read by
 * kotlinc for their declarations (what the Kotlin is checked against), as a
 * mixed Kotlin/Java module compiles. Warnings in our files fail; warnings in
 * the host library's own sources (deprecations there) are kept in `allowed`.
 */
export async function compileHostKotlin(host: 'tauri' | 'capacitor', javaDirs: readonly string[]): Promise<CheckResult & { ours: string[] }> {
  const lib = installed('android-hosts', (e) => [e.tauriSources, e.capacitorSources, ...e.classpath]);
  const libraryDir = host === 'tauri' ? lib.tauriSources : lib.capacitorSources;
  const ours = javaDirs.flatMap((d) => filesUnder(d, ['.kt']));
  const library = filesUnder(libraryDir, ['.kt', '.java']);
  const result = await compileKotlin([...library, ...ours], { classpath: lib.classpath, werror: false });
  const inOurs = (f: string) => !f.startsWith(libraryDir);
  const ourWarnings = result.allowed.filter((a) => inOurs(a.diagnostic.file)).map((a) => a.diagnostic);
  return { ...result, ok: result.ok && ourWarnings.length === 0, diagnostics: [...result.diagnostics, ...ourWarnings], ours };
}

export interface DoctorFinding {
  ruleId: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
}

/** `bg-doctor validate --format json` over an app (the real executable). */
export function doctor(root: string): { code: number | null; findings: DoctorFinding[]; raw: string } {
  const r = spawnSync(process.execPath, [binPath('bg-doctor'), 'validate', root, '--format', 'json'], { encoding: 'utf8' });
  let findings: DoctorFinding[] = [];
  try {
    const json = JSON.parse(r.stdout) as { apps: Array<{ findings: DoctorFinding[] }> };
    findings = json.apps.flatMap((a) => a.findings);
  } catch {
    throw new Error(`bg-doctor did not print JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.status, findings, raw: r.stdout };
}

/** The content of an app file. */
export function read(app: SampleApp, path: string): string {
  return readFileSync(join(app.root, path), 'utf8');
}

/**
 * A fresh sample app of `kind` with the fixture declaration, generated unless
 * `generate: false` (then `body` generates itself); removed afterwards.
 */
export async function withApp(
  kind: 'tauri' | 'capacitor',
  body: (app: SampleApp, model: ServiceModel) => Promise<void> | void,
  opts: { generate?: boolean } = {},
): Promise<void> {
  const [read] = await readModels([DECLARATION]);
  const app = sampleApp(kind);
  const model = { ...read!, sourceFile: app.declaration };
  try {
    if (opts.generate ?? true) generate(app, [model]);
    await body(app, model);
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
}

/** bg-doctor over the app reports nothing (no error, warning or info) and exits 0. */
export function assertDoctorClean(app: SampleApp): void {
  const r = doctor(app.root);
  assert.deepEqual(r.findings, [], r.raw);
  assert.equal(r.code, 0, r.raw);
}
