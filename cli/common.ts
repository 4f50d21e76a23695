/**
 * What every executable shares: version, usage errors, exit codes and the
 * top-level error handler. Kept free of heavy imports so `--help` and
 * `--version` start about as fast as Node itself.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sourcePath } from '../lib/paths.js';

/** 0 success · 1 problems in the user's input or findings · 2 usage, configuration or internal error. */
export const Exit = { ok: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** An error whose message is already for the user (no stack trace); exits with `code`. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: number = Exit.problems,
  ) {
    super(message);
  }
}

export function packageVersion(): string {
  // From the package root, not this module's URL: bundled, this code runs from dist/bin/chunks.
  const pkg = JSON.parse(readFileSync(sourcePath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with errors turned into UsageError (exit 2). */
export interface ParsedArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export function parse(args: string[], options: Options, allowPositionals = true): ParsedArgs {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** Run a command's main; map errors to exit codes and clear messages. */
export async function runMain(program: string, usage: string, main: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await main();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${program}: ${e.message}\n\n${usage}`);
      code = Exit.usage;
    } else if (e instanceof UserFacingError) {
      process.stderr.write(`${program}: ${e.message}\n`);
      code = e.code;
    } else {
      const err = e as Error;
      process.stderr.write(
        `${program}: internal error: ${err?.message ?? String(e)}\n` +
          `${process.env.BG_DEBUG ? `${err?.stack ?? ''}\n` : 'Run again with BG_DEBUG=1 for the stack trace, and please report it.\n'}`,
      );
      code = Exit.usage;
    }
  }
  process.exitCode = code;
}
