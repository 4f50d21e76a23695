// Matrix row: enum values that are keywords in some target language. Each target escapes or
// renames the case name (Kotlin SCREAMING_SNAKE / backticks, Swift backticks or `self_`,
// Rust raw identifiers or `Self_` with serde's rename) and the wire value stays the string.
import { defineService } from 'create-bg-service';

/** Keywords of Kotlin, Swift, Rust and TS; `self` last, so the Rust runner's samples send it through `Self_`. */
export type Mode = 'default' | 'class' | 'type' | 'in' | 'fun' | 'where' | 'self';

/** More keywords, one per target at least, and the Swift members backticks cannot free (`init`, `Self`). */
export type Word = 'init' | 'Self' | 'match' | 'when' | 'val' | 'is' | 'as' | 'enum' | 'struct' | 'typeof' | 'yield' | 'gen' | 'try' | 'do';

export interface Events {
  changed: { mode: Mode; previous?: Mode; words: Word[]; byName: Record<string, Word> };
}

export interface Commands {
  setMode(input: { mode: Mode }): { applied: Mode; word: Word };
}

export default defineService<Events, Commands>({
  name: 'enum-keyword-values',
  identifier: 'com.example.matrix.enumkeywords',
  kind: 'periodic',
  hosts: ['tauri', 'capacitor'],
  schedule: { everyMinutes: 15 },
});
