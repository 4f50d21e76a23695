/**
 * Contributions: entries the generator adds to files the user owns
 * (a `<uses-permission>` in AndroidManifest.xml, a value in UIBackgroundModes,
 * a permission in a Tauri capability …). Each is plain data plus a kind; the
 * kind knows how to ensure it and how to remove it again with byte-preserving
 * edits, so a contribution recorded in the state file can be removed even
 * after the declaration no longer mentions it.
 */

export interface Contribution {
  /** Project-relative path of the user-owned file. */
  file: string;
  kind: string;
  /** Unique within (file, kind), e.g. the permission name. */
  key: string;
  data: Record<string, unknown>;
}

export interface ContributionKind {
  /** Return `src` with the contribution present; the same string when it already is. */
  ensure(src: string, data: Record<string, unknown>, file: string): string;
  /** Return `src` without the contribution; the same string when it is absent. */
  remove(src: string, data: Record<string, unknown>, file: string): string;
  /** A short description for summaries, e.g. `<uses-permission FOREGROUND_SERVICE>`. */
  describe(data: Record<string, unknown>): string;
}

const kinds = new Map<string, ContributionKind>();

export function registerContributionKind(name: string, kind: ContributionKind): void {
  kinds.set(name, kind);
}

export function contributionKind(name: string): ContributionKind {
  const k = kinds.get(name);
  if (!k) throw new Error(`bg-service internal error: unknown contribution kind "${name}"`);
  return k;
}
