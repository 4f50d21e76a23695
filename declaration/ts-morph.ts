/**
 * ts-morph's runtime values, loaded with require(). ts-morph (and the
 * TypeScript it bundles) is CommonJS: imported as an ES module, Node first
 * scans its sources for export names (cjs-module-lexer over ~10 MB), which
 * costs ~150 ms more per process than require(). Types still come from
 * `import type … from 'ts-morph'`. Import this module only lazily (it loads
 * the compiler).
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const Node = tsMorph.Node;
export type Node = TsMorph.Node;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const ts = tsMorph.ts;
