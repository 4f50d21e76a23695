import { defineRule } from '../rule.js';
import { INVALID_RULE, reportDrift } from '../drift/analyze.js';

export default defineRule({
  meta: {
    id: INVALID_RULE,
    platform: 'declaration',
    severity: 'error',
    docs: {
      title: 'bg-service declarations read without errors',
      why:
        'A `*.bg.ts` declaration the reader rejects (a syntax error, an unknown option, an unsupported type, …) cannot be generated: `bg-service generate` ' +
        'writes nothing while any error stands, so the app keeps whatever was generated before, and bg-doctor cannot check the project against it.',
      fix: 'Fix the declaration as the message says (the code, e.g. BG100, is listed in declaration/README.md), then run `bg-service generate`.',
      sources: ['declaration/reader.ts (the same reader `generate` uses)'],
      notes: 'Also reports what stops generation for a valid declaration (e.g. no identifier and no host app to derive one from).',
    },
  },
  check(ctx) {
    return reportDrift(ctx, INVALID_RULE);
  },
});
