/**
 * Event and command types → model types. Walks the type *nodes* the user
 * wrote (so every error points at the exact spot), asking the type checker
 * only where a name leads (interfaces, aliases, imports from other files).
 *
 * Supported: string, number, Integer (from the package), boolean, optional
 * fields (`?` or `| undefined`), arrays (`T[]`, `Array<T>`, `readonly T[]`,
 * `ReadonlyArray<T>`), object literals and interfaces, string-literal unions
 * (enums), `Record<string, T>`. Everything else is reported by name.
 */
import type { SourceFile, TypeChecker, TypeElementTypes, TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { Code } from './codes.js';
import type { CommandDecl, EnumType, EventDecl, Field, NamedType, StructType, TypeRef } from './model.js';
import { checkCollisions, checkName, type NamedItem } from './names.js';
import { nameForms, pascalCase } from './naming.js';
import { locOf, quote, type Reporter } from './report.js';

export interface TypeEnvironment {
  report: Reporter;
  checker: TypeChecker;
  /** Is this file one of TypeScript's default libraries (Array, Record, Date …)? */
  isLibFile(sf: SourceFile): boolean;
  /** Is this the package's own define module (where `Integer` comes from)? */
  isPackageFile(sf: SourceFile): boolean;
}

interface Resolved {
  ref: TypeRef;
  /** The type included `undefined` (only allowed for fields). */
  optional: boolean;
}

/** Keywords that are never data, with what to write instead. */
const KEYWORD_HINTS: Partial<Record<SyntaxKind, [string, string]>> = {
  [SyntaxKind.AnyKeyword]: ['any', 'name the shape of the data: an interface, string, number, …'],
  [SyntaxKind.UnknownKeyword]: ['unknown', 'name the shape of the data: an interface, string, number, …'],
  [SyntaxKind.NeverKeyword]: ['never', 'a value of type never cannot exist; remove the field'],
  [SyntaxKind.ObjectKeyword]: ['object', 'declare an interface with the fields, or use Record<string, T>'],
  [SyntaxKind.BigIntKeyword]: ['bigint', 'use number, or Integer for whole numbers (64-bit in Kotlin, Swift and Rust)'],
  [SyntaxKind.SymbolKeyword]: ['symbol', 'symbols cannot be sent between processes; use a string'],
  [SyntaxKind.NullKeyword]: ['null', 'make the field optional instead (`name?: T`)'],
  [SyntaxKind.UndefinedKeyword]: ['undefined', 'make the field optional instead (`name?: T`)'],
  [SyntaxKind.VoidKeyword]: ['void', 'void is allowed only as a command result or an event without data'],
};

/** Built-in types users reach for, with what to write instead. */
const BUILTIN_HINTS: Record<string, string> = {
  Date: 'send an ISO-8601 string or a number of milliseconds since the epoch',
  Map: 'use Record<string, T>',
  Set: 'use an array',
  Promise: 'Promise<T> is allowed only as the return type of a command',
  RegExp: 'send the pattern as a string',
  Error: 'declare an interface with the fields you need (e.g. message: string)',
  Function: 'functions cannot be sent between processes',
  Object: 'declare an interface with the fields, or use Record<string, T>',
  String: 'use the primitive string',
  Number: 'use the primitive number',
  Boolean: 'use the primitive boolean',
  WeakMap: 'use Record<string, T>',
  WeakSet: 'use an array',
  BigInt: 'use number, or Integer for whole numbers',
  Symbol: 'symbols cannot be sent between processes; use a string',
};

export class TypeResolver {
  /** Every struct and enum, dependencies first. */
  readonly types: NamedType[] = [];
  /** Files the types were read from (for their syntax errors). */
  readonly files = new Set<SourceFile>();
  private readonly byDeclaration = new Map<Node, TypeRef | undefined>();
  private readonly inProgress: { decl: Node; name: string }[] = [];
  private readonly typeNames = new Map<string, { node: Node; origin: string }>();
  private readonly byName = new Map<string, NamedType>();

  constructor(private readonly env: TypeEnvironment) {}

  private get report(): Reporter {
    return this.env.report;
  }

  // --- events and commands ------------------------------------------------------

  events(typeNode: TypeNode): EventDecl[] {
    const members = this.containerMembers(typeNode, 'events');
    if (!members) return [];
    const out: EventDecl[] = [];
    const collided = this.memberCollisions(members, 'event');
    for (const m of members) {
      if (!Node.isPropertySignature(m)) {
        this.rejectMember(m, 'event', Code.notProperty, 'declare each event as a property: `progress: { done: number }`');
        continue;
      }
      const name = this.memberName(m, 'event');
      if (name === undefined) continue;
      const nameNode = m.getNameNode();
      if (collided.has(nameNode)) continue;
      const usable = checkName(this.report, nameNode, 'event', name);
      if (m.hasQuestionToken()) {
        this.report.at(m.getQuestionTokenNodeOrThrow(), Code.optionalMethod, `event ${quote(name)} cannot be optional`, 'remove the `?`: a declared event may always be emitted');
      }
      const event: EventDecl = { name, names: nameForms(name), loc: locOf(nameNode) };
      const doc = docOf(m);
      if (doc) event.doc = doc;
      const typeNode = m.getTypeNode();
      if (!typeNode) {
        this.report.at(nameNode, Code.unsupportedType, `event ${quote(name)} has no type`, 'give its payload type: `' + name + ': { … }`, or `void` for none');
        continue;
      }
      if (unwrap(typeNode).getKind() !== SyntaxKind.VoidKeyword) {
        const payload = this.objectType(typeNode, `${pascalCase(name) || 'Unnamed'}Event`, `the payload of event ${quote(name)}`);
        if (!payload || !usable) continue;
        event.payload = payload;
      }
      out.push(event);
    }
    return out;
  }

  commands(typeNode: TypeNode): CommandDecl[] {
    const members = this.containerMembers(typeNode, 'commands');
    if (!members) return [];
    const out: CommandDecl[] = [];
    const collided = this.memberCollisions(members, 'command');
    for (const m of members) {
      if (!Node.isMethodSignature(m)) {
        const hint = Node.isPropertySignature(m)
          ? `write it as a method: \`${m.getName()}(input: …): …\``
          : 'declare each command as a method: `syncNow(input: { folder: string }): { synced: number }`';
        this.rejectMember(m, 'command', Code.notMethod, hint);
        continue;
      }
      const name = this.memberName(m, 'command');
      if (name === undefined) continue;
      const nameNode = m.getNameNode();
      if (collided.has(nameNode)) continue;
      checkName(this.report, nameNode, 'command', name);
      const command: CommandDecl = { name, names: nameForms(name), loc: locOf(nameNode) };
      const doc = docOf(m);
      if (doc) command.doc = doc;
      if (m.hasQuestionToken()) {
        this.report.at(m.getQuestionTokenNodeOrThrow(), Code.optionalMethod, `command ${quote(name)} cannot be optional`, 'remove the `?`: the service implements every declared command');
      }
      if (m.getTypeParameters().length) {
        this.report.at(m.getTypeParameters()[0]!, Code.generic, `command ${quote(name)} is generic`, 'generic commands cannot be generated for every target; use concrete types');
        continue;
      }
      const params = m.getParameters();
      const base = pascalCase(name) || 'Unnamed';
      if (params.length > 1) {
        this.report.at(params[1]!, Code.parameters, `command ${quote(name)} takes ${params.length} parameters; at most one is allowed`, `put them in one object: \`${name}(input: { … })\``);
      }
      const param = params[0];
      if (param) {
        if (param.isRestParameter()) {
          this.report.at(param, Code.parameters, `command ${quote(name)} has a rest parameter`, `take one object or an array instead: \`${name}(input: { items: T[] })\``);
        } else if (param.hasQuestionToken() || param.hasInitializer()) {
          this.report.at(param, Code.parameters, `the parameter of command ${quote(name)} cannot be optional`, 'make it required, or make the fields inside it optional');
        } else {
          const t = param.getTypeNode();
          if (!t) this.report.at(param, Code.unsupportedType, `the parameter of command ${quote(name)} has no type`, `give it one: \`${param.getName()}: { … }\``);
          else {
            const r = this.resolve(t, `${base}Input`, false);
            if (r) command.input = r.ref;
          }
        }
      }
      const ret = m.getReturnTypeNode();
      if (!ret) {
        this.report.at(nameNode, Code.unsupportedType, `command ${quote(name)} has no return type`, 'write `: void` or the type of its result');
      } else {
        const output = this.commandResult(ret, `${base}Result`);
        if (output) command.output = output;
      }
      out.push(command);
    }
    return out;
  }

  /**
   * Events (or commands) whose names collide after case conversion, checked
   * before their types so the synthesised type names do not collide again.
   */
  private memberCollisions(members: TypeElementTypes[], role: 'event' | 'command'): Set<Node> {
    const items: NamedItem[] = [];
    for (const m of members) {
      if (!Node.isPropertySignature(m) && !Node.isMethodSignature(m)) continue;
      const n = m.getNameNode();
      if (Node.isIdentifier(n) || Node.isStringLiteral(n)) items.push({ name: Node.isIdentifier(n) ? n.getText() : n.getLiteralValue(), node: n });
    }
    return checkCollisions(this.report, items, role);
  }

  /** `void`, `Promise<void>` → none; `Promise<T>` → T; else T. */
  private commandResult(node: TypeNode, hint: string): TypeRef | undefined {
    const t = unwrap(node);
    if (t.getKind() === SyntaxKind.VoidKeyword) return undefined;
    if (Node.isTypeReference(t) && t.getTypeName().getText() === 'Promise') {
      const target = this.declarationOf(t);
      const args = t.getTypeArguments();
      if (target && this.env.isLibFile(target.getSourceFile()) && args.length === 1) {
        const inner = unwrap(args[0]!);
        if (inner.getKind() === SyntaxKind.VoidKeyword) return undefined;
        return this.resolve(inner, hint, false)?.ref;
      }
    }
    return this.resolve(t, hint, false)?.ref;
  }

  /** The members of the Events or Commands type argument. */
  private containerMembers(typeNode: TypeNode, what: 'events' | 'commands'): TypeElementTypes[] | undefined {
    const t = unwrap(typeNode);
    if (Node.isTypeLiteral(t)) {
      this.files.add(t.getSourceFile());
      return t.getMembers();
    }
    if (Node.isTypeReference(t)) {
      const decl = this.declarationOf(t);
      if (decl && this.env.isLibFile(decl.getSourceFile()) && t.getTypeName().getText() === 'Record') {
        const key = t.getTypeArguments()[0];
        if (key && unwrap(key).getKind() === SyntaxKind.NeverKeyword) return [];
      }
      if (decl && Node.isInterfaceDeclaration(decl) && !this.env.isLibFile(decl.getSourceFile())) {
        this.files.add(decl.getSourceFile());
        if (decl.getTypeParameters().length) {
          this.report.at(decl.getNameNode(), Code.generic, `the ${what} interface ${decl.getName()} is generic`, 'remove its type parameters');
          return undefined;
        }
        if (decl.getExtends().length) {
          this.report.at(decl.getExtends()[0]!, Code.composition, `the ${what} interface ${decl.getName()} extends another interface`, `list every ${what === 'events' ? 'event' : 'command'} in ${decl.getName()} itself`);
          return undefined;
        }
        return decl.getMembers();
      }
      if (decl && Node.isTypeAliasDeclaration(decl) && !this.env.isLibFile(decl.getSourceFile())) {
        const aliased = decl.getTypeNode();
        if (aliased && !decl.getTypeParameters().length) return this.containerMembers(aliased, what);
      }
      if (!decl) {
        this.unresolved(t);
        return undefined;
      }
    }
    this.report.at(typeNode, Code.notObject, `the ${what} type argument must be an interface or an object type, not \`${short(typeNode)}\``,
      what === 'events' ? 'e.g. `interface SyncEvents { progress: { done: number } }`' : 'e.g. `interface SyncCommands { syncNow(input: { folder: string }): void }`');
    return undefined;
  }

  private rejectMember(m: TypeElementTypes, role: string, code: typeof Code.notProperty | typeof Code.notMethod, hint: string): void {
    if (Node.isIndexSignatureDeclaration(m)) {
      this.report.at(m, Code.indexSignature, `an index signature cannot declare ${role}s`, `declare each ${role} by name`);
      return;
    }
    const what = Node.isMethodSignature(m) ? 'a method' : Node.isPropertySignature(m) ? 'a property' : 'a call or construct signature';
    this.report.at(m, code, `${role} ${Node.isPropertySignature(m) || Node.isMethodSignature(m) ? quote(m.getName()) + ' ' : ''}is ${what}`, hint);
  }

  private memberName(m: { getNameNode(): Node }, role: string): string | undefined {
    const n = m.getNameNode();
    if (Node.isIdentifier(n)) return n.getText();
    if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
    this.report.at(n, Code.invalidWord, `${role} name \`${short(n)}\` is not an identifier`, 'use a plain name like `syncNow`');
    return undefined;
  }

  /** A type that must be a struct (event payloads). */
  private objectType(node: TypeNode, hint: string, what: string): TypeRef | undefined {
    const r = this.resolve(node, hint, false);
    if (!r) return undefined;
    const named = r.ref.kind === 'named' ? this.byName.get(r.ref.name) : undefined;
    // A named type that is not there was refused when it was named (BG304, …): said once already.
    if (r.ref.kind === 'named' && !named) return undefined;
    if (named?.kind !== 'struct') {
      this.report.at(node, Code.notObject, `${what} must be an object type, not \`${short(node)}\``, `wrap it in an object: \`{ value: ${short(node)} }\``);
      return undefined;
    }
    return r.ref;
  }

  // --- types ---------------------------------------------------------------------

  /**
   * Resolve a type node. `hint` names an inline object or enum found here;
   * `allowUndefined` is true only for a field's own type.
   */
  private resolve(node: TypeNode, hint: string, allowUndefined: boolean): Resolved | undefined {
    const t = unwrap(node);
    this.files.add(t.getSourceFile());
    // A type the parser had to invent after a syntax error: that error says it all.
    if (t.getWidth() === 0) return undefined;
    switch (t.getKind()) {
      case SyntaxKind.StringKeyword:
        return plain({ kind: 'string' });
      case SyntaxKind.NumberKeyword:
        return plain({ kind: 'number' });
      case SyntaxKind.BooleanKeyword:
        return plain({ kind: 'boolean' });
    }
    const keyword = KEYWORD_HINTS[t.getKind()];
    if (keyword) {
      this.report.at(t, Code.unsupportedType, `type \`${keyword[0]}\` is not supported`, keyword[1]);
      return undefined;
    }
    if (Node.isArrayTypeNode(t)) return this.array(t.getElementTypeNode(), hint);
    if (Node.isTypeOperatorTypeNode(t) && t.getOperator() === SyntaxKind.ReadonlyKeyword) {
      const inner = unwrap(t.getTypeNode());
      if (Node.isArrayTypeNode(inner)) return this.array(inner.getElementTypeNode(), hint);
    }
    if (Node.isTypeLiteral(t)) return plain(this.struct(t, hint, `the object type at ${locText(t)}`, undefined));
    if (Node.isUnionTypeNode(t)) return this.union(t, hint, allowUndefined);
    if (Node.isLiteralTypeNode(t)) {
      const lit = t.getLiteral();
      if (Node.isStringLiteral(lit) || Node.isNoSubstitutionTemplateLiteral(lit)) return this.enumeration(t, [t], hint);
      if (lit.getKind() === SyntaxKind.NullKeyword) {
        this.report.at(t, Code.unsupportedType, 'type `null` is not supported', KEYWORD_HINTS[SyntaxKind.NullKeyword]![1]);
        return undefined;
      }
      this.report.at(t, Code.unsupportedType, `literal type \`${short(t)}\` is not supported`, 'use number or boolean, or string literals for a fixed set of values');
      return undefined;
    }
    if (Node.isTypeReference(t)) return this.reference(t, hint, allowUndefined);
    if (Node.isFunctionTypeNode(t) || Node.isConstructorTypeNode(t)) {
      this.report.at(t, Code.unsupportedType, `function type \`${short(t)}\` is not supported`, 'events and commands carry plain data; functions cannot be sent between processes');
      return undefined;
    }
    if (Node.isIntersectionTypeNode(t)) {
      this.report.at(t, Code.composition, `intersection \`${short(t)}\` is not supported`, 'declare one interface with all the fields');
      return undefined;
    }
    if (Node.isTupleTypeNode(t)) {
      this.report.at(t, Code.unsupportedType, `tuple type \`${short(t)}\` is not supported`, 'use an object with named fields, or an array');
      return undefined;
    }
    this.report.at(t, Code.unsupportedType, `type \`${short(t)}\` is not supported`, 'use string, number, Integer, boolean, arrays, Record<string, T>, string-literal unions and interfaces');
    return undefined;
  }

  private array(element: TypeNode, hint: string): Resolved | undefined {
    const r = this.resolve(element, `${hint}Item`, false);
    return r && plain({ kind: 'array', element: r.ref });
  }

  private union(t: Node, hint: string, allowUndefined: boolean): Resolved | undefined {
    const members = flattenUnion(t);
    const rest = members.filter((m) => m.getKind() !== SyntaxKind.UndefinedKeyword);
    const optional = rest.length < members.length;
    if (optional && !allowUndefined) {
      this.report.at(t, Code.unsupportedUnion, '`undefined` is allowed only in the type of a field', 'make the field optional (`name?: T`) or remove `undefined`');
      return undefined;
    }
    const nullMember = rest.find((m) => m.getKind() === SyntaxKind.NullKeyword || (Node.isLiteralTypeNode(m) && m.getLiteral().getKind() === SyntaxKind.NullKeyword));
    if (nullMember) {
      this.report.at(nullMember, Code.unsupportedUnion, '`null` in a union is not supported', 'make the field optional instead (`name?: T`)');
      return undefined;
    }
    const isString = (m: Node) => Node.isLiteralTypeNode(m) && (Node.isStringLiteral(m.getLiteral()) || Node.isNoSubstitutionTemplateLiteral(m.getLiteral()));
    const isBool = (m: Node) => Node.isLiteralTypeNode(m) && (m.getLiteral().getKind() === SyntaxKind.TrueKeyword || m.getLiteral().getKind() === SyntaxKind.FalseKeyword);
    const isNumber = (m: Node) => Node.isLiteralTypeNode(m) && (Node.isNumericLiteral(m.getLiteral()) || Node.isPrefixUnaryExpression(m.getLiteral()));
    let result: Resolved | undefined;
    if (rest.length === 1) result = this.resolve(rest[0] as TypeNode, hint, false);
    else if (rest.every(isString)) result = this.enumeration(t, rest, hint);
    else if (rest.every(isBool) && rest.length === 2) result = plain({ kind: 'boolean' });
    else if (rest.every(isNumber)) {
      this.report.at(t, Code.unsupportedUnion, `number-literal union \`${short(t)}\` is not supported`, 'use number, or a union of string literals');
      return undefined;
    } else {
      this.report.at(t, Code.unsupportedUnion, `union \`${short(t)}\` mixes different types`, 'only unions of string literals (enums) and `T | undefined` are supported; use one type, or separate optional fields');
      return undefined;
    }
    return result && { ref: result.ref, optional: optional || result.optional };
  }

  private enumeration(node: Node, literals: Node[], name: string, doc?: string, nameNode: Node = node): Resolved | undefined {
    const values: string[] = [];
    const items: NamedItem[] = [];
    let ok = true;
    for (const m of literals) {
      const lit = (m as Node & { getLiteral(): Node }).getLiteral() as Node & { getLiteralValue(): string };
      const value = lit.getLiteralValue();
      if (values.includes(value)) continue; // `'a' | 'a'` is one value
      values.push(value);
      if (checkName(this.report, m, 'enum value', value)) items.push({ name: value, node: m });
      else ok = false;
    }
    const before = this.report.count;
    checkCollisions(this.report, items, 'enum value', name);
    ok &&= this.report.count === before;
    if (!this.registerName(name, nameNode, `the string-literal union at ${locText(node)}`)) return undefined;
    const type: EnumType = { kind: 'enum', name, values, loc: locOf(nameNode) };
    if (doc) type.doc = doc;
    this.addType(type);
    return ok ? plain({ kind: 'named', name }) : undefined;
  }

  /** A struct from an interface or object type; registered even if a field fails (no second report). */
  private struct(node: Node, name: string, origin: string, doc: string | undefined, nameNode: Node = node): TypeRef {
    const ref: TypeRef = { kind: 'named', name };
    const registered = this.registerName(name, nameNode, origin);
    const members = Node.isInterfaceDeclaration(node) || Node.isTypeLiteral(node) ? node.getMembers() : [];
    const fields: Field[] = [];
    const items: NamedItem[] = [];
    for (const m of members) {
      if (!Node.isPropertySignature(m)) {
        if (Node.isIndexSignatureDeclaration(m))
          this.report.at(m, Code.indexSignature, `index signature in ${name} is not supported`, 'use a field of type Record<string, T>');
        else if (Node.isMethodSignature(m))
          this.report.at(m, Code.notProperty, `method ${quote(m.getName())} in ${name} is not data`, 'events and commands carry plain data; remove the method');
        else this.report.at(m, Code.unsupportedType, `\`${short(m)}\` in ${name} is not data`, 'declare fields only');
        continue;
      }
      const fieldName = this.memberName(m, 'field');
      if (fieldName === undefined) continue;
      const fieldNode = m.getNameNode();
      const usable = checkName(this.report, fieldNode, 'field', fieldName);
      if (usable) items.push({ name: fieldName, node: fieldNode });
      const typeNode = m.getTypeNode();
      if (!typeNode) {
        this.report.at(fieldNode, Code.unsupportedType, `field ${quote(fieldName)} in ${name} has no type`, 'give it a type: `' + fieldName + ': string`');
        continue;
      }
      const r = this.resolve(typeNode, name + (pascalCase(fieldName) || 'Field'), true);
      if (!r || !usable) continue;
      const field: Field = { name: fieldName, type: r.ref, optional: m.hasQuestionToken() || r.optional, loc: locOf(fieldNode) };
      const fieldDoc = docOf(m);
      if (fieldDoc) field.doc = fieldDoc;
      fields.push(field);
    }
    checkCollisions(this.report, items, 'field', name);
    if (registered) {
      const type: StructType = { kind: 'struct', name, fields, loc: locOf(nameNode) };
      if (doc) type.doc = doc;
      this.addType(type);
    }
    return ref;
  }

  private reference(t: Node, hint: string, allowUndefined: boolean): Resolved | undefined {
    if (!Node.isTypeReference(t)) return undefined;
    const typeName = t.getTypeName().getText();
    const args = t.getTypeArguments();
    const decl = this.declarationOf(t);
    if (!decl) {
      this.unresolved(t);
      return undefined;
    }
    const sf = decl.getSourceFile();
    if (this.env.isPackageFile(sf)) {
      if (decl.getSymbol()?.getName() === 'Integer' || (Node.isTypeAliasDeclaration(decl) && decl.getName() === 'Integer')) return plain({ kind: 'integer' });
      this.report.at(t, Code.unsupportedType, `\`${typeName}\` from 'create-bg-service' is not a data type`, 'of the package\'s types only Integer can be used in events and commands');
      return undefined;
    }
    if (this.env.isLibFile(sf)) return this.builtin(t, typeName, args, hint);
    if (sf.isInNodeModules()) {
      this.report.at(t, Code.unresolved, `type \`${typeName}\` comes from a package, which the reader does not follow`, 'declare the type in your project (this file or one it imports with a relative path)');
      return undefined;
    }
    this.files.add(sf);
    if (Node.isTypeParameterDeclaration(decl)) {
      this.report.at(t, Code.generic, `type parameter \`${typeName}\` is not supported`, 'generic types cannot be generated for every target; use concrete types');
      return undefined;
    }
    if (args.length) {
      this.report.at(t, Code.generic, `generic type \`${short(t)}\` is not supported`, 'use a concrete interface without type parameters');
      return undefined;
    }
    if (Node.isClassDeclaration(decl)) {
      this.report.at(t, Code.unsupportedType, `class \`${typeName}\` is not plain data`, 'declare an interface with the fields you send');
      return undefined;
    }
    if (Node.isEnumDeclaration(decl)) {
      this.report.at(t, Code.unsupportedType, `enum \`${typeName}\` is not supported`, `use a union of string literals: \`type ${typeName} = 'a' | 'b'\``);
      return undefined;
    }
    if (!Node.isInterfaceDeclaration(decl) && !Node.isTypeAliasDeclaration(decl)) {
      this.report.at(t, Code.unsupportedType, `\`${typeName}\` is not a type that describes data`, 'use an interface or a type alias');
      return undefined;
    }
    const cycle = this.inProgress.findIndex((p) => p.decl === decl);
    if (cycle !== -1) {
      const path = [...this.inProgress.slice(cycle).map((p) => p.name), decl.getName()].join(' → ');
      this.report.at(t, Code.recursive, `recursive type: ${path}`, 'not every target can represent a type that contains itself; refer to other items by id (a string) instead');
      return undefined;
    }
    if (Node.isTypeAliasDeclaration(decl) && !isNominalAlias(decl)) {
      // A plain alias (`type Id = string`, `type Tags = Tag[]`) is transparent.
      if (decl.getTypeParameters().length) {
        this.report.at(decl.getNameNode(), Code.generic, `generic type alias \`${decl.getName()}\` is not supported`, 'use concrete types');
        return undefined;
      }
      this.inProgress.push({ decl, name: decl.getName() });
      try {
        return this.resolve(decl.getTypeNodeOrThrow(), hint, allowUndefined);
      } finally {
        this.inProgress.pop();
      }
    }
    if (this.byDeclaration.has(decl)) {
      const ref = this.byDeclaration.get(decl);
      return ref && plain(ref);
    }
    this.inProgress.push({ decl, name: decl.getName() });
    let ref: TypeRef | undefined;
    try {
      ref = this.namedDeclaration(decl);
    } finally {
      this.inProgress.pop();
    }
    this.byDeclaration.set(decl, ref);
    return ref && plain(ref);
  }

  private namedDeclaration(decl: Node): TypeRef | undefined {
    if (Node.isInterfaceDeclaration(decl)) {
      if (decl.getTypeParameters().length) {
        this.report.at(decl.getNameNode(), Code.generic, `generic interface \`${decl.getName()}\` is not supported`, 'remove its type parameters; use concrete types');
        return undefined;
      }
      if (decl.getExtends().length) {
        this.report.at(decl.getExtends()[0]!, Code.composition, `interface \`${decl.getName()}\` extends another interface`, `list all fields in ${decl.getName()} itself`);
        return undefined;
      }
      const merged = decl.getSymbol()?.getDeclarations().filter((d) => Node.isInterfaceDeclaration(d)) ?? [];
      if (merged.length > 1) {
        this.report.at(merged[1]!.getNameNode?.() ?? merged[1]!, Code.duplicateName, `interface \`${decl.getName()}\` is declared ${merged.length} times`, 'declaration merging is not supported; declare it once');
        return undefined;
      }
      return this.struct(decl, decl.getName(), `interface ${decl.getName()} at ${locText(decl.getNameNode())}`, docOf(decl), decl.getNameNode());
    }
    if (Node.isTypeAliasDeclaration(decl)) {
      if (decl.getTypeParameters().length) {
        this.report.at(decl.getNameNode(), Code.generic, `generic type alias \`${decl.getName()}\` is not supported`, 'use concrete types');
        return undefined;
      }
      const t = unwrap(decl.getTypeNodeOrThrow());
      if (Node.isTypeLiteral(t)) return this.struct(t, decl.getName(), `type ${decl.getName()} at ${locText(decl.getNameNode())}`, docOf(decl), decl.getNameNode());
      const literals = Node.isUnionTypeNode(t) ? flattenUnion(t) : [t];
      return this.enumeration(t, literals, decl.getName(), docOf(decl), decl.getNameNode())?.ref;
    }
    return undefined;
  }

  private builtin(t: Node & { getTypeArguments(): TypeNode[] }, name: string, args: TypeNode[], hint: string): Resolved | undefined {
    if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return this.array(args[0]!, hint);
    if (name === 'Record' && args.length === 2) {
      const key = unwrap(args[0]!);
      if (key.getKind() !== SyntaxKind.StringKeyword) {
        this.report.at(key, Code.unsupportedType, `Record keys must be \`string\`, not \`${short(key)}\``, 'use Record<string, T>, or an interface with one field per key');
        return undefined;
      }
      const r = this.resolve(args[1]!, `${hint}Value`, false);
      return r && plain({ kind: 'record', value: r.ref });
    }
    this.report.at(t, Code.unsupportedType, `built-in type \`${name}\` is not supported`, BUILTIN_HINTS[name] ?? 'use string, number, Integer, boolean, arrays, Record<string, T>, string-literal unions and interfaces');
    return undefined;
  }

  /** Where a type reference leads: through imports, to its first declaration. */
  private declarationOf(t: Node): Node | undefined {
    if (!Node.isTypeReference(t)) return undefined;
    let symbol = this.env.checker.getSymbolAtLocation(t.getTypeName());
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
    return symbol?.getDeclarations()[0];
  }

  private unresolved(t: Node): void {
    if (!Node.isTypeReference(t)) return;
    const name = t.getTypeName().getText();
    const local = this.env.checker.getSymbolAtLocation(t.getTypeName());
    const importDecl = local?.getDeclarations()[0]?.getFirstAncestor((a) => Node.isImportDeclaration(a));
    if (importDecl && Node.isImportDeclaration(importDecl)) {
      const from = importDecl.getModuleSpecifierValue();
      if (from.startsWith('.') || from.startsWith('/')) {
        this.report.at(t, Code.unresolved, `cannot find \`${name}\`: the module ${quote(from)} does not resolve or does not export it`, `check the path of the import at ${locText(importDecl)} and that the file exports ${name}`);
      } else {
        this.report.at(t, Code.unresolved, `type \`${name}\` comes from the package ${quote(from)}, which the reader does not follow`, 'declare the type in your project (this file or one it imports with a relative path)');
      }
      return;
    }
    if (Object.prototype.hasOwnProperty.call(BUILTIN_HINTS, name)) {
      this.report.at(t, Code.unsupportedType, `built-in type \`${name}\` is not supported`, BUILTIN_HINTS[name]);
      return;
    }
    this.report.at(t, Code.unresolved, `cannot find type \`${name}\``, 'declare it in this file, or import it from a file of your project with a relative path');
  }

  private registerName(name: string, node: Node, origin: string): boolean {
    const existing = this.typeNames.get(name) ?? [...this.typeNames].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    if (existing) {
      const other = [...this.typeNames].find(([, v]) => v === existing)![0];
      if (other === name)
        this.report.at(node, Code.duplicateName, `type name ${name} is used twice: by ${origin} and by ${existing.origin}`,
          'rename one of them (a synthesised name comes from the event, command or field name)');
      else
        this.report.at(node, Code.caseCollision, `type names ${name} and ${other} differ only in case`,
          `they become files of the same name on macOS and Windows; rename one (the other is ${existing.origin})`);
      return false;
    }
    if (!checkName(this.report, node, 'type', name)) return false;
    this.typeNames.set(name, { node, origin });
    return true;
  }

  private addType(type: NamedType): void {
    this.byName.set(type.name, type);
    this.types.push(type);
  }
}

function plain(ref: TypeRef): Resolved {
  return { ref, optional: false };
}

function unwrap(node: TypeNode): TypeNode {
  let t = node;
  while (Node.isParenthesizedTypeNode(t)) t = t.getTypeNode();
  return t;
}

function flattenUnion(node: Node): Node[] {
  const t = Node.isParenthesizedTypeNode(node) ? unwrap(node) : node;
  if (Node.isUnionTypeNode(t)) return t.getTypeNodes().flatMap(flattenUnion);
  return [t];
}

/** An alias that names a struct or an enum (rather than standing for another type). */
function isNominalAlias(decl: Node): boolean {
  if (!Node.isTypeAliasDeclaration(decl)) return false;
  const t = unwrap(decl.getTypeNodeOrThrow());
  if (Node.isTypeLiteral(t)) return true;
  const members = Node.isUnionTypeNode(t) ? flattenUnion(t) : [t];
  return members.every((m) => Node.isLiteralTypeNode(m) && (Node.isStringLiteral(m.getLiteral()) || Node.isNoSubstitutionTemplateLiteral(m.getLiteral())));
}

/** The JSDoc description of a node, if it has one. */
function docOf(node: Node | undefined): string | undefined {
  if (!node || !Node.isJSDocable(node)) return undefined;
  const docs = node.getJsDocs();
  const last = docs[docs.length - 1];
  const text = last?.getDescription().trim();
  return text ? text : undefined;
}

function short(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function locText(node: Node): string {
  const { line, column } = locOf(node);
  return `${line}:${column}`;
}
