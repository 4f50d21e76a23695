/**
 * Reading declaration files into models: the heavy half of the reader,
 * loaded by reader.ts only when a declaration is actually read (it pulls in
 * ts-morph and TypeScript). One project serves all files of one run, and is
 * reused by the next run in the same process (see reusedProject).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import { Node, ts } from './ts-morph.js';
import { findDefineCall } from './call.js';
import { Code } from './codes.js';
import { checkAcrossFiles, type ReadService } from './crossfile.js';
import { applyDefaults } from './defaults.js';
import type { ServiceOptions } from './define.js';
import { readLiteral } from './literal.js';
import type { DeclarationDiagnostic, ServiceModel } from './model.js';
import { checkOptions } from './options.js';
import { createProject, isLibFile, isPackageFile } from './project.js';
import { locOf, Reporter, sortDiagnostics } from './report.js';
import { checkRules } from './rules.js';
import { TypeResolver } from './types.js';

export interface FilesResult {
  models: ServiceModel[];
  diagnostics: DeclarationDiagnostic[];
  /** Every file the read parsed: the declarations and what they import (absolute paths, sorted). */
  inputs: string[];
}

/**
 * `sources` holds texts to read instead of the disk's, by absolute path, so a
 * declaration can be checked before it is written (create-bg-service).
 */
export function readFiles(files: readonly string[], sources?: ReadonlyMap<string, string>): FilesResult {
  const project = reusedProject();
  const report = new Reporter();
  const loaded: SourceFile[] = [];
  for (const file of files) {
    const path = resolve(file);
    let text: string;
    try {
      text = sources?.get(path) ?? readFileSync(path, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message;
      report.push(Code.fileUnreadable, `cannot read the declaration: ${why}`, undefined, { file: path, line: 1, column: 1 });
      continue;
    }
    loaded.push(project.createSourceFile(path, text, { overwrite: true }));
  }
  const services: ReadService[] = [];
  for (const sf of loaded) {
    const own = new Reporter();
    const service = readOne(project, sf, own);
    report.diagnostics.push(...own.diagnostics);
    if (service && own.count === 0) services.push(service);
  }
  checkAcrossFiles(services, report);
  const diagnostics = sortDiagnostics(dedupe(report.diagnostics));
  const program = project.getProgram().compilerObject;
  const inputs = program
    .getSourceFiles()
    .filter((f) => !program.isSourceFileDefaultLibrary(f))
    .map((f) => project.getSourceFile(f.fileName))
    .filter((f): f is SourceFile => f !== undefined && !isPackageFile(f))
    .map((f) => resolve(f.getFilePath()))
    .sort();
  return { models: diagnostics.length ? [] : services.map((s) => s.model), diagnostics, inputs };
}

/**
 * One project per process, reused by every call: TypeScript's default library
 * and the package's define module are parsed and bound once, not per call (a
 * monorepo's drift check reads hundreds of declarations, `generate --watch`
 * re-reads on every save: ~60 ms saved per read). Every other file — the
 * declarations and whatever they import — is forgotten first, so each call
 * reads them afresh from disk (or from `sources`).
 */
let shared: Project | undefined;

function reusedProject(): Project {
  if (!shared) return (shared = createProject());
  const project = shared;
  const program = project.getProgram().compilerObject;
  for (const f of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(f)) continue;
    const sf = project.getSourceFile(f.fileName);
    if (sf && !isPackageFile(sf)) sf.forget();
  }
  for (const sf of project.getSourceFiles()) if (!isPackageFile(sf)) sf.forget();
  return project;
}

function readOne(project: Project, sf: SourceFile, report: Reporter): ReadService | undefined {
  const syntaxReported = new Set<SourceFile>();
  const before = report.count;
  reportSyntax(project, sf, report, syntaxReported);
  const brokenSyntax = report.count > before;
  const call = findDefineCall(sf, report, brokenSyntax);
  if (!call) return undefined;

  const args = call.getArguments();
  let optionsNode: Node | undefined = args[0];
  while (optionsNode && Node.isParenthesizedExpression(optionsNode)) optionsNode = optionsNode.getExpression();
  if (args.length !== 1 || !optionsNode || !Node.isObjectLiteralExpression(optionsNode)) {
    const at = args.length > 1 ? args[1]! : (optionsNode ?? call);
    const message = args.length === 0 ? 'defineService needs its options object' : args.length > 1 ? `defineService takes one argument, not ${args.length}` : 'the argument of defineService must be an object literal `{ … }`';
    report.at(at, Code.badArguments, message, 'the options are read from the file, never run: write them inline as `defineService({ name: …, kind: …, hosts: […] })`');
    return undefined;
  }
  const typeArgs = call.getTypeArguments();
  if (typeArgs.length > 2) {
    report.at(typeArgs[2]!, Code.typeArguments, `defineService takes at most two type arguments, not ${typeArgs.length}`, 'defineService<Events, Commands>({ … })');
  }

  const checked = checkOptions(readLiteral(optionsNode), report);
  checkRules(checked, report);

  const resolver = new TypeResolver({
    report,
    checker: project.getTypeChecker(),
    isLibFile: (f) => isLibFile(project, f),
    isPackageFile,
  });
  const events = typeArgs[0] ? resolver.events(typeArgs[0]) : [];
  const commands = typeArgs[1] ? resolver.commands(typeArgs[1]) : [];
  for (const file of resolver.files) reportSyntax(project, file, report, syntaxReported);

  if (report.count > 0) return undefined;
  const nameNode = checked.valueNode('name')!;
  const identifierNode = checked.valueNode('identifier');
  const model: ServiceModel = {
    sourceFile: sf.getFilePath(),
    ...applyDefaults(checked.value as unknown as ServiceOptions),
    types: resolver.types,
    events,
    commands,
    loc: locOf(call),
  };
  return { model, nameNode, ...(identifierNode ? { identifierNode } : {}) };
}

/**
 * TypeScript's own syntax errors, once per file, located. Only the first on
 * each line: the parser's recovery often adds several more there that say
 * nothing new.
 */
function reportSyntax(project: Project, sf: SourceFile, report: Reporter, done: Set<SourceFile>): void {
  if (done.has(sf) || isLibFile(project, sf) || isPackageFile(sf)) return;
  done.add(sf);
  const lines = new Set<number>();
  for (const d of project.getProgram().compilerObject.getSyntacticDiagnostics(sf.compilerNode)) {
    const start = d.start ?? 0;
    const { line, column } = sf.getLineAndColumnAtPos(start);
    if (lines.has(line)) continue;
    lines.add(line);
    report.push(Code.syntax, ts.flattenDiagnosticMessageText(d.messageText, '\n'), undefined, { file: sf.getFilePath(), line, column }, Math.max(1, d.length ?? 1));
  }
}

/** The same problem reached twice (a type used by two events) is said once. */
function dedupe(list: DeclarationDiagnostic[]): DeclarationDiagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.loc.file}:${d.loc.line}:${d.loc.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
