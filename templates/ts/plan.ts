/**
 * The TypeScript every host shares: the types of a service's events, commands
 * and API (`types.ts`), rendered once per place that needs them — the
 * standalone `<moduleDir>/ts/types.ts`, and inside each host plugin package
 * (Tauri's guest-js, Capacitor's src), which must build on their own.
 */
import type { GenerationContext } from '../../generator/context.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type Target } from '../../generator/target.js';
import { serviceApi, type ServiceApi } from './api.js';
import { tsHelpers } from './types.js';

/** The shared `types.ts` of a service's API. */
export function renderApiTypes(ctx: GenerationContext, api: ServiceApi = serviceApi(ctx.model)): string {
  return renderTemplate('ts/types.ts.ejs', { model: ctx.model, api, declarationFile: ctx.declarationPath, h: tsHelpers });
}

export const tsTypesTarget: Target = {
  id: 'ts-types',
  applies: () => true,
  plan(ctx) {
    return {
      files: [{ path: joinPath(ctx.moduleDir, 'ts', 'types.ts'), content: renderApiTypes(ctx), owner: 'glue' }],
      contributions: [],
      notes: [],
    };
  },
};
