/** Finding `*.bg.ts` declarations under a project, skipping dependencies and build output. */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Folders never searched: dependencies, build output, generated native projects, VCS. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules', 'dist', 'build', 'target', '.git', 'gen', 'Pods', 'DerivedData', '.gradle',
]);

export function isDeclarationFile(name: string): boolean {
  return name.endsWith('.bg.ts') && !name.endsWith('.d.bg.ts');
}

/** Absolute paths of every declaration under `projectDir`, sorted. Symlinks are not followed (no loops). */
export async function findDeclarations(projectDir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing of ours is in it
    }
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(e.name)) subdirs.push(walk(join(dir, e.name)));
      } else if (e.isFile() && isDeclarationFile(e.name)) found.push(join(dir, e.name));
    }
    await Promise.all(subdirs);
  }
  await walk(resolve(projectDir));
  return found.sort();
}
