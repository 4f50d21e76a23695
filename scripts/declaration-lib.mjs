#!/usr/bin/env node
// The default library the declaration reader gives TypeScript
// (dist/declaration/lib/lib.es5.d.ts, run by `npm run build`): TypeScript's
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
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
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
  console.error('declaration-lib: @ts-morph/common has no lib.es5.d.ts');
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
const header = `/*! Derived from TypeScript ${ts.version}'s lib.es5.d.ts by scripts/declaration-lib.mjs (interface members dropped).
Copyright (c) Microsoft Corporation. Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0). */
/// <reference no-default-lib="true"/>
`;
const dir = join(root, 'dist', 'declaration', 'lib');
mkdirSync(dir, { recursive: true });
const text = header + out.join('\n') + '\n';
writeFileSync(join(dir, 'lib.es5.d.ts'), text);
console.error(`declaration-lib: dist/declaration/lib/lib.es5.d.ts (${(text.length / 1024).toFixed(0)} KiB of ${(lib.text.length / 1024).toFixed(0)} KiB)`);
