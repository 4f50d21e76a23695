import { defineRule } from '../rule.js';
import { STALE_RULE, reportDrift } from '../drift/analyze.js';

export default defineRule({
  meta: {
    id: STALE_RULE,
    platform: 'declaration',
    severity: 'error',
    docs: {
      title: 'Generated glue files match their declarations and were not edited by hand',
      why:
        'The files bg-service generates (Kotlin, Swift, Rust, TS) carry a header with the hash of their content. A glue file that is missing, older than ' +
        'its declaration (generate was not run after the declaration changed) or no longer generated means the app builds against an API the declaration ' +
        'no longer describes; one edited by hand makes `bg-service generate` stop, and its change is lost with `--force`.',
      fix:
        'Run `bg-service generate` and commit the result. For a file edited by hand, move the change into your implementation file (created once, never ' +
        'overwritten) or into the declaration, then run `bg-service generate --force`.',
      sources: ['bg-service generate --check (the same planner, run in memory)'],
      notes: 'Missing, out-of-date files are errors; hand edits, files no longer generated and a stale state file are warnings. No fix: generating is the fix.',
    },
  },
  check(ctx) {
    return reportDrift(ctx, STALE_RULE);
  },
});
