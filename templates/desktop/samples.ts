/**
 * One sample value of every declared type, as the JSON the app and the
 * service exchange. The generated tests send these through the runners
 * (serde on the Rust side, the IPC frames on both) and expect them back
 * unchanged, which proves the wire names and shapes agree with the TS types.
 * Optional fields are present, arrays and records hold one element, strings
 * hold quotes, a backslash, a line break and non-ASCII text.
 */
import type { CommandDecl, EventDecl, NamedType, ServiceModel, TypeRef } from '../../declaration/model.js';

export const SAMPLE_STRING = 'sample "text" \\ with\na line break, é and 😀';

export function sampleValue(model: ServiceModel, t: TypeRef): unknown {
  switch (t.kind) {
    case 'string':
      return SAMPLE_STRING;
    case 'number':
      return 1.5;
    case 'integer':
      return 42;
    case 'boolean':
      return true;
    case 'array':
      return [sampleValue(model, t.element)];
    case 'record':
      return { 'key "1"': sampleValue(model, t.value) };
    case 'named':
      return sampleNamed(model, t.name);
  }
}

function sampleNamed(model: ServiceModel, name: string): unknown {
  const type: NamedType | undefined = model.types.find((x) => x.name === name);
  if (!type) throw new Error(`bg-service internal error: type ${name} is not in the model`);
  if (type.kind === 'enum') return type.values[type.values.length - 1];
  return Object.fromEntries(type.fields.map((f) => [f.name, sampleValue(model, f.type)]));
}

/** `{"event": …, "payload": …}`, the shape of an event on the wire. */
export function sampleEvent(model: ServiceModel, e: EventDecl): Record<string, unknown> {
  return e.payload ? { event: e.name, payload: sampleValue(model, e.payload) } : { event: e.name };
}

/** `{"command": …, "input": …}`, the shape of a command on the wire. */
export function sampleCommand(model: ServiceModel, c: CommandDecl): Record<string, unknown> {
  return c.input ? { command: c.name, input: sampleValue(model, c.input) } : { command: c.name };
}

/** What the command returns (`null` for a void command). */
export function sampleOutput(model: ServiceModel, c: CommandDecl): unknown {
  return c.output ? sampleValue(model, c.output) : null;
}

/** Every sample, as the generated tests read them: `{ events: [...], commands: [{ command, output }] }`. */
export function samplesJson(model: ServiceModel): string {
  const all = {
    events: model.events.map((e) => sampleEvent(model, e)),
    commands: model.commands.map((c) => ({ command: sampleCommand(model, c), output: sampleOutput(model, c) })),
  };
  return `${JSON.stringify(all, null, 2)}\n`;
}
