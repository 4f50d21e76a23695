/**
 * Kotlin spellings of model types and of their JSON (de)serialisation, for
 * the Android templates. The one place that knows how a `TypeRef` looks in
 * Kotlin; the templates call these through `it.k`.
 *
 * JSON goes through `org.json` (part of the Android framework) and the small
 * `<Service>Json` helper object every service gets (`Json.kt.ejs`): the
 * expressions built here are calls of that object's functions, nested with
 * explicitly named lambda parameters (`v0`, `v1`, …) so no `it` shadows another.
 */
import type { Field, ServiceModel, TypeRef } from '../../declaration/model.js';
import { nameForms } from '../../declaration/naming.js';
import { isReservedIdentifier, kotlinIdentifier, kotlinString } from '../../escape/index.js';
import { tsDoc } from '../ts/types.js';

/** Declared type names that a scope shadows, and the package that reaches them anyway. */
export interface Shadowed {
  pkg: string;
  names: ReadonlySet<string>;
}

/**
 * The Kotlin type of `t`. Integers are `Long` (JSON numbers are 64-bit
 * doubles; Rust and Swift use i64/Int64 too). Declared types in `shadowed`
 * (e.g. a payload type named like the nested event class that carries it)
 * are written fully qualified.
 */
export function kotlinType(t: TypeRef, shadowed?: Shadowed): string {
  switch (t.kind) {
    case 'string':
      return 'String';
    case 'number':
      return 'Double';
    case 'integer':
      return 'Long';
    case 'boolean':
      return 'Boolean';
    case 'array':
      return `List<${kotlinType(t.element, shadowed)}>`;
    case 'record':
      return `Map<String, ${kotlinType(t.value, shadowed)}>`;
    case 'named':
      return shadowed?.names.has(t.name) ? `${shadowed.pkg}.${t.name}` : t.name;
  }
}

/** A field's declared type: optional fields are nullable. */
export function fieldType(f: Field): string {
  return f.optional ? `${kotlinType(f.type)}?` : kotlinType(f.type);
}

export interface JsonNames {
  /** The service's JSON helper object, e.g. `NotesSyncJson`. */
  json: string;
  /** Enum types by name (they serialise as their string value). */
  enums: ReadonlySet<string>;
}

/** `expr` (of type `t`) as a value `JSONObject.put` / `JSONArray.put` accepts. */
export function toJsonValue(t: TypeRef, expr: string, n: JsonNames, depth = 0): string {
  const v = `v${depth}`;
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return expr;
    case 'array':
      return `${n.json}.array(${expr}) { ${v} -> ${toJsonValue(t.element, v, n, depth + 1)} }`;
    case 'record':
      return `${n.json}.record(${expr}) { ${v} -> ${toJsonValue(t.value, v, n, depth + 1)} }`;
    case 'named':
      return n.enums.has(t.name) ? `${expr}.value` : `${expr}.toJson()`;
  }
}

/** A value of type `t` read from `expr` (a non-null JSON value of type `Any`). */
export function fromJsonValue(t: TypeRef, expr: string, n: JsonNames, depth = 0): string {
  const v = `v${depth}`;
  switch (t.kind) {
    case 'string':
      return `${n.json}.string(${expr})`;
    case 'number':
      return `${n.json}.double(${expr})`;
    case 'integer':
      return `${n.json}.long(${expr})`;
    case 'boolean':
      return `${n.json}.boolean(${expr})`;
    case 'array':
      return `${n.json}.list(${expr}) { ${v} -> ${fromJsonValue(t.element, v, n, depth + 1)} }`;
    case 'record':
      return `${n.json}.map(${expr}) { ${v} -> ${fromJsonValue(t.value, v, n, depth + 1)} }`;
    case 'named':
      return n.enums.has(t.name) ? `${t.name}.fromValue(${n.json}.string(${expr}))` : `${t.name}.fromJson(${n.json}.obj(${expr}))`;
  }
}

/**
 * The Kotlin name of an enum constant for a declared string value (`in-progress` → `IN_PROGRESS`),
 * escaped if it is a keyword (never, in SCREAMING_SNAKE_CASE, but the escaping lives in one place);
 * the wire value is the constant's `value`, the declared string.
 */
export function enumConstant(value: string): string {
  return kotlinIdentifier(nameForms(value).screamingSnake);
}

/** A KDoc block for `doc` (indented), or '' when there is none: written like a JSDoc block. */
export const kdoc: (doc: string | undefined, indent?: string) => string = tsDoc;

/** A package name as Kotlin source: segments that are hard keywords go in backticks. */
export function kotlinPackage(pkg: string): string {
  return pkg
    .split('.')
    .map((seg) => (isReservedIdentifier('kotlin', seg) ? `\`${seg}\`` : seg))
    .join('.');
}

/** What the templates need to spell types, bound to one service. */
export interface KotlinHelpers {
  type: typeof kotlinType;
  fieldType: typeof fieldType;
  toJson(t: TypeRef, expr: string): string;
  fromJson(t: TypeRef, expr: string): string;
  enumConstant: typeof enumConstant;
  kdoc: typeof kdoc;
  str: typeof kotlinString;
}

export function kotlinHelpers(model: ServiceModel, jsonObject: string): KotlinHelpers {
  const names: JsonNames = { json: jsonObject, enums: new Set(model.types.filter((t) => t.kind === 'enum').map((t) => t.name)) };
  return {
    type: kotlinType,
    fieldType,
    toJson: (t, expr) => toJsonValue(t, expr, names),
    fromJson: (t, expr) => fromJsonValue(t, expr, names),
    enumConstant,
    kdoc,
    str: kotlinString,
  };
}
