/** TypeScript spellings of model types, for the TS templates. */
import type { NamedType, ServiceModel, TypeRef } from '../../declaration/model.js';
import { docCommentText, tsString } from '../../escape/index.js';

export function tsType(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const inner = tsType(t.element);
      return /[|&]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
    }
    case 'record':
      return `Record<string, ${tsType(t.value)}>`;
    case 'named':
      return t.name;
  }
}

/** `'a' | 'b'` for an enum's values. */
export function tsUnion(values: string[]): string {
  return values.map((v) => tsString(v)).join(' | ');
}

/** A JSDoc block (indented) for an optional doc string, or ''. */
export function tsDoc(doc: string | undefined, indent = ''): string {
  if (!doc) return '';
  const lines = docCommentText(doc).split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** Text for a one-line doc comment (`*\/` and line breaks made harmless). */
export function docText(text: string): string {
  return docCommentText(text).replace(/\s*\n\s*/g, ' ');
}

export interface TsTypeHelpers {
  tsType: typeof tsType;
  tsUnion: typeof tsUnion;
  tsDoc: typeof tsDoc;
  tsString: typeof tsString;
  docText: typeof docText;
}

export const tsHelpers: TsTypeHelpers = { tsType, tsUnion, tsDoc, tsString, docText };

/** Struct and enum declarations of a model, dependencies first. */
export function namedTypes(model: ServiceModel): NamedType[] {
  return model.types;
}
