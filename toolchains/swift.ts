/**
 * parseSwift: there is no Swift compiler on Linux CI, so generated Swift is
 * parsed with tree-sitter-swift (the native grammar installed in the cache by
 * `npm run toolchains`); any ERROR or MISSING node is a located diagnostic.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type CheckResult, type Diagnostic, ToolchainMissingError, finish } from './common.js';
import { installed } from './manifest.js';

interface Point {
  row: number;
  column: number;
}
interface SyntaxNode {
  type: string;
  text: string;
  isError: boolean;
  isMissing: boolean;
  hasError: boolean;
  startPosition: Point;
  children: SyntaxNode[];
  toString(): string;
}
interface Parser {
  setLanguage(language: unknown): void;
  parse(input: string, oldTree?: null, options?: { bufferSize?: number }): { rootNode: SyntaxNode };
}

let parser: Parser | undefined;

function loadParser(): Parser {
  if (parser) return parser;
  const entry = installed('tree-sitter', (e) => [e.dir]);
  const req = createRequire(join(entry.dir, 'node_modules', 'noop.js'));
  try {
    const Ctor = req('tree-sitter') as new () => Parser;
    const p = new Ctor();
    p.setLanguage(req('tree-sitter-swift'));
    parser = p;
    return p;
  } catch (e) {
    throw new ToolchainMissingError('the tree-sitter Swift grammar', `cannot load it from ${entry.dir}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function describe(text: string): string {
  const first = text.split('\n')[0]!.trim();
  if (!first) return 'syntax error';
  return `syntax error near \`${first.length > 40 ? `${first.slice(0, 40)}…` : first}\``;
}

/** The ERROR and MISSING nodes of a tree, outermost ERROR only (what is inside it is the same mistake). */
export function syntaxProblems(root: SyntaxNode, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (n: SyntaxNode, message: string): Diagnostic => ({
    file,
    line: n.startPosition.row + 1,
    // The Node binding counts columns in UTF-16 code units, as JS strings do.
    column: n.startPosition.column + 1,
    severity: 'error',
    message,
    tool: 'tree-sitter',
  });
  const visit = (n: SyntaxNode): void => {
    if (n.isError) return void out.push(at(n, describe(n.text)));
    if (n.isMissing) return void out.push(at(n, `syntax error: missing \`${n.type}\``));
    if (!n.hasError) return;
    const kids = n.children;
    if (kids.length === 0 || !kids.some((k) => k.hasError || k.isError || k.isMissing)) {
      // The grammar hides some tokens from the node API; a MISSING one still
      // shows in the S-expression of its parent.
      const hidden = /\(MISSING "?([^")]*)"?\)/.exec(n.toString());
      return void out.push(at(n, `syntax error: missing ${hidden ? `\`${hidden[1]}\` (${n.type})` : n.type}`));
    }
    for (const k of kids) visit(k);
  };
  visit(root);
  return out;
}

/** Parse each Swift file; every ERROR/MISSING node fails. Throws ToolchainMissingError without the grammar. */
export async function parseSwift(files: readonly string[]): Promise<CheckResult> {
  const start = performance.now();
  if (files.length === 0) throw new TypeError('parseSwift: no files given');
  const p = loadParser();
  const found: Diagnostic[] = [];
  for (const f of files) {
    const file = resolve(f);
    const source = await readFile(file, 'utf8');
    // bufferSize: the binding's default buffer is too small for big files.
    const tree = p.parse(source, null, { bufferSize: Math.max(32 * 1024, source.length * 2 + 2) });
    found.push(...syntaxProblems(tree.rootNode, file));
  }
  return finish(found, start);
}
