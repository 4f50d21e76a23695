/**
 * The TypeScript every host shares: the types of a service's events, commands
 * and API (`types.ts`), rendered once per place that needs them — the
 * standalone `<moduleDir>/ts/types.ts`, and inside each host plugin package
 * (Tauri's guest-js, Capacitor's src), which must build on their own.
 */
import type { GenerationContext } from '../../generator/context.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target } from '../../generator/target.js';
import { serviceApi, type ServiceApi } from './api.js';
import { renderTransferClient, renderTransferTypes } from './transfer-plan.js';
import { tsHelpers } from './types.js';

/** The shared `types.ts` of a service's API (with the transfer types for a transfer service). */
export function renderApiTypes(ctx: GenerationContext, api: ServiceApi = serviceApi(ctx.model)): string {
  return renderTemplate('ts/types.ts.ejs', { model: ctx.model, api, declarationFile: ctx.declarationPath, h: tsHelpers }) + renderTransferTypes(ctx.model);
}

export const tsTypesTarget: Target = {
  id: 'ts-types',
  applies: () => true,
  plan(ctx) {
    const files: OutputFile[] = [{ path: joinPath(ctx.moduleDir, 'ts', 'types.ts'), content: renderApiTypes(ctx), owner: 'glue' }];
    if (ctx.model.kind === 'transfer') files.push({ path: joinPath(ctx.moduleDir, 'ts', 'transfer.ts'), content: renderTransferClient(ctx.model), owner: 'glue' });
    return {
      files,
      contributions: [],
      notes: [],
    };
  },
};
