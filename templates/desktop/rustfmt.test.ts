/**
 * The rustfmt layouts of rustfmt.ts against the real rustfmt: every
 * construct the Rust templates lay out by name length, with names of 1 to 60
 * characters (putting the lines on both sides of each boundary), in one file
 * that `rustfmt --check` must leave alone. Longer identifiers are beyond
 * what the layouts promise: rustfmt's choices there depend on more than
 * widths.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runTool } from '../../toolchains/common.js';
import { emitCall, fnSignature, letStatement, oneArgument, structField } from './rustfmt.js';

const name = (n: number, c = 'a') => c.repeat(n);

test('signatures, fields, variants and calls are laid out as rustfmt lays them out (around every width boundary)', async () => {
  const traitItems: string[] = [];
  const implItems: string[] = [];
  const fields: string[] = [];
  const variants: string[] = [];
  const calls: string[] = [];
  for (let n = 1; n <= 60; n += 1) {
    const m = name(n);
    const input = `types::${name(Math.max(1, n - 10), 'I')}`;
    const output = `types::${name(Math.max(1, n - 20), 'O')}`;
    traitItems.push(fnSignature({ indent: 4, head: `fn d${m}`, params: ['&self', 'ctx: &ServiceContext'], returns: { future: '()' }, end: ';' }));
    traitItems.push(fnSignature({ indent: 4, head: `fn e${m}`, params: ['&self', 'ctx: &ServiceContext', `input: ${input}`], returns: { future: output }, end: ';' }));
    traitItems.push(`${fnSignature({ indent: 4, head: `fn f${m}`, params: ['&self', `input: ${input}`], returns: { future: output }, end: ' {' })}        todo!()\n    }\n`);
    implItems.push(`${fnSignature({ indent: 4, head: `async fn g${m}`, params: ['&self', '_ctx: &ServiceContext'], returns: `Result<${output}, ServiceError>`, end: ' {' })}        todo!()\n    }\n`);
    implItems.push(`${fnSignature({ indent: 4, head: `pub fn emit_${m}`, params: ['&self', `payload: ${input}`], end: ' {' })}${emitCall(8, name(n, 'V'))}    }\n`);
    const field = structField(4, `f${m}`, `std::collections::BTreeMap<String, Vec<${output}>>`);
    if (field) fields.push(field);
    variants.push(oneArgument(4, `V${name(n, 'v')}`, input, ','));
    calls.push(letStatement(8, 'command', `Command::V${name(n, 'c')}(input)`));
    calls.push(letStatement(8, 'output', `.${name(n, 'm')}(ctx, input)`, 'service'));
  }
  const source = [
    'trait T {',
    ...traitItems,
    '}',
    '',
    'impl T for X {',
    ...implItems,
    '}',
    '',
    'struct S {',
    ...fields,
    '}',
    '',
    'enum E {',
    ...variants,
    '}',
    '',
    'impl X {',
    '    fn calls() {',
    ...calls,
    '    }',
    '}',
    '',
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'bg-rustfmt-'));
  const file = join(dir, 'layouts.rs');
  writeFileSync(file, source.replace(/\n\n+/g, '\n\n').replace(/\n\n( *})/g, '\n$1'));
  const r = await runTool('rustfmt', ['--edition', '2021', '--check', file], { what: 'rustfmt (rustup component add rustfmt)' });
  assert.equal(r.code, 0, `rustfmt would change:\n${r.stdout.slice(0, 4000)}`);
});
