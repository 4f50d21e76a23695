/**
 * Collecting located diagnostics while reading a declaration. Every check
 * reports here and carries on, so one run shows every problem at once.
 */
import type { Node, SourceFile } from 'ts-morph';
import type { DiagnosticCode } from './codes.js';
import type { DeclarationDiagnostic, SourceLoc } from './model.js';

export class Reporter {
  readonly diagnostics: DeclarationDiagnostic[] = [];

  /** Report at a node: its start, underlining its first line. */
  at(node: Node, code: DiagnosticCode, message: string, hint?: string): void {
    this.push(code, message, hint, locOf(node), spanLength(node));
  }

  /** Report at an explicit position (e.g. a TypeScript syntax diagnostic). */
  push(code: DiagnosticCode, message: string, hint: string | undefined, loc: SourceLoc, length?: number): void {
    const d: DeclarationDiagnostic = { code, message, loc };
    if (hint !== undefined) d.hint = hint;
    if (length !== undefined) d.length = length;
    this.diagnostics.push(d);
  }

  get count(): number {
    return this.diagnostics.length;
  }
}

/** 1-based line and column of a node's first token. */
export function locOf(node: Node): SourceLoc {
  const sf: SourceFile = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  return { file: sf.getFilePath(), line, column };
}

/** The node's width, cut at the end of its first line. */
function spanLength(node: Node): number {
  const text = node.getText();
  const nl = text.search(/\r|\n/);
  return Math.max(1, nl === -1 ? text.length : nl);
}

/**
 * A user-written string, quoted for a message: control characters and
 * quotes escaped so a hostile value cannot break the terminal or the line.
 */
export function quote(value: string): string {
  const json = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  // JSON leaves bidi controls and other invisible format characters as they are.
  return `'${json.replace(/[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** Stable order for output: by file, line, column. */
export function sortDiagnostics(list: DeclarationDiagnostic[]): DeclarationDiagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : 0) ||
      a.loc.line - b.loc.line ||
      a.loc.column - b.loc.column,
  );
}

/** Where `other` is, as seen from `from`: `line:col`, with the file when it differs. */
export function whereIs(other: Node, from: Node): string {
  const loc = locOf(other);
  const sameFile = other.getSourceFile() === from.getSourceFile();
  return sameFile ? `${loc.line}:${loc.column}` : `${loc.file}:${loc.line}:${loc.column}`;
}
