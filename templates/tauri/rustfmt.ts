/**
 * rustfmt's layout (default config) for the few lines of the Tauri plugin's
 * Rust whose width depends on declared names; the rest of the templates is
 * written so that its width does not. Function signatures use the desktop
 * runner's helper (templates/desktop/rustfmt.ts).
 */
import { fnSignature, type Signature } from '../desktop/rustfmt.js';

const MAX_WIDTH = 100;
/** `fn_call_width`: arguments wider than this go one per line. */
const CALL_WIDTH = 60;

const width = (s: string) => [...s].length;

export function signature(s: Signature): string {
  return fnSignature(s);
}

/**
 * `prefix(args…)suffix` at `indent`: on one line while it fits and the
 * arguments are at most 60 wide, else one argument per line.
 */
export function call(indent: number, prefix: string, args: readonly string[], suffix: string): string {
  const pad = ' '.repeat(indent);
  const flat = `${pad}${prefix}(${args.join(', ')})${suffix}`;
  if (width(flat) <= MAX_WIDTH && width(args.join(', ')) <= CALL_WIDTH) return `${flat}\n`;
  return `${pad}${prefix}(\n${args.map((a) => `${pad}    ${a},\n`).join('')}${pad})${suffix}\n`;
}

/**
 * `receiver.method(args…).await` ending in `suffix`: one line while the chain
 * is at most 60 wide (`chain_width`) and the line fits; else the call breaks
 * and `.await` goes on its own line.
 */
export function awaitCall(indent: number, receiver: string, method: string, args: readonly string[], suffix: string): string {
  const pad = ' '.repeat(indent);
  const chain = `${receiver}.${method}(${args.join(', ')}).await`;
  if (width(chain) <= CALL_WIDTH && width(`${pad}${chain}${suffix}`) <= MAX_WIDTH) return `${pad}${chain}${suffix}\n`;
  // A receiver no wider than the indent unit keeps the first call on its line.
  const first = width(receiver) <= 4 ? `${pad}${receiver}.${method}(${args.join(', ')})\n` : `${pad}${receiver}\n${pad}    .${method}(${args.join(', ')})\n`;
  return `${first}${pad}    .await${suffix}\n`;
}

/**
 * `let binding = prefix(args…)suffix`: on one line while it fits; else broken after `=`
 * when the right side fits on its own line; else one argument per line.
 */
export function letCall(indent: number, binding: string, prefix: string, args: readonly string[], suffix: string): string {
  const pad = ' '.repeat(indent);
  const list = args.join(', ');
  const flat = `${pad}let ${binding} = ${prefix}(${list})${suffix}`;
  if (width(flat) <= MAX_WIDTH && width(list) <= CALL_WIDTH) return `${flat}\n`;
  const rhs = `${pad}    ${prefix}(${list})${suffix}`;
  if (width(rhs) <= MAX_WIDTH && width(list) <= CALL_WIDTH) return `${pad}let ${binding} =\n${rhs}\n`;
  return `${pad}let ${binding} = ${prefix}(\n${args.map((a) => `${pad}    ${a},\n`).join('')}${pad})${suffix}\n`;
}

/**
 * A match arm `pattern => receiver.method(args).await,`: on one line while the chain is
 * at most 60 wide and the line fits, else in a block with the chain laid out by `awaitCall`.
 */
export function awaitArm(indent: number, pattern: string, receiver: string, method: string, args: readonly string[]): string {
  const pad = ' '.repeat(indent);
  const chain = `${receiver}.${method}(${args.join(', ')}).await`;
  const flat = `${pad}${pattern} => ${chain},`;
  if (width(flat) <= MAX_WIDTH && width(chain) <= CALL_WIDTH) return `${flat}\n`;
  return `${pad}${pattern} => {\n${awaitCall(indent + 4, receiver, method, args, '')}${pad}}\n`;
}
