/**
 * Rust spellings of the model's types for the desktop runner: structs and
 * enums with serde attributes whose wire names are exactly the TS names.
 *
 * Field names are the reader's snake_case form (checked against Rust's
 * keywords there). Structs carry `#[serde(rename_all = "camelCase")]`; a
 * field whose TS name is not what serde's camelCase makes of the snake form
 * (`fooURL` → `foo_url` → `fooUrl`) gets its own `#[serde(rename = "…")]`.
 */
import type { Field, ServiceModel, TypeRef } from '../../declaration/model.js';
import { pascalCase, snakeCase } from '../../declaration/naming.js';
import { rustIdentifier, rustString } from '../../escape/index.js';

/** What serde's `rename_all = "camelCase"` makes of a snake_case field (serde_derive's RenameRule: ASCII case only). */
export function serdeCamelCase(snake: string): string {
  const upper = (c: string) => (/[a-z]/.test(c) ? c.toUpperCase() : c);
  const lower = (c: string) => (/[A-Z]/.test(c) ? c.toLowerCase() : c);
  let pascal = '';
  let capitalize = true;
  for (const ch of snake) {
    if (ch === '_') capitalize = true;
    else {
      pascal += capitalize ? upper(ch) : ch;
      capitalize = false;
    }
  }
  const [first = '', ...rest] = pascal;
  return lower(first) + rest.join('');
}

export function rustFieldName(f: Field): string {
  return snakeCase(f.name);
}

/** `#[serde(rename = "…")]` when camelCase of the Rust name is not the TS name, else ''. */
export function fieldRename(f: Field): string {
  return serdeCamelCase(rustFieldName(f)) === f.name ? '' : `#[serde(rename = ${rustString(f.name)})]`;
}

/**
 * The Rust variant for a string-literal enum value (`'in-progress'` → `InProgress`, `'self'` → `Self_`:
 * `Self` is a keyword no raw identifier can spell). Every variant carries `#[serde(rename = "<value>")]`,
 * so the wire value stays the declared string whatever the variant is called.
 */
export function enumVariant(value: string): string {
  return rustIdentifier(pascalCase(value));
}

/** Prelude and std names a declared type could shadow inside `types.rs`. */
const STD = {
  String: '::std::string::String',
  Vec: '::std::vec::Vec',
  Option: '::std::option::Option',
  BTreeMap: '::std::collections::BTreeMap',
} as const;

/**
 * Spells types for one Rust module. `named` is the prefix for declared types
 * (`types::` outside `types.rs`). Inside `types.rs` a declared type may be
 * called `String` or `Option`; std names are then written in full.
 */
export class RustTypes {
  private readonly shadowed: Set<string>;

  constructor(
    model: ServiceModel,
    private readonly named: string,
  ) {
    this.shadowed = named === '' ? new Set(model.types.map((t) => t.name)) : new Set();
  }

  std(name: keyof typeof STD): string {
    return this.shadowed.has(name) ? STD[name] : name === 'BTreeMap' ? 'std::collections::BTreeMap' : name;
  }

  type(t: TypeRef): string {
    switch (t.kind) {
      case 'string':
        return this.std('String');
      case 'number':
        return 'f64';
      case 'integer':
        return 'i64';
      case 'boolean':
        return 'bool';
      case 'array':
        return `${this.std('Vec')}<${this.type(t.element)}>`;
      case 'record':
        return `${this.std('BTreeMap')}<${this.std('String')}, ${this.type(t.value)}>`;
      case 'named':
        return `${this.named}${t.name}`;
    }
  }

  field(f: Field): string {
    const inner = this.type(f.type);
    return f.optional ? `${this.std('Option')}<${inner}>` : inner;
  }
}
