/**
 * ANSI colour for terminal output, with the usual switches: colour only when
 * the stream is a TTY and `NO_COLOR` is unset; `FORCE_COLOR` overrides both
 * (`FORCE_COLOR=0` or `false` turns colour off). Dependency-free so every
 * command (including bg-doctor) can use it without loading anything else.
 */

export interface Colours {
  readonly enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** Whether to colour output written to `stream` (e.g. `process.stderr`). */
export function shouldColour(
  stream: { isTTY?: boolean } | undefined,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  // https://no-color.org: any non-empty value disables colour.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream?.isTTY === true;
}

function wrap(enabled: boolean, open: number, close: number): (text: string) => string {
  if (!enabled) return (text) => text;
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/** A palette that either colours or passes text through unchanged. */
export function colours(enabled: boolean): Colours {
  return {
    enabled,
    red: wrap(enabled, 31, 39),
    yellow: wrap(enabled, 33, 39),
    green: wrap(enabled, 32, 39),
    cyan: wrap(enabled, 36, 39),
    magenta: wrap(enabled, 35, 39),
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
  };
}

/** The palette for a stream, deciding with {@link shouldColour}. */
export function coloursFor(stream: { isTTY?: boolean } | undefined): Colours {
  return colours(shouldColour(stream));
}
