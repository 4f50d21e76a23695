/**
 * The desktop runner in Node (desktop.runtime = 'node'), for Capacitor and
 * Electron apps and standalone modules: ESM TypeScript under
 * `nodeRunnerDir(ctx)` (runner/ glue, `main.ts` entry for the OS service, the
 * user's `my-service.ts`), using the service's TS types from `ts/types.ts`.
 */
import { posix } from 'node:path';
import type { ServiceModel, TypeRef } from '../../declaration/model.js';
import type { GenerationContext } from '../../generator/context.js';
import { nodeRunnerDir } from '../../generator/layout.js';
import { renderTemplate } from '../../generator/render.js';
import { joinPath, type OutputFile, type Target } from '../../generator/target.js';
import { isValidIdentifier, tsString } from '../../escape/index.js';
import { tsDoc, tsType } from '../ts/types.js';
import { tsCommandMethod } from './names.js';
import { desktopLabel, desktopNotes, unitTexts } from './units.js';

/** The runner's glue files, in `templates/desktop/node/runner/<name>.ejs`. */
export const NODE_RUNNER_FILES = [
  'control.ts',
  'schema.ts',
  'identity.ts',
  'protocol.ts',
  'service.ts',
  'lifecycle.ts',
  'desired.ts',
  'ipc.ts',
  'os-service.ts',
  'service-main.ts',
  'index.ts',
] as const;

/** Where the TS types target writes the service's types (templates/ts/plan.ts). */
function typesFile(ctx: GenerationContext): string {
  return joinPath(ctx.moduleDir, 'ts', 'types.ts');
}

/** An ESM import specifier from folder `fromDir` to the `.ts` file `to` (as `.js`). */
function importPath(fromDir: string, to: string): string {
  const rel = posix.relative(fromDir || '.', to).replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function namedIn(t: TypeRef | undefined, out: Set<string>): Set<string> {
  if (!t) return out;
  if (t.kind === 'named') out.add(t.name);
  else if (t.kind === 'array') namedIn(t.element, out);
  else if (t.kind === 'record') namedIn(t.value, out);
  return out;
}

/** A TypeRef (of schema.ts) as a TS expression. */
function typeRefLiteral(t: TypeRef): string {
  switch (t.kind) {
    case 'array':
      return `{ kind: 'array', element: ${typeRefLiteral(t.element)} }`;
    case 'record':
      return `{ kind: 'record', value: ${typeRefLiteral(t.value)} }`;
    case 'named':
      return `{ kind: 'named', name: ${tsString(t.name)} }`;
    default:
      return `{ kind: ${tsString(t.kind)} }`;
  }
}

/** TYPES and INPUTS of protocol.ts: the model's types as data. */
function schema(model: ServiceModel): { types: string; inputs: string } {
  const types = model.types.map((t) => {
    const body =
      t.kind === 'enum'
        ? `{ kind: 'enum', values: [${t.values.map((v) => tsString(v)).join(', ')}] }`
        : `{\n      kind: 'struct',\n      fields: [${t.fields
            .map((f) => `\n        { name: ${tsString(f.name)}, type: ${typeRefLiteral(f.type)}, optional: ${f.optional} },`)
            .join('')}${t.fields.length ? '\n      ' : ''}],\n    }`;
    return `\n  [\n    ${tsString(t.name)},\n    ${body},\n  ],`;
  });
  const inputs = model.commands.map((c) => `\n  [${tsString(c.name)}, ${c.input ? typeRefLiteral(c.input) : 'null'}],`);
  const map = (entries: string[]) => (entries.length ? `new Map([${entries.join('')}\n])` : 'new Map()');
  return { types: map(types), inputs: map(inputs) };
}

/** What the Node templates read. */
export function nodeView(ctx: GenerationContext): Record<string, unknown> {
  const model = ctx.model;
  const dir = nodeRunnerDir(ctx);
  const commandTypes = new Set<string>();
  for (const c of model.commands) namedIn(c.output, namedIn(c.input, commandTypes));
  const allTypes = new Set(commandTypes);
  for (const e of model.events) namedIn(e.payload, allTypes);
  return {
    model,
    label: desktopLabel(ctx),
    h: { tsString, tsDoc, key: (name: string) => (isValidIdentifier('ts', name) ? name : tsString(name)) },
    events: model.events.map((e) => ({ decl: e, payload: e.payload ? tsType(e.payload) : undefined })),
    commands: model.commands.map((c) => ({
      decl: c,
      method: tsCommandMethod(c),
      input: c.input ? tsType(c.input) : undefined,
      output: c.output ? tsType(c.output) : 'void',
      outputType: c.output !== undefined,
    })),
    typeImports: [...allTypes].sort(),
    traitTypeImports: [...commandTypes].sort(),
    typesModule: importPath(joinPath(dir, 'runner'), typesFile(ctx)),
    userTypesModule: importPath(dir, typesFile(ctx)),
    schema: schema(model),
    unit: unitTexts(ctx),
  };
}

export const desktopNodeTarget: Target = {
  id: 'desktop-node',
  // A transfer service has no service to run: its desktop side is the transfer engine (transfer-target.ts).
  applies: (ctx) => ctx.model.kind !== 'transfer' && ctx.model.desktop.runtime === 'node',
  plan(ctx) {
    const view = nodeView(ctx);
    const dir = nodeRunnerDir(ctx);
    const files: OutputFile[] = NODE_RUNNER_FILES.map((name) => ({
      path: joinPath(dir, 'runner', name),
      content: renderTemplate(`desktop/node/runner/${name}.ejs`, view),
      owner: 'glue',
    }));
    files.push({ path: joinPath(dir, 'main.ts'), content: renderTemplate('desktop/node/main.ts.ejs', view), owner: 'glue' });
    files.push({ path: joinPath(dir, 'my-service.ts'), content: renderTemplate('desktop/node/my-service.ts.ejs', view), owner: 'user' });
    return {
      files,
      contributions: [],
      notes: desktopNotes(ctx, `its entry is ${joinPath(dir, 'main.ts')} (compiled), or call runIfRequested() first in your own entry`),
    };
  },
};
