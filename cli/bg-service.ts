#!/usr/bin/env node
/**
 * `bg-service generate`: regenerate the glue of every declaration in the project.
 * Heavy modules (the declaration reader with ts-morph, the templates) load only
 * on the generate path.
 */
import { Exit, packageVersion, parse, runMain, UsageError } from './common.js';

const USAGE = `Usage: bg-service <command> [options]

Commands:
  generate [declaration...]   Regenerate the native modules, manifest entries and TS API
                              from the *.bg.ts declarations (all of the project's by default).

Options for generate:
  --project <dir>   The app or module folder (default: found from the current folder)
  --check           Write nothing; exit 1 and list the files that would change (for CI)
  --dry-run         Write nothing; print the changes as a unified diff
  --watch           Regenerate whenever a declaration is saved
  --force           Overwrite generated files that were edited by hand, and files
                    bg-service did not create
  --quiet           Print only problems

Global options:
  -h, --help        Show this help
  -v, --version     Show the version

Exit codes: 0 done (or nothing to change) · 1 a problem in a declaration, a conflict,
or (with --check) files out of date · 2 bad usage or an internal error.
`;

const args = process.argv.slice(2);

await runMain('bg-service', USAGE, async () => {
  if (args.length === 0) throw new UsageError('missing command');
  if (args[0] === '-h' || args[0] === '--help' || args[0] === 'help') {
    process.stdout.write(USAGE);
    return Exit.ok;
  }
  if (args[0] === '-v' || args[0] === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return Exit.ok;
  }
  const [command, ...rest] = args;
  if (command !== 'generate') throw new UsageError(`unknown command "${command}"`);
  const { values, positionals } = parse(rest, {
    project: { type: 'string' },
    check: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    watch: { type: 'boolean' },
    force: { type: 'boolean' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return Exit.ok;
  }
  const modes = [values.check && '--check', values['dry-run'] && '--dry-run', values.watch && '--watch'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  const { runGenerate } = await import('./generate.js');
  return runGenerate({
    cwd: process.cwd(),
    project: values.project as string | undefined,
    declarations: positionals,
    mode: values.check ? 'check' : values['dry-run'] ? 'dry-run' : values.watch ? 'watch' : 'write',
    force: values.force === true,
    quiet: values.quiet === true,
  });
});
