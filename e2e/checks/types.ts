/**
 * The contract between the declaration matrix (e2e/matrix.test.ts) and the
 * checks each target registers in e2e/checks/index.ts.
 */
import type { ServiceModel } from '../../declaration/model.js';
import type { HostProject } from '../../generator/host.js';

/** One matrix row generated into one project shape. */
export interface MatrixProject {
  /** The declaration's file name, e.g. `fgs-location.bg.ts`: how failures name the row. */
  row: string;
  shape: 'standalone' | 'tauri' | 'capacitor';
  /** Absolute project root (a temp folder). */
  root: string;
  host: HostProject;
  model: ServiceModel;
  /** Project-relative paths of every file the generation created or changed. */
  files: string[];
}

/** A failed check, located in the generated code where the tool said so. */
export interface CheckFailure {
  project: MatrixProject;
  /** Project-relative path of the generated file (absent when the finding is about the project). */
  file?: string;
  /** 1-based; absent when the tool gave no position. */
  line?: number;
  column?: number;
  message: string;
}

/**
 * A check over the generated projects. `run` gets every project `applies`
 * accepts at once, so slow tools (kotlinc, cargo, tsc) run in a few batches,
 * not once per project.
 */
export interface MatrixCheck {
  /** Shown as the test name, e.g. `android: kotlinc -Werror`. */
  name: string;
  applies(project: MatrixProject): boolean;
  run(projects: MatrixProject[]): Promise<CheckFailure[]>;
}
