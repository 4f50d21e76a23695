#!/usr/bin/env node
/**
 * `create-bg-service [dir]`: scaffold a background-service declaration into a
 * Tauri v2 or Capacitor app, or a standalone module, and run the first
 * generation. `--version` loads nothing but package.json; `--help` loads only
 * the question table; the prompt library and the compiler load on the paths
 * that use them.
 */
import { Exit, packageVersion, runMain } from './common.js';

const args = process.argv.slice(2);
const wants = (...flags: string[]) => args.some((a) => flags.includes(a));

// Usage errors print a pointer to --help rather than the whole, long, help text.
const SEE_HELP = 'Run `create-bg-service --help` for every option and the valid values.\n';

await runMain('create-bg-service', SEE_HELP, async () => {
  if (wants('-v', '--version')) {
    process.stdout.write(`${packageVersion()}\n`);
    return Exit.ok;
  }
  if (wants('-h', '--help')) {
    const { usage } = await import('../create/help.js');
    process.stdout.write(usage());
    return Exit.ok;
  }
  const { parseInvocation } = await import('../create/flags.js');
  const invocation = parseInvocation(args);
  const { runCreate } = await import('../create/run.js');
  return runCreate(invocation, process.cwd());
});
