import type { RunResult } from '../run.js';
import type { Colours } from '../../lib/colour.js';

export interface FormatOptions {
  /** Paths are printed relative to this folder. */
  cwd: string;
  colour?: Colours;
  /** bg-doctor's version (SARIF driver, JSON). */
  version: string;
  /** Read a file for code frames (default: fs). */
  read?: (file: string) => string | undefined;
}

export type Formatter = (result: RunResult, options: FormatOptions) => string;
