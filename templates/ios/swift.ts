/**
 * Swift spellings of model types and names, for the iOS templates. Every
 * user string reaches Swift through `swiftString` or `swiftDoc`; names are
 * checked by the reader (valid, not reserved — except enum values, which may
 * be keywords), and backticked here when they are keywords, so the output
 * always parses.
 */
import type { CommandDecl, Field, StructType, TypeRef } from '../../declaration/model.js';
import { nameForms } from '../../declaration/naming.js';
import { docCommentText, swiftCaseName, swiftIdentifier, swiftString } from '../../escape/index.js';

/** `name` usable as a Swift identifier (backticked when it is a keyword). */
export function swiftName(name: string): string {
  return swiftIdentifier(name);
}

export function swiftType(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return 'String';
    case 'number':
      return 'Double';
    case 'integer':
      return 'Int';
    case 'boolean':
      return 'Bool';
    case 'array':
      return `[${swiftType(t.element)}]`;
    case 'record':
      return `[String: ${swiftType(t.value)}]`;
    case 'named':
      return swiftName(t.name);
  }
}

/** `/// …` lines (indented, each ending in a newline) for an optional doc string, or ''. */
export function swiftDoc(doc: string | undefined, indent = ''): string {
  if (!doc) return '';
  return docCommentText(doc)
    .split('\n')
    .map((l) => `${indent}///${l ? ` ${l}` : ''}\n`)
    .join('');
}

/**
 * The Swift case name of a string-literal enum value (`'edited-on-both-sides'` → `editedOnBothSides`,
 * `'default'` → `` `default` ``, `'self'` → `self_`); the raw value written beside it keeps the wire value.
 */
export function enumCase(value: string): string {
  return swiftCaseName(nameForms(value).camel);
}

/** A field's declared type, optional when the field is. */
export function fieldType(f: Field): string {
  return `${swiftType(f.type)}${f.optional ? '?' : ''}`;
}

/** The parameter list of a struct's memberwise `public init` (optional fields default to nil). */
export function initParams(s: StructType): string {
  return s.fields.map((f) => `${swiftName(f.name)}: ${fieldType(f)}${f.optional ? ' = nil' : ''}`).join(', ');
}

/** A command's method in the Work protocol and the implementation: `name(_ input: In, context: …) async throws -> Out`. */
export function workMethod(c: CommandDecl, pascal: string): string {
  const input = c.input ? `_ input: ${swiftType(c.input)}, ` : '';
  const output = c.output ? ` -> ${swiftType(c.output)}` : '';
  return `${swiftName(c.name)}(${input}context: ${pascal}Context) async throws${output}`;
}

export interface SwiftHelpers {
  swiftName: typeof swiftName;
  swiftType: typeof swiftType;
  swiftDoc: typeof swiftDoc;
  swiftString: typeof swiftString;
  enumCase: typeof enumCase;
  fieldType: typeof fieldType;
  initParams: typeof initParams;
  workMethod: typeof workMethod;
}

export const swiftHelpers: SwiftHelpers = { swiftName, swiftType, swiftDoc, swiftString, enumCase, fieldType, initParams, workMethod };
