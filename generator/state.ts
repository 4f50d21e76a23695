/**
 * The generator's record of what it owns in a project: every glue file (with
 * the hash of what was written) and every contribution it added to a file the
 * user owns. It lets `generate` delete only its own stale files and remove
 * exactly the manifest/plist entries it had added, and nothing else.
 *
 * Kept at `<project>/.bg-service/state.json` and meant to be committed, so
 * `generate --check` in CI sees the same ownership as the developer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STATE_FILE = join('.bg-service', 'state.json');

export interface ContributionRecord {
  /** Project-relative path of the user-owned file. */
  file: string;
  /** Contribution kind (see contributions.ts), e.g. `android-permission`. */
  kind: string;
  /** Identifies the contribution within the file, e.g. the permission name. */
  key: string;
  /** What the kind needs to remove it again. */
  data: Record<string, unknown>;
}

export interface ServiceState {
  /** Project-relative path of the declaration. */
  declaration: string;
  /** Project-relative glue file path → hash of the content written. */
  files: Record<string, string>;
  /** Project-relative user files created once (never rewritten). */
  userFiles: string[];
  /** Entries this service added to user-owned files. */
  contributions: ContributionRecord[];
}

export interface GeneratorState {
  version: 1;
  /** Service name → what it owns. */
  services: Record<string, ServiceState>;
}

export function emptyState(): GeneratorState {
  return { version: 1, services: {} };
}

export class StateError extends Error {}

export function readState(projectRoot: string): GeneratorState {
  const path = join(projectRoot, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return emptyState();
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new StateError(`${path}: not valid JSON (${(e as Error).message}); fix it or delete it to start over`);
  }
  const s = data as GeneratorState;
  if (!s || s.version !== 1 || typeof s.services !== 'object') {
    throw new StateError(`${path}: unknown format; delete it to start over`);
  }
  return s;
}

/** Serialise deterministically (sorted keys) so an unchanged state is byte-identical. */
export function serializeState(state: GeneratorState): string {
  const services: Record<string, ServiceState> = {};
  for (const name of Object.keys(state.services).sort()) {
    const s = state.services[name]!;
    services[name] = {
      declaration: s.declaration,
      files: Object.fromEntries(Object.entries(s.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      userFiles: [...s.userFiles].sort(),
      contributions: [...s.contributions].sort((a, b) =>
        `${a.file}\0${a.kind}\0${a.key}` < `${b.file}\0${b.kind}\0${b.key}` ? -1 : 1,
      ),
    };
  }
  return JSON.stringify({ version: 1, services }, null, 2) + '\n';
}
