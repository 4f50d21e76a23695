/**
 * Checks on every name that becomes an identifier or a path in generated
 * code: unsafe as a path, invalid or reserved in Kotlin, Swift, Rust or TS,
 * too long, and collisions after case conversion. The keyword lists and
 * identifier grammars live in escape/ (one home for what each language
 * reserves). Enum values may be keywords: each target's emitter escapes or
 * renames the case name (escape/'s kotlinIdentifier, swiftCaseName,
 * rustIdentifier) and writes the declared string as the wire value.
 */
import type { Node } from 'ts-morph';
import { isReservedIdentifier, isValidIdentifier, type IdentifierLanguage } from '../escape/index.js';
import { Code, type DiagnosticCode } from './codes.js';
import type { NameForms } from './model.js';
import { nameForms } from './naming.js';
import { quote, whereIs, type Reporter } from './report.js';

const ALL: readonly IdentifierLanguage[] = ['kotlin', 'swift', 'rust', 'ts'];
const LANGUAGE_NAMES: Record<IdentifierLanguage, string> = { kotlin: 'Kotlin', swift: 'Swift', rust: 'Rust', ts: 'TypeScript' };

/** What a name is, for messages ("field", "event", …), and which spellings of it reach which language. */
export type NameRole = 'service' | 'event' | 'command' | 'field' | 'type' | 'enum value';

type FormKey = keyof NameForms | 'raw';

/**
 * Which spelling of the name each target uses. Conservative on purpose: a
 * template may use the raw name or a converted one, so every spelling a
 * target can see must be usable there.
 */
const USAGE: Record<NameRole, Partial<Record<FormKey, readonly IdentifierLanguage[]>>> = {
  service: { camel: ALL, pascal: ALL, snake: ALL },
  event: { raw: ALL, camel: ALL, pascal: ALL, snake: ['rust'] },
  command: { raw: ALL, camel: ALL, pascal: ALL, snake: ['rust'] },
  field: { raw: ALL, camel: ['kotlin', 'swift', 'ts'], snake: ['rust'] },
  type: { raw: ALL },
  'enum value': { camel: ALL, pascal: ALL, screamingSnake: ALL },
};

/**
 * Names the generated host API (templates/ts/api.ts) uses itself: a command
 * becomes a method of the service's TS API and a Tauri command beside these,
 * and an event becomes an `on<Event>` listener beside the lifecycle ones.
 * Compared in camelCase.
 */
export const API_RESERVED: Readonly<Record<'event' | 'command' | 'type', readonly string[]>> = {
  command: [
    'start', 'stop', 'getState', 'getCapabilities', 'installService', 'uninstallService', 'startOsService', 'stopOsService',
    'restartOsService', 'getOsServiceStatus', 'registerListener', 'removeListener', 'command', 'constructor', 'toString', 'valueOf',
  ],
  event: ['serviceStarted', 'serviceStopped', 'serviceError'],
  // The API's own types, declared beside the service's in every host's types.ts and models.rs.
  type: [
    'Platform', 'RunState', 'StopReason', 'StartOptions', 'ScheduledRequest', 'StartResult', 'ServiceState', 'OsServiceStatus',
    'ServiceStartedEvent', 'ServiceStoppedEvent', 'ServiceErrorEvent', 'Guarantee', 'Scenario', 'Capability', 'PlatformCapabilities',
    'BgServiceError', 'BgServiceErrorCode', 'Unlisten', 'Error', 'Result',
  ],
};

/**
 * The longest name, in characters, in any spelling a target uses (snake_case
 * adds underscores, so `fooBarBaz` counts as `foo_bar_baz`). The rustfmt
 * layouts of the Rust templates (templates/desktop/rustfmt.ts) are proven
 * against the real rustfmt for names up to this length; service names have
 * their own, shorter limit (40, BG110).
 */
export const MAX_NAME_LENGTH = 60;

