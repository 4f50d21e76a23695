/**
 * The validated, normalized model of one service declaration.
 *
 * The reader produces it; templates, the generator and bg-doctor's drift check
 * consume it. Everything here is plain data (JSON-serialisable) so it can be
 * snapshotted in tests and cached.
 */
import type {
  DesktopOptions,
  ForegroundServiceType,
  Host,
  IosBackgroundMode,
  NotificationImportance,
  NetworkRequirement,
  ServiceKind,
  ServicePermission,
  TimeoutPolicy,
  TransferNotification,
} from './define.js';

export type {
  DesktopOptions,
  ForegroundServiceType,
  Host,
  IosBackgroundMode,
  NotificationImportance,
  NetworkRequirement,
  ServiceKind,
  ServicePermission,
  TimeoutPolicy,
};

/** A 1-based position in the declaration file. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
}

/** The spellings of one identifier that the targets need. */
export interface NameForms {
  /** notes-sync */
  kebab: string;
  /** notesSync */
  camel: string;
  /** NotesSync */
  pascal: string;
  /** notes_sync */
  snake: string;
  /** NOTES_SYNC */
  screamingSnake: string;
}

/** A reference to a type: primitives inline, structs and enums by name. */
export type TypeRef =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'boolean' }
  | { kind: 'array'; element: TypeRef }
  | { kind: 'record'; value: TypeRef }
  | { kind: 'named'; name: string };

export interface Field {
  /** As written in TS (camelCase by convention; any valid identifier). */
  name: string;
  type: TypeRef;
  optional: boolean;
  doc?: string;
  loc: SourceLoc;
}

export interface StructType {
  kind: 'struct';
  /** PascalCase; synthesised for inline object types (e.g. `ProgressEvent`). */
  name: string;
  fields: Field[];
  doc?: string;
  loc: SourceLoc;
}

export interface EnumType {
  kind: 'enum';
  name: string;
  /** The string literals, in declaration order. */
  values: string[];
  doc?: string;
  loc: SourceLoc;
}

export type NamedType = StructType | EnumType;

export interface EventDecl {
  /** The key in the events interface, e.g. `progress`. */
  name: string;
  names: NameForms;
  /**
   * A named struct (inline payloads get a synthesised name), or absent for an
   * event declared with `void`, which carries no data.
   */
  payload?: TypeRef;
  doc?: string;
  loc: SourceLoc;
}

export interface CommandDecl {
  /** The method name, e.g. `syncNow`. */
  name: string;
  names: NameForms;
  /** Absent when the method takes no parameter. */
  input?: TypeRef;
  /** Absent when the method returns void. */
  output?: TypeRef;
  doc?: string;
  loc: SourceLoc;
}

export interface AndroidNotification {
  channel: string;
  channelName: string;
  title: string;
  text?: string;
  importance: NotificationImportance;
  /** Label of the Stop action, or undefined for none. */
  stopActionLabel?: string;
}

export interface AndroidModel {
  /** Kotlin package, e.g. `com.example.notes.notessync`. Undefined until resolved against the app. */
  package?: string;
  foregroundServiceTypes: ForegroundServiceType[];
  specialUseSubtype?: string;
  /**
   * Always present for `continuous` services (a foreground service must show
   * one; the reader requires it). Optional for `transfer`, where it names the
   * channel of the transfer notifications; never present for `periodic`.
   */
  notification?: AndroidNotification;
  restartOnBoot: boolean;
  onTimeout: TimeoutPolicy;
}

export interface IosModel {
  refresh?: { everyMinutes: number };
  processing?: { requiresNetwork: boolean; requiresExternalPower: boolean };
  backgroundModes: IosBackgroundMode[];
  usageDescriptions: {
    location?: string;
    locationAlways?: string;
    bluetooth?: string;
    camera?: string;
    microphone?: string;
  };
  pushEnvironment: 'development' | 'production';
}

export interface ScheduleModel {
  everyMinutes: number;
  network: NetworkRequirement;
  requiresCharging: boolean;
  requiresDeviceIdle: boolean;
  requiresBatteryNotLow: boolean;
  maxRunSeconds: number;
}

export interface DesktopModel {
  runtime: 'rust' | 'node';
  mode: 'inProcess' | 'osService';
  autostart: boolean;
  keepAlive: boolean;
  outliveLogout: boolean;
}

export interface TransferModel {
  retries: number;
  requiresUnmetered: boolean;
  requiresCharging: boolean;
  allowPause: boolean;
  group: string;
  maxConcurrentPerHost: number;
  sharedStorage: { androidLegacyStorage: boolean; iosPhotosUsage?: string };
  notifications: {
    running?: TransferNotification;
    complete?: TransferNotification;
    error?: TransferNotification;
    paused?: TransferNotification;
  };
}

export interface ServiceModel {
  /** Absolute path of the declaration file. */
  sourceFile: string;
  names: NameForms;
  /** Reverse-DNS id if the declaration gives one; else resolved from the host app. */
  identifier?: string;
  description?: string;
  kind: ServiceKind;
  hosts: Host[];
  /** Present when the declaration targets Android (always, for the hosts we support). */
  android: AndroidModel;
  ios: IosModel;
  desktop: DesktopModel;
  /** Present for `periodic` services. */
  schedule?: ScheduleModel;
  /** Present for `transfer` services. */
  transfer?: TransferModel;
  permissions: ServicePermission[];
  /** Every struct and enum the events and commands use, dependencies first. */
  types: NamedType[];
  events: EventDecl[];
  commands: CommandDecl[];
  /** Where the `defineService` call is, for messages. */
  loc: SourceLoc;
}

/** One problem found in a declaration. */
export interface DeclarationDiagnostic {
  code: string;
  message: string;
  /** "did you mean …", or how to fix it. */
  hint?: string;
  loc: SourceLoc;
  /** Length of the offending span on that line, for the code frame underline. */
  length?: number;
}
