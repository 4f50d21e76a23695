/**
 * Text for block doc comments (`/** … *\/`) in Kotlin, Swift, Rust and TS/JS.
 *
 * One helper serves all four because their rules agree on what matters: `*\/`
 * ends a comment everywhere, and Kotlin, Swift and Rust also NEST comments, so
 * a stray `/*` would swallow the closing `*\/` and the rest of the file. The
 * text is for people, so it is made safe rather than kept byte-exact:
 *
 * - `*\/` and `/*` get a space between their two characters (`* /`, `/ *`),
 *   also across the boundaries with the surrounding `/**` and `*\/`: a leading
 *   `/` or a trailing `/` gets a space so that `/**` + text + `*\/` never
 *   forms `/**\/` or `/*` either.
 * - CR and CRLF become LF (rustc rejects a bare CR in doc comments).
 * - Characters hidden in source (controls other than tab and LF, bidi
 *   controls, which rustc denies in comments too, lone surrogates, …) become
 *   U+FFFD, the visible replacement character.
 *
 * Line prefixes (` * `) are the template's business; this never adds any.
 */
import { escapeCodePoints, isHiddenInSource } from './core.js';

const REPLACEMENT = '\uFFFD';

export function docCommentText(s: string): string {
  const cleaned = escapeCodePoints(s.replace(/\r\n?/g, '\n'), 'doc comment', (cp) =>
    cp !== 0x9 && cp !== 0xa && isHiddenInSource(cp) ? REPLACEMENT : undefined,
  );
  // The opener `/**` ends in `*`, so a leading `/` already forms `*/`.
  let out = '';
  let prev = '*';
  for (const ch of cleaned) {
    if ((prev === '*' && ch === '/') || (prev === '/' && ch === '*')) out += ' ';
    out += ch;
    prev = ch;
  }
  // The closer `*/` starts with `*`, so a trailing `/` would form `/*`.
  return prev === '/' ? `${out} ` : out;
}
