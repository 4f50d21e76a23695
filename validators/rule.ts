/**
 * The rule contract of bg-doctor, modelled on ESLint: a rule is a module with
 * metadata (id, severity, docs with the exact runtime error text users search
 * for) and a `check` that reports located findings, optionally with a fix made
 * of byte-preserving text edits.
 */
import type { AppProject } from './project/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type ConfiguredSeverity = Severity | 'off';
/** `core`: findings of bg-doctor itself (parse errors, suppressions, internal errors). */
export type RulePlatform = 'android' | 'ios' | 'desktop' | 'tauri' | 'capacitor' | 'declaration' | 'core';

export interface RuleDocs {
  /** One line: what the rule checks. */
  title: string;
  /** What goes wrong at run time or in review, and why. */
  why: string;
  /** How to fix it, in words (the fix itself is in `check`). */
  fix: string;
  /** The exact error text users see and search for, verbatim. */
  runtimeErrors?: string[];
  /** From which targetSdk / OS version the rule applies, e.g. "targetSdk 34". */
  since?: string;
  /** Where the facts come from (platform-rules.md source keys or URLs). */
  sources?: string[];
  /** Where this rule knowingly differs from a primary source or a peer tool. */
  notes?: string;
}

export interface RuleMeta {
  /** Stable id, e.g. `android-fgs-type-missing`. */
  id: string;
  platform: RulePlatform;
  /** The most severe level the rule reports at by default. */
  severity: Severity;
  docs: RuleDocs;
  /** True when some findings carry a `fix`. */
  fixable?: boolean;
}

/** Replace source[start, end) of `file` with `text` (offsets into the file as read). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Absolute path of the file the edits apply to. */
  file: string;
  edits: TextEdit[];
  /** What the fix does, e.g. "add <uses-permission android:name=…/>". */
  description: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file where the fix belongs. */
  file: string;
  /** 1-based; 0 when the finding is about the file as a whole. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
  /** The app (folder, relative to the audited root) the finding belongs to. */
  app?: string;
  /** Report.group, until the runner has kept the first claiming app's findings of each group (never in a result). */
  group?: string;
}

/** What a rule reports; the runner fills ruleId, app and the configured severity. */
export interface Report {
  message: string;
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Lower than the rule's default (e.g. a W case of an E rule). Never higher. */
  severity?: Severity;
  /**
   * The fix, or a function computing it (called at most once, only when
   * something reads `Finding.fix`: --fix, --fix-dry-run, the formatters).
   * Lazy fixes keep a plain audit from running the editors.
   */
  fix?: Fix | (() => Fix | undefined);
  /**
   * A check several apps may run for the same thing (the drift check of a
   * generator root that holds declarations of two apps): the findings of a
   * group are kept only for the first app, in app order, that claimed it
   * (RuleContext.claim). One thread runs such a check once; worker threads
   * may each run it for an app of theirs.
   */
  group?: string;
}

/** Options of one run that rules may consult. */
export interface RunSettings {
  /**
   * targetSdk to assume when the app's build files do not say (`--target-sdk`).
   * Never overrides a value the project states.
   */
  assumeTargetSdk?: number;
}

export interface RuleContext {
  project: AppProject;
  settings: RunSettings;
  report(r: Report): void;
  /** This app takes on the check of `group` (Report.group), findings or not. */
  claim?(group: string): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void | Promise<void>;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
