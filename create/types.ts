/**
 * The shapes shared by create-bg-service's modules: the answers, the target
 * folder as the questions see it, and the question table's entry type.
 * Type-only imports, so the `--help` path loads nothing for them.
 */
import type {
  DesktopOptions,
  ForegroundServiceType,
  Host,
  IosBackgroundMode,
  ServiceKind,
  ServicePermission,
} from '../declaration/define.js';

/** Every answer; a resolved set holds exactly the answers whose question applies. */
export interface Answers {
  name: string;
  kind: ServiceKind;
  hosts: Host[];
  identifier: string;
  everyMinutes: number;
  fgsTypes: ForegroundServiceType[];
  specialUseSubtype: string;
  notificationTitle: string;
  notificationChannel: string;
  permissions: ServicePermission[];
  iosModes: IosBackgroundMode[];
  usageLocation: string;
  usageLocationAlways: string;
  usageBluetooth: string;
  usageCamera: string;
  usageMicrophone: string;
  iosRefreshMinutes: number;
  iosProcessing: boolean;
  desktopRuntime: DesktopOptions['runtime'];
  desktopMode: DesktopOptions['mode'];
  autostart: boolean;
}

export type QuestionId = keyof Answers;
export type Given = Partial<Answers>;

/** What the questions need to know about the folder they scaffold into. */
export interface TargetInfo {
  /** The app's host, or a standalone module. */
  kind: Host | 'standalone';
  /** The app's id (Tauri `identifier`, Capacitor `appId`), when it has one. */
  appId?: string;
  /** The folder's own name, the default service name of a new module. */
  folderName: string;
  /** The service of a standalone module made before (it holds one). */
  moduleService?: string;
}

export type QuestionType = 'input' | 'number' | 'select' | 'checkbox' | 'confirm';

export interface Choice {
  value: string;
  /** Shown beside the value in prompts, `--help` and the README. */
  description: string;
}

/** A condition with the words that say it (for `--help`, the README and errors). */
export interface Condition {
  test(a: Given, t: TargetInfo): boolean;
  text: string;
}

/**
 * One question. `K` ties the value's type to the answer it fills; the table
 * erases it (see `Question`).
 */
export interface QuestionSpec<K extends QuestionId> {
  id: K;
  /** Long flag name without `--`; a confirm question also gets `--no-<flag>`. */
  flag: string;
  type: QuestionType;
  /** The prompt text. */
  message: string;
  /** One line for `--help` and the README. */
  help: string;
  /** Valid values of a select or checkbox question, in order. */
  choices?: readonly Choice[];
  /** What a valid input looks like, for errors and `--help` (input and number questions). */
  format?: string;
  /** Asked (and its flag accepted) only when this holds. */
  when?: Condition;
  /** Answers the condition, default and check read: a failure there skips this question. */
  uses?: readonly QuestionId[];
  /** The answer when the condition does not hold (e.g. an app's hosts are its own). */
  otherwise?: { value(a: Given, t: TargetInfo): Answers[K] | undefined; text: string };
  /** No default: the answer is required. `value` may depend on earlier answers. */
  default?: { value(a: Given, t: TargetInfo): Answers[K] | undefined; text: string };
  /** Smallest number allowed, with the reason (number questions). */
  min?: { value: number; reason?: string };
  /** A checkbox answer may be empty (`none` on the command line). */
  emptyAllowed?: boolean;
  /** The value on its own (format), independent of other answers; a message when wrong. */
  validate?(value: Answers[K]): string | undefined;
  /** The value against earlier answers; a message when it does not fit. */
  check?(value: Answers[K], a: Given, t: TargetInfo): string | undefined;
}

/**
 * A table entry with its value type widened to any answer's, so all questions
 * fit one array (the methods take their value bivariantly, so a
 * `QuestionSpec<'name'>` is one).
 */
export type Question = QuestionSpec<QuestionId>;

/** A value of any question. */
export type AnswerValue = Answers[QuestionId];
