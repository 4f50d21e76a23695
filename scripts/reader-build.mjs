#!/usr/bin/env node
// What the declaration reader needs beside its compiled modules, written by
// `npm run build` after tsc:
//
// 1. dist/declaration/reader-id.json — an id of the reader's build: a hash of
//    its compiled modules and those it imports from escape/ and lib/ (the
//    name checks' keyword lists live in escape/), the define module's types,
//    the default library below and the TypeScript version. A model recorded by one build
//    (generator/snapshot.ts) is reused only by a build with the same id.
//
// 2. dist/declaration/lib/lib.es5.d.ts — the default library the reader gives TypeScript: TypeScript's
// own lib.es5.d.ts — from the TypeScript that ts-morph ships, so the two
// never disagree — with the members of most interfaces dropped.
//
// Why: a declaration names a handful of built-ins (Array, ReadonlyArray,
// Record, Promise), and the reader recognises every other global type by
// name to explain that it is not supported (Date, Map, …). Parsing and binding
// the whole library (and the decorator libraries it references) was ~200 ms
// of every first read — most of a `bg-doctor validate` drift check without
// a cache, and of `bg-service generate` (BENCHMARKS.md). Kept whole: the
// interfaces a declaration's types resolve through (Array, ReadonlyArray,
// ArrayLike, Promise, PromiseLike, TemplateStringsArray, IArguments,
// ThisType) and every type alias (Record, Partial, …); every other interface
// keeps its name and type parameters, so it is still a known built-in.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// @ts-morph/common as ts-morph itself resolves it (it is ts-morph's dependency, not ours).
const fromTsMorph = createRequire(createRequire(join(root, 'package.json')).resolve('ts-morph'));
const common = fromTsMorph('@ts-morph/common');
const { ts } = common;
const KEEP_WHOLE = new Set(['Array', 'ReadonlyArray', 'ArrayLike', 'PromiseLike', 'Promise', 'TemplateStringsArray', 'IArguments', 'ThisType']);

const lib = common.getLibFiles().find((f) => f.fileName === 'lib.es5.d.ts');
if (!lib) {
  console.error('reader-build: @ts-morph/common has no lib.es5.d.ts');
  process.exit(1);
}
const sf = ts.createSourceFile(lib.fileName, lib.text, ts.ScriptTarget.ES2022, true);
const out = [];
for (const st of sf.statements) {
  if (ts.isInterfaceDeclaration(st)) {
    const name = st.name.text;
    if (KEEP_WHOLE.has(name)) out.push(st.getText(sf));
    else out.push(`interface ${name}${st.typeParameters ? `<${st.typeParameters.map((p) => p.getText(sf)).join(', ')}>` : ''} {}`);
  } else if (ts.isTypeAliasDeclaration(st) || ts.isVariableStatement(st) || ts.isModuleDeclaration(st)) {
    out.push(st.getText(sf));
  }
  // Global functions (parseInt, …) are never a declaration's type: dropped.
}
const header = `/*! Derived from TypeScript ${ts.version}'s lib.es5.d.ts by scripts/reader-build.mjs (interface members dropped).
Copyright (c) Microsoft Corporation. Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0). */
/// <reference no-default-lib="true"/>
`;
const dir = join(root, 'dist', 'declaration', 'lib');
mkdirSync(dir, { recursive: true });
const text = header + out.join('\n') + '\n';
writeFileSync(join(dir, 'lib.es5.d.ts'), text);

const compiled = join(root, 'dist', 'declaration');
const hash = createHash('sha256').update(`typescript ${ts.version}\n`).update(text);
for (const part of ['declaration', 'escape', 'lib']) {
  const folder = join(root, 'dist', part);
  for (const name of readdirSync(folder).sort()) {
    if ((name.endsWith('.js') && !name.includes('.test.')) || name === 'define.d.ts') hash.update(`\0${part}/${name}\0`).update(readFileSync(join(folder, name)));
  }
}
const id = hash.digest('hex').slice(0, 32);
writeFileSync(join(compiled, 'reader-id.json'), JSON.stringify({ id }) + '\n');
console.error(`reader-build: dist/declaration/lib/lib.es5.d.ts (${(text.length / 1024).toFixed(0)} KiB of ${(lib.text.length / 1024).toFixed(0)} KiB), reader id ${id}`);
