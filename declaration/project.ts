/**
 * The ts-morph project the reader works in, set up to be fast: only the ES5
 * default library, trimmed (enough for Array, ReadonlyArray, Record, Promise
 * and the built-ins we name in errors), no library checks, no semantic diagnostics,
 * and `create-bg-service` mapped to this package's own define module so the
 * declaration reads the same whether or not the package is installed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from 'ts-morph';
import { sourcePath } from '../lib/paths.js';
import { Project, ts } from './ts-morph.js';

/**
 * The package's define module: the compiled `.d.ts` in dist, else the source.
 * Found from the package root, not from this module's URL: in the bundled
 * executables (dist/bin) this code runs from a chunk elsewhere.
 */
const definePath = ((): string => {
  const dts = sourcePath('dist', 'declaration', 'define.d.ts');
  return existsSync(dts) ? dts : sourcePath('declaration', 'define.ts');
})();

export const PACKAGE_NAME = 'create-bg-service';

/**
 * The trimmed default library `npm run build` writes (scripts/reader-build.mjs:
 * every global type of lib.es5.d.ts by name, members only where a declaration's
 * types resolve through them) — ~200 ms less per first read than the whole one.
 * Without a build (never in a package), ts-morph's own.
 */
const libFolder = ((): string | undefined => {
  const dir = sourcePath('dist', 'declaration', 'lib');
  return existsSync(join(dir, 'lib.es5.d.ts')) ? dir : undefined;
})();

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
    ...(libFolder ? { libFolderPath: libFolder } : {}),
  });
}

const normalise = (p: string): string => p.replace(/\\/g, '/');

export function isPackageFile(sf: SourceFile): boolean {
  return normalise(sf.getFilePath()) === normalise(definePath);
}

export function isLibFile(project: Project, sf: SourceFile): boolean {
  return project.getProgram().compilerObject.isSourceFileDefaultLibrary(sf.compilerNode);
}
