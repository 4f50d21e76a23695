/**
 * Build generated TypeScript into runnable ESM, as a user's toolchain would
 * (type-checking is `typecheckTs`'s job; this only emits): every .ts file
 * under `srcDir` is transpiled to the same place under `outDir`, and
 * `outDir/package.json` says `"type": "module"`.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.bg.ts')) out.push(p);
  }
  return out;
}

export async function buildEsm(srcDir: string, outDir: string): Promise<void> {
  const { default: ts } = await import('typescript');
  for (const file of tsFiles(srcDir)) {
    const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    if (diagnostics?.length) throw new Error(`${file}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    const target = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
}

/** The compiler options strict apps turn on beyond `strict`, which the generated Node runner must pass. */
export const STRICTEST_TS = {
  noUnusedLocals: true,
  noUnusedParameters: true,
  exactOptionalPropertyTypes: true,
  erasableSyntaxOnly: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
} as const;
