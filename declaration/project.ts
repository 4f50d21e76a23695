/**
 * The ts-morph project the reader works in, set up to be fast: only the ES5
 * default library (enough for Array, ReadonlyArray, Record, Promise and the
 * built-ins we name in errors), no library checks, no semantic diagnostics,
 * and `create-bg-service` mapped to this package's own define module so the
 * declaration reads the same whether or not the package is installed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from 'ts-morph';
import { Project, ts } from './ts-morph.js';

/** The package's define module beside this file (`.d.ts` in dist, `.ts` in the source tree). */
const definePath = ((): string => {
  const dts = fileURLToPath(new URL('./define.d.ts', import.meta.url));
  return existsSync(dts) ? dts : fileURLToPath(new URL('./define.ts', import.meta.url));
})();

export const PACKAGE_NAME = 'create-bg-service';

export function createProject(): Project {
  return new Project({
    compilerOptions: {
      lib: ['lib.es5.d.ts'],
      types: [],
      skipLibCheck: true,
      skipDefaultLibCheck: true,
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      // Bundler resolution accepts `./types`, `./types.js` and `./types.ts`.
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      paths: { [PACKAGE_NAME]: [definePath] },
    },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
}

const normalise = (p: string): string => p.replace(/\\/g, '/');

export function isPackageFile(sf: SourceFile): boolean {
  return normalise(sf.getFilePath()) === normalise(definePath);
}

export function isLibFile(project: Project, sf: SourceFile): boolean {
  return project.getProgram().compilerObject.isSourceFileDefaultLibrary(sf.compilerNode);
}
