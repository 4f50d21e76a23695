/**
 * The toolchain warm-up builds what generated Tauri plugin crates depend on,
 * so the matrix's cargo workspace (e2e/checks/tauri.ts) reuses every shared
 * artifact. That holds only while the warm-up's plugin members depend on
 * exactly the crates, versions and features the template writes: cargo
 * unifies features over a build, and one feature more or less rebuilds tauri
 * and everything above it. This generates the plugin crate of every matrix
 * row with the Tauri host and fails when its dependency tables are not one
 * of the warm-up members' (toolchains/cargo-warmup/plugin-*), or when a
 * member matches no generated crate any more.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { readDeclarations } from '../../declaration/reader.js';
import { planGeneration } from '../../generator/engine.js';
import { targets } from '../../generator/targets.js';
import { sourcePath } from '../../lib/paths.js';
import { parseToml } from '../../validators/project/tauri.js';
import { createProject, relocateModel } from '../../e2e/projects.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One dependency as cargo reads it for feature resolution: version requirement, default features, features. */
function dependency(spec: unknown): string {
  const t = typeof spec === 'string' ? { version: spec } : isTable(spec) ? spec : {};
  const features = Array.isArray(t.features) ? [...(t.features as string[])].sort() : [];
  const keys = Object.keys(t).filter((k) => !['version', 'features', 'default-features'].includes(k));
  return JSON.stringify({ version: t.version, default: t['default-features'] !== false, features, other: keys.sort() });
}

/** Every dependency table of a manifest (`dependencies`, `dev-dependencies`, `build-dependencies`, per-target ones), normalised. */
function dependencyTables(cargoToml: string): Record<string, Record<string, string>> {
  const doc = parseToml(cargoToml).value as Table;
  const out: Record<string, Record<string, string>> = {};
  const add = (name: string, table: unknown) => {
    if (!isTable(table)) return;
    out[name] = Object.fromEntries(Object.entries(table).map(([dep, spec]) => [dep, dependency(spec)]).sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
  };
  for (const kind of ['dependencies', 'dev-dependencies', 'build-dependencies']) add(kind, doc[kind]);
  if (isTable(doc.target)) for (const [cfg, t] of Object.entries(doc.target)) if (isTable(t)) for (const kind of ['dependencies', 'dev-dependencies', 'build-dependencies']) add(`target.${cfg}.${kind}`, t[kind]);
  return out;
}

const WARMUP = sourcePath('toolchains', 'cargo-warmup');
const members = readdirSync(WARMUP)
  .filter((d) => d.startsWith('plugin-'))
  .sort()
  .map((d) => ({ name: d, tables: dependencyTables(readFileSync(join(WARMUP, d, 'Cargo.toml'), 'utf8')) }));

const work = mkdtempSync(join(tmpdir(), 'bg-cargo-warmup-'));
after(() => rmSync(work, { recursive: true, force: true }));

test("every generated Tauri plugin crate depends on exactly one warm-up member's crates and features, and every member is used", async () => {
  const rowsDir = sourcePath('e2e', 'matrix');
  const rows = readdirSync(rowsDir).filter((f) => f.endsWith('.bg.ts')).sort();
  const read = await readDeclarations(rows.map((r) => join(rowsDir, r)));
  assert.ok(read.ok, 'the matrix rows read');
  if (!read.ok) return;
  assert.ok(members.length >= 3, `warm-up plugin members: ${members.map((m) => m.name).join(', ')}`);
  const used = new Set<string>();
  const unmatched: string[] = [];
  let crates = 0;
  for (const model of read.models.filter((m) => m.hosts.includes('tauri'))) {
    const row = basename(model.sourceFile, '.bg.ts');
    const { host, declaration } = createProject('tauri', join(work, row), model.sourceFile);
    const plan = planGeneration({ host, models: [relocateModel(model, declaration)], targets, pruneMissingServices: true });
    assert.deepEqual(plan.errors, [], row);
    const cargo = plan.changes.find((c) => c.path.endsWith('/tauri/Cargo.toml'));
    assert.ok(cargo?.after, `${row}: no plugin Cargo.toml was generated`);
    crates++;
    const tables = dependencyTables(cargo.after);
    const match = members.find((m) => JSON.stringify(m.tables) === JSON.stringify(tables));
    if (match) used.add(match.name);
    else unmatched.push(`${row}: ${JSON.stringify(tables, null, 1)}`);
  }
  assert.ok(crates >= 10, `only ${crates} Tauri rows`);
  assert.deepEqual(unmatched, [], 'generated plugin crates whose dependencies no warm-up member has (copy their tables into a toolchains/cargo-warmup/plugin-* member)');
  assert.deepEqual(members.map((m) => m.name).filter((n) => !used.has(n)), [], 'warm-up members no generated crate matches any more');
});

test('scripts/toolchains.mjs builds every plugin member in one cargo invocation, as the matrix checks every crate in one workspace', () => {
  const script = readFileSync(sourcePath('scripts', 'toolchains.mjs'), 'utf8');
  const set = /name: 'generated plugin crates', packages: \[([^\]]*)\]/.exec(script);
  assert.ok(set, 'the generated plugin crates set in WARMUP_SETS');
  const packages = [...set[1]!.matchAll(/'(warmup-plugin-[a-z-]+)'/g)].map((m) => m[1]).sort();
  const names = members.map((m) => /^name = "([^"]+)"/m.exec(readFileSync(join(WARMUP, m.name, 'Cargo.toml'), 'utf8'))?.[1]).sort();
  assert.deepEqual(packages, names);
});