/** CON, NUL, COM1 … are devices in every folder on Windows, whatever the extension. */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Why a name is unsafe in a path (it would escape the output folder, or is a
 * Windows device name), as the end of a sentence; undefined when it is safe.
 * The kebab-case rule for service names already excludes all of these; this
 * says *why* it matters, and covers names with no such rule (event names can
 * be quoted property keys).
 */
export function unsafePathReason(name: string): string | undefined {
  const escapes = 'would escape the output folder:';
  if (name.includes('\0')) return `${escapes} it contains a NUL character, which ends a path early`;
  if (/^([A-Za-z]:)?[\\/]/.test(name)) return `${escapes} it is an absolute path`;
  if (name.split(/[\\/]/).some((part) => part === '..')) return `${escapes} it contains '..', which climbs out of the folder`;
  if (name.includes('/') || name.includes('\\')) return `${escapes} it contains a path separator`;
  if (name === '.' || name === '') return 'names no file';
  if (WINDOWS_DEVICES.test(name)) return `cannot be a file or folder name: '${name.split('.')[0]}' is a device on Windows`;
  return undefined;
}

/** A problem with one value, ready to report at a node (or to show for an answer). */
export interface NameProblem {
  code: DiagnosticCode;
  message: string;
  hint: string;
}

/**
 * Why a name cannot be used (unsafe as a path, not a valid identifier, or a
 * reserved word in a target), or undefined when it can. Pure, so answers to
 * create-bg-service are checked by the same rule as declarations.
 */
export function nameProblem(role: NameRole, name: string, forms: NameForms = nameForms(name)): NameProblem | undefined {
  if (role !== 'enum value') {
    const unsafe = unsafePathReason(name);
    if (unsafe) {
      return {
        code: Code.unsafePath,
        message: `${role} name ${quote(name)} ${unsafe}`,
        hint: 'names become file, folder and type names in the generated code; use letters and digits only',
      };
    }
  }
  const invalid = new Map<string, IdentifierLanguage[]>();
  const reserved = new Map<string, IdentifierLanguage[]>();
  for (const [form, langs] of Object.entries(USAGE[role]) as [FormKey, readonly IdentifierLanguage[]][]) {
    const spelled = form === 'raw' ? name : forms[form];
    for (const lang of langs) {
      const bucket = !isValidIdentifier(lang, spelled) ? invalid : isReservedIdentifier(lang, spelled) ? reserved : undefined;
      if (!bucket) continue;
      const list = bucket.get(spelled) ?? [];
      if (!list.includes(lang)) list.push(lang);
      bucket.set(spelled, list);
    }
  }
  const describe = (m: Map<string, IdentifierLanguage[]>): string =>
    [...m].map(([spelled, langs]) => `${quote(spelled)} in ${langs.map((l) => LANGUAGE_NAMES[l]).join(', ')}`).join('; ');
  if (invalid.size) {
    return {
      code: Code.invalidWord,
      message: `${role} name ${quote(name)} is not a valid identifier: ${describe(invalid)}`,
      hint:
        role === 'enum value'
          ? 'each value becomes an enum case; start it with a letter and use letters, digits, - or _'
          : 'start with a letter; use letters and digits (camelCase)',
    };
  }
  // Enum values may be keywords: the emitters escape the case names (see the top of this file).
  if (reserved.size && role !== 'enum value') {
    return {
      code: Code.reservedWord,
      message: `${role} name ${quote(name)} is a reserved word: ${describe(reserved)}`,
      hint: 'choose another name (for example with a more specific word before or after it)',
    };
  }
  return tooLong(role, name, forms) ?? apiReserved(role, name, forms);
}

