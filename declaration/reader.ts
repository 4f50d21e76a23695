/**
 * The declaration reader's public API. Cheap to import: ts-morph (and with it
 * TypeScript) is loaded only when a declaration is actually read, so commands
 * that never read one (`--help`, `bg-doctor`) do not pay for it.
 *
 *     const files = await findDeclarations(projectDir);
 *     const result = await readDeclarations(files);
 *     if (!result.ok) { process.stderr.write(formatDiagnostics(result.diagnostics, …)); process.exit(1); }
 */
import type { DeclarationDiagnostic, ServiceModel } from './model.js';

export { findDeclarations, SKIPPED_DIRECTORIES } from './find.js';
export type { DeclarationDiagnostic, ServiceModel } from './model.js';

export type ReadResult = { ok: true; model: ServiceModel } | { ok: false; diagnostics: DeclarationDiagnostic[] };
export type ReadManyResult =
  /** `inputs`: every file the read parsed (declarations and their imports), absolute. */
  | { ok: true; models: ServiceModel[]; inputs: string[] }
  | { ok: false; diagnostics: DeclarationDiagnostic[] };

/**
 * Read declarations (statically: never imported or run) into validated
 * models, checking each file and the problems between them (one identifier
 * or one name used twice). Diagnostics are sorted by file, line, column.
 * Models are returned only when there is no diagnostic at all.
 * `options.sources` gives texts (by absolute path) to read instead of the disk's.
 */
export async function readDeclarations(
  files: readonly string[],
  options: { sources?: ReadonlyMap<string, string> } = {},
): Promise<ReadManyResult> {
  const { readFiles } = await import('./read-files.js');
  const { models, diagnostics, inputs } = readFiles(files, options.sources);
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, models, inputs };
}

/** Read one declaration file. */
export async function readDeclaration(file: string): Promise<ReadResult> {
  const result = await readDeclarations([file]);
  if (!result.ok) return result;
  const model = result.models[0];
  if (!model) throw new Error(`bg-service: reading ${file} gave no model and no diagnostic`);
  return { ok: true, model };
}
