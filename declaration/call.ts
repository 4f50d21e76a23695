/**
 * Finding `export default defineService<Events, Commands>({ … })` in a
 * declaration, syntactically: the call is recognised by what it is imported
 * as (`import { defineService } from 'create-bg-service'`, an alias of it, or
 * a namespace import), never by running or resolving the package.
 */
import type { CallExpression, SourceFile } from 'ts-morph';
import { Node } from './ts-morph.js';
import { Code } from './codes.js';
import { PACKAGE_NAME } from './project.js';
import type { Reporter } from './report.js';

const IMPORT_HINT = `add \`import { defineService } from '${PACKAGE_NAME}';\` at the top of the file`;
const EXPORT_HINT = "end the file with `export default defineService({ name: '…', kind: '…', hosts: [ … ] });`";

/** The `defineService(...)` call, or undefined (reported) when there is none to read. */
export function findDefineCall(sf: SourceFile, report: Reporter, brokenSyntax = false): CallExpression | undefined {
  const assignment = sf.getExportAssignments().find((a) => !a.isExportEquals());
  if (!assignment) {
    const other = sf.getDefaultExportSymbol()?.getDeclarations()[0];
    if (other) {
      report.at(other, Code.notDefineService, 'the default export must be a defineService(…) call', EXPORT_HINT);
    } else if (!brokenSyntax) {
      // After a syntax error the export may only look missing (e.g. swallowed by an unclosed brace).
      report.push(Code.noDefaultExport, 'the declaration has no default export', EXPORT_HINT, { file: sf.getFilePath(), line: 1, column: 1 }, 1);
    }
    return undefined;
  }
  let expr: Node = assignment.getExpression();
  // `(…)`, `… satisfies T` and `… as T` wrap the call without changing it.
  while (Node.isParenthesizedExpression(expr) || Node.isSatisfiesExpression(expr) || Node.isAsExpression(expr)) expr = expr.getExpression();
  if (!Node.isCallExpression(expr)) {
    const hint = Node.isIdentifier(expr) ? `export the call itself: \`export default defineService({ … })\`` : EXPORT_HINT;
    report.at(expr, Code.notDefineService, 'the default export must be a defineService(…) call', hint);
    return undefined;
  }
  const { named, namespaces } = packageImports(sf);
  const callee = expr.getExpression();
  if (Node.isIdentifier(callee)) {
    const name = callee.getText();
    if (named.get(name) === 'defineService') return expr;
    if (name === 'defineService') {
      report.at(callee, Code.defineServiceImport, `defineService is not imported from '${PACKAGE_NAME}'`, IMPORT_HINT);
      return expr; // still read the options: the user gets every other problem now
    }
  } else if (Node.isPropertyAccessExpression(callee)) {
    const target = callee.getExpression();
    if (Node.isIdentifier(target) && namespaces.has(target.getText()) && callee.getName() === 'defineService') return expr;
  }
  report.at(callee, Code.notDefineService, `the default export calls \`${callee.getText().slice(0, 40)}\`, not defineService`, EXPORT_HINT);
  return undefined;
}

/** Local names bound to the package's exports: `{ local → exported }` and namespace names. */
function packageImports(sf: SourceFile): { named: Map<string, string>; namespaces: Set<string> } {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const imp of sf.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== PACKAGE_NAME) continue;
    const ns = imp.getNamespaceImport();
    if (ns) namespaces.add(ns.getText());
    for (const spec of imp.getNamedImports()) {
      named.set(spec.getAliasNode()?.getText() ?? spec.getName(), spec.getName());
    }
  }
  return { named, namespaces };
}
