/** The TypeScript types of a service's events and commands, shared by the host APIs. */
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type Target } from '../../generator/target.js';
import { tsHelpers } from './types.js';

export const tsTypesTarget: Target = {
  id: 'ts-types',
  applies: () => true,
  plan(ctx) {
    const content = renderTemplate('ts/types.ts.ejs', {
      model: ctx.model,
      declarationFile: ctx.declarationPath,
      h: tsHelpers,
    });
    return {
      files: [{ path: joinPath(ctx.moduleDir, 'ts', 'types.ts'), content, owner: 'glue' }],
      contributions: [],
      notes: [],
    };
  },
};