/** A name longer than MAX_NAME_LENGTH in one of the spellings the targets use, as a problem. */
function tooLong(role: NameRole, name: string, forms: NameForms): NameProblem | undefined {
  let longest = '';
  for (const form of Object.keys(USAGE[role]) as FormKey[]) {
    const spelled = form === 'raw' ? name : forms[form];
    if ([...spelled].length > [...longest].length) longest = spelled;
  }
  const length = [...longest].length;
  if (length <= MAX_NAME_LENGTH) return undefined;
  const spelling = longest === name ? '' : ` (as ${quote(longest)})`;
  return {
    code: Code.nameTooLong,
    message: `${role} name ${quote(name)} is ${length} characters long${spelling}; names that become identifiers are at most ${MAX_NAME_LENGTH}`,
    hint:
      role === 'type'
        ? 'shorten it; a synthesised type name joins the event, command and field names it comes from (shorten one of them, or name the type with an interface)'
        : `shorten it to at most ${MAX_NAME_LENGTH} characters in every spelling (snake_case counts its underscores)`,
  };
}

/** A name the generated host API uses itself (API_RESERVED), as a problem. */
function apiReserved(role: NameRole, name: string, forms: NameForms): NameProblem | undefined {
  const hint = 'choose another name (for example with a more specific word before or after it)';
  if (role === 'type' && API_RESERVED.type.includes(name)) {
    return { code: Code.reservedWord, message: `type name ${quote(name)} is reserved by the generated API (it declares a type of that name)`, hint };
  }
  if (role !== 'event' && role !== 'command') return undefined;
  const listener = role === 'command' && /^on[A-Z0-9]/.test(forms.camel);
  if (!listener && !API_RESERVED[role].includes(forms.camel)) return undefined;
  const why = role === 'event' ? `on${forms.pascal}() is a lifecycle listener` : listener ? 'on… names are event listeners' : `${forms.camel}() is one of its methods`;
  return { code: Code.reservedWord, message: `${role} name ${quote(name)} is reserved by the generated API (${why})`, hint };
}

/**
 * Report a name that cannot be used. Returns false if it was reported, so
 * callers can skip follow-on checks (collisions) for it.
 */
export function checkName(report: Reporter, node: Node, role: NameRole, name: string, forms: NameForms = nameForms(name)): boolean {
  const problem = nameProblem(role, name, forms);
  if (problem) report.at(node, problem.code, problem.message, problem.hint);
  return problem === undefined;
}

export interface NamedItem {
  name: string;
  node: Node;
}

/**
 * Names in one scope (fields of a struct, events, commands, enum values, type
 * names) must stay distinct in every spelling a target uses; for type names
 * also case-insensitively, because they become file names and macOS and
 * Windows file systems ignore case.
 */
export function checkCollisions(report: Reporter, items: readonly NamedItem[], role: NameRole, scope?: string): Set<Node> {
  const inScope = scope ? ` in ${scope}` : '';
  const collided = new Set<Node>();
  const firstByKey = new Map<string, NamedItem>();
  for (const item of items) {
    const forms = nameForms(item.name);
    const keys: [string, string][] = [['raw', item.name]];
    if (role === 'type') keys.push(['file name (case-insensitive)', item.name.toLowerCase()]);
    else
      for (const f of ['camel', 'snake', 'pascal'] as const) {
        if (f === 'pascal' && role === 'field') continue;
        keys.push([f === 'snake' ? 'snake_case' : f === 'camel' ? 'camelCase' : 'PascalCase', forms[f]]);
      }
    for (const [form, key] of keys) {
      const k = `${form}\u0000${key}`;
      const first = firstByKey.get(k);
      if (!first) {
        firstByKey.set(k, item);
        continue;
      }
      const other = whereIs(first.node, item.node);
      collided.add(item.node);
      if (form === 'raw') {
        report.at(item.node, Code.duplicateName, `${role} ${quote(item.name)}${inScope} is declared twice`, `the other one is at ${other}`);
      } else {
        report.at(
          item.node,
          Code.caseCollision,
          `${role}s ${quote(first.name)} and ${quote(item.name)}${inScope} collide: both become ${quote(key)} in ${form}`,
          `rename one of them (the other is at ${other})`,
        );
      }
      break;
    }
  }
  return collided;
}
