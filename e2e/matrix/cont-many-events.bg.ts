// Matrix row: many events and commands with every type form: nested, optional, enums,
// records, arrays of arrays, void events, commands without input or output, imported types.
import { defineService, type Integer } from 'create-bg-service';
import type { Item, Origin } from './types/shared.js';

/** Severity of a log line. */
type Level = 'debug' | 'info' | 'warn' | 'error' | 'in-progress' | 'x2';

/** Every field form at once. */
export interface Everything {
  text: string;
  amount: number;
  count: Integer;
  flag: boolean;
  maybe?: string;
  maybeCount?: Integer;
  list: string[];
  matrix: number[][];
  deep: Integer[][][];
  nested: { inner: { deepest: { value?: boolean } } };
  items: Item[];
  byId: Record<string, Item>;
  counts: Record<string, Integer>;
  nestedRecords: Record<string, Record<string, string[]>>;
  listOfRecords: Record<string, boolean>[];
  level: Level;
  levels?: Level[];
  levelById: Record<string, Level>;
  origin?: Origin;
  /** An empty object type. */
  empty: {};
  optionalNested?: { a?: { b?: string } };
}

export interface Events {
  everything: Everything;
  begun: void;
  ended: void;
  e01: { n: Integer };
  e02: { n: Integer };
  e03: { n: Integer };
  e04: { n: Integer };
  e05: { n: Integer };
  e06: { n: Integer };
  e07: { n: Integer };
  e08: { n: Integer };
  e09: { n: Integer };
  e10: { n: Integer };
  e11: { n: Integer };
  e12: { n: Integer };
  e13: { n: Integer };
  e14: { n: Integer };
  e15: { n: Integer };
  e16: { n: Integer };
  e17: { n: Integer };
  e18: { n: Integer };
  e19: { n: Integer };
  e20: { n: Integer };
  itemSaved: { item: Item; origin: Origin };
  /** Named like its payload type: the event class must not shadow it. */
  item: Item;
}

export interface Commands {
  /** No input, no result. */
  ping(): void;
  count(input: { folder: string }): Integer;
  tags(): string[];
  setLevel(level: Level): void;
  origin(): Origin;
  lookup(input: { ids: string[] }): Record<string, Item>;
  everything(input: Everything): Everything;
  grid(): number[][];
  flag(input: boolean): boolean;
}

export default defineService<Events, Commands>({
  name: 'cont-many-events',
  identifier: 'com.example.matrix.manyevents',
  kind: 'continuous',
  hosts: ['tauri'],
  android: {
    foregroundServiceType: ['dataSync'],
    notification: { channel: 'many', title: 'Many events' },
    onTimeout: 'stop',
  },
});
