/**
 * One crate that compiles many generated Rust runners at once, each exactly
 * as it sits in its plugin crate (`#[path]` modules pointing at the generated
 * files, `my_service` beside `runner`), with the dependency set the toolchain
 * cache pre-built. One `checkRust` over it proves every runner: cargo check
 * with no warnings, cargo test (the runners' own generated tests, including
 * the two-process IPC round trip), rustfmt --check of every generated file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rustString } from '../../../escape/index.js';
import { installed } from '../../../toolchains/manifest.js';

export interface HarnessRow {
  /** Absolute path of the generated `src/runner` folder. */
  runnerDir: string;
  /** Absolute path of the generated `src/my_service.rs`. */
  serviceFile: string;
}

/** Write the crate (Cargo.toml, src/lib.rs) into `crateDir`. */
export function writeRustHarness(crateDir: string, packageName: string, rows: readonly HarnessRow[]): void {
  const rust = installed('rust', (e) => [e.targetDir]);
  mkdirSync(join(crateDir, 'src'), { recursive: true });
  writeFileSync(
    join(crateDir, 'Cargo.toml'),
    `[package]\nname = "${packageName}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n${rust.dependencies}\n`,
  );
  const mods = rows.map(
    (row, i) =>
      `pub mod row_${i} {\n` +
      `    #[path = ${rustString(row.serviceFile)}]\n    pub mod my_service;\n` +
      `    #[path = ${rustString(join(row.runnerDir, 'mod.rs'))}]\n    pub mod runner;\n}\n`,
  );
  writeFileSync(join(crateDir, 'src', 'lib.rs'), `//! Generated runners under test, one module each.\n\n${mods.join('\n')}`);
}
