/**
 * A target turns one service's context into outputs: rendered glue files,
 * user implementation files created once, and contributions to user files.
 * Each `templates/<target>/plan.ts` exports one.
 */
import type { GenerationContext } from './context.js';
import type { Contribution } from './contributions.js';

export interface OutputFile {
  /** Project-relative, '/'-separated. */
  path: string;
  content: string;
  /** `glue`: owned and rewritten by the generator; `user`: created once, then the user's. */
  owner: 'glue' | 'user';
}

export interface TargetOutput {
  files: OutputFile[];
  contributions: Contribution[];
  /** Things the user must do by hand (printed after generation). */
  notes: string[];
}

export interface Target {
  id: string;
  applies(ctx: GenerationContext): boolean;
  plan(ctx: GenerationContext): TargetOutput;
  /**
   * Type names a declared type must not take in this target's output: the
   * classes it generates for the service and the platform types its files
   * use unqualified (a declared `List` or `Data` would shadow them).
   */
  reservedTypeNames?(ctx: GenerationContext): readonly string[];
}

/** Join project-relative path parts, dropping a leading '.'. */
export function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p && p !== '.')
    .join('/')
    .replace(/\/+/g, '/');
}
