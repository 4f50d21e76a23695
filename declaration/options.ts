/**
 * Checks the options object literal against the schema (schema.ts): unknown
 * keys ("did you mean"), required keys, value types, enum values, ranges,
 * duplicates. It returns the valid part as plain data plus the node of every
 * path, so later cross-field rules can point at the right spot.
 */
import type { Node } from 'ts-morph';
import { Code } from './codes.js';
import { describeLiteral, type Literal } from './literal.js';
import { quote, whereIs, type Reporter } from './report.js';
import { keyPaths, serviceOptionsSpec, type Spec } from './schema.js';
import { closest, didYouMean } from './suggest.js';

export interface CheckedOptions {
  /** The options that passed, as plain data (invalid parts left out). */
  value: Record<string, unknown>;
  /** The value node at a path like `android.notification.title` or `hosts[1]`. */
  valueNode(path: string): Node | undefined;
  /** The key node at a path, else its value node, else the nearest parent's. */
  anchor(path: string): Node;
}

const INVALID = Symbol('invalid');
type Checked = unknown | typeof INVALID;

const LITERALS_ALLOWED =
  'the declaration is read, never run: use string, number and boolean literals, arrays and object literals';

export function checkOptions(root: Literal, report: Reporter, spec: Spec = serviceOptionsSpec): CheckedOptions {
  const values = new Map<string, Node>();
  const keys = new Map<string, Node>();
  const allKeys = keyPaths(spec);

  const label = (path: string): string => (path ? `\`${path}\`` : 'the options');

  function expectation(s: Spec): string {
    switch (s.type) {
      case 'string':
        return 'a string';
      case 'number':
        return s.integer ? 'a whole number' : 'a number';
      case 'boolean':
        return '`true` or `false`';
      case 'enum':
        return `one of ${s.values.map((v) => `'${v}'`).join(', ')}`;
      case 'array':
        return `an array of ${expectation(s.of).replace(/^one of/, 'values from')}`;
      case 'object':
        return 'an object literal `{ … }`';
      case 'oneOf':
        return s.options.map(expectation).join(' or ');
    }
  }

  function literalKindOf(s: Spec): Literal['kind'] {
    if (s.type === 'enum') return 'string';
    if (s.type === 'oneOf') return 'invalid';
    return s.type;
  }

  function check(lit: Literal, s: Spec, path: string): Checked {
    values.set(path, lit.node);
    if (lit.kind === 'invalid') {
      report.at(lit.node, Code.notLiteral, `${label(path)} must be ${expectation(s)}, not ${lit.what}`, LITERALS_ALLOWED);
      return INVALID;
    }
    if (s.type === 'oneOf') {
      const option = s.options.find((o) => literalKindOf(o) === lit.kind);
      if (!option) {
        report.at(lit.node, Code.wrongType, `${label(path)} must be ${expectation(s)}, not ${describeLiteral(lit)}`);
        return INVALID;
      }
      return check(lit, option, path);
    }
    if (lit.kind !== literalKindOf(s)) {
      report.at(lit.node, Code.wrongType, `${label(path)} must be ${expectation(s)}, not ${describeLiteral(lit)}`);
      return INVALID;
    }
    const scalar = (lit as { value?: unknown }).value;
    switch (s.type) {
      case 'string': {
        const v = scalar as string;
        if (s.nonEmpty && v.trim() === '') {
          report.at(lit.node, Code.emptyValue, `${label(path)} must not be empty`);
          return INVALID;
        }
        return v;
      }
      case 'boolean':
        return scalar;
      case 'number': {
        const v = scalar as number;
        if (s.integer && !Number.isInteger(v)) {
          report.at(lit.node, Code.outOfRange, `${label(path)} must be a whole number, not ${v}`);
          return INVALID;
        }
        const low = s.min !== undefined && v < s.min;
        const high = s.max !== undefined && v > s.max;
        if (low || high) {
          const bound = low ? `at least ${s.min}` : `at most ${s.max}`;
          report.at(lit.node, s.code ?? Code.outOfRange, `${label(path)} must be ${bound}, not ${v}`, s.reason);
          return INVALID;
        }
        return v;
      }
      case 'enum': {
        const v = scalar as string;
        if (!s.values.includes(v)) {
          const item = /\[\d+\]$/.test(path) ? `value in ${label(parentPath(path))}` : label(path);
          report.at(lit.node, Code.invalidValue, `${quote(v)} is not a valid ${item}`, didYouMean(v, s.values));
          return INVALID;
        }
        return v;
      }
      case 'array':
        return checkArray(lit as Extract<Literal, { kind: 'array' }>, s, path);
      case 'object':
        return checkObject(lit as Extract<Literal, { kind: 'object' }>, s, path);
    }
  }

  function checkArray(lit: Extract<Literal, { kind: 'array' }>, s: Extract<Spec, { type: 'array' }>, path: string): Checked {
    if (s.nonEmpty && lit.items.length === 0) {
      report.at(lit.node, Code.emptyValue, `${label(path)} must list at least one value`, `expected ${expectation(s)}`);
      return INVALID;
    }
    const out: unknown[] = [];
    const seen = new Map<unknown, Node>();
    lit.items.forEach((item, i) => {
      const v = check(item, s.of, `${path}[${i}]`);
      if (v === INVALID) return;
      if (typeof v !== 'object' && seen.has(v)) {
        report.at(item.node, Code.duplicateValue, `${label(path)} lists ${JSON.stringify(v)} twice`, `remove this one; it is already at ${whereIs(seen.get(v)!, item.node)}`);
        return;
      }
      seen.set(v, item.node);
      out.push(v);
    });
    return out;
  }

  function checkObject(lit: Extract<Literal, { kind: 'object' }>, s: Extract<Spec, { type: 'object' }>, path: string): Checked {
    const out: Record<string, unknown> = {};
    const given = new Set<string>();
    for (const prop of lit.props) {
      const p = path ? `${path}.${prop.key}` : prop.key;
      if (prop.key === '') {
        // A spread or computed key: its value says what it is.
        check(prop.value, { type: 'object', fields: {} }, path);
        continue;
      }
      if (given.has(prop.key)) {
        report.at(prop.keyNode, Code.duplicateKey, `${label(p)} is given twice`, 'remove one of them; only one value can apply');
        continue;
      }
      given.add(prop.key);
      keys.set(p, prop.keyNode);
      const field = Object.prototype.hasOwnProperty.call(s.fields, prop.key) ? s.fields[prop.key] : undefined;
      if (!field) {
        report.at(prop.keyNode, Code.unknownOption, `unknown option ${label(p)}`, unknownKeyHint(prop.key, Object.keys(s.fields), path));
        continue;
      }
      const v = check(prop.value, field.spec, p);
      if (v !== INVALID) out[prop.key] = v;
    }
    for (const [k, f] of Object.entries(s.fields)) {
      if (f.required && !given.has(k)) {
        const at = path ? (keys.get(path) ?? lit.node) : lit.node;
        const where = path ? ` in ${label(path)}` : '';
        report.at(at, Code.missingOption, `missing required option \`${k}\`${where}`, `add \`${k}:\` with ${expectation(f.spec)}`);
      }
    }
    return out;
  }

  function unknownKeyHint(key: string, siblings: string[], path: string): string {
    const near = closest(key, siblings);
    if (near) return `did you mean '${near}'?`;
    const elsewhere = allKeys.get(key)?.filter((p) => p !== (path ? `${path}.${key}` : key));
    if (elsewhere?.length) return `\`${key}\` belongs at \`${elsewhere[0]}\``;
    return siblings.length ? `allowed here: ${siblings.join(', ')}` : 'no options are allowed here';
  }

  const value = check(root, spec, '');
  return {
    value: value === INVALID || typeof value !== 'object' || value === null ? {} : (value as Record<string, unknown>),
    valueNode: (path) => values.get(path),
    anchor(path) {
      for (let p = path; ; p = parentPath(p)) {
        const n = keys.get(p) ?? values.get(p);
        if (n) return n;
        if (!p) return root.node;
      }
    },
  };
}

/** `a.b[2]` → `a.b` → `a` → ''. */
export function parentPath(path: string): string {
  const cut = path.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
  return cut === path ? '' : cut;
}
