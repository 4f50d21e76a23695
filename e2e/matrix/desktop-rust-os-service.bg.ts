// Matrix row: the Rust desktop runner in OS-service mode with everything on
// (autostart, keepAlive, outliveLogout), events and commands of every shape,
// and names that stress the runner: a type called like a std type, a field
// whose camelCase is not serde's, commands named like the runner's own
// methods, long names (the event is 60 characters in snake_case, the longest BG304
// allows), a description with `%`, non-ASCII and a backslash.
import { defineService, type Integer } from 'create-bg-service';

export interface Option {
  label: string;
  weight?: number;
}

export interface Events {
  ping: void;
  fooURL: { fooURL: string; ids: Integer[][]; tags: Record<string, boolean>; kind?: 'a-b' | 'c_d' | 'Upper'; choice?: Option };
  aVeryLongEventNameThatGoesOnAndOnForeverAndAgain: { aVeryLongFieldNameThatGoesOnAndOnAndOnAndOn: number };
}

export interface Commands {
  run(): void;
  status(input: { verbose: boolean }): Option;
  synchronizeAllTheFoldersNowPleaseAndThenSome(input: { folders: string[]; options: Record<string, Option> }): { synced: Integer; skipped: string[] };
  listOptions(): Option[];
}

export default defineService<Events, Commands>({
  name: 'desktop-rust-os-service',
  identifier: 'com.example.matrix.desktop-rust-os',
  description: 'Synchronisation « 100 % » — with a trailing backslash \\',
  kind: 'continuous',
  hosts: ['tauri'],
  android: { foregroundServiceType: ['dataSync'], notification: { channel: 'desk', title: 'Desktop' } },
  desktop: { runtime: 'rust', mode: 'osService', autostart: true, keepAlive: true, outliveLogout: true },
});
