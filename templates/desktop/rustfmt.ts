/**
 * The rustfmt layouts whose choice depends on the length of declared names,
 * for the Rust templates: everything else in them is laid out so that its
 * width does not depend on names (single method calls, short `let`s), and
 * these helpers pick what rustfmt (default config, max_width 100) would:
 *
 * - a function signature stays on one line when it fits, else one parameter
 *   per line (`fn_params_layout = "Tall"`), and a return type
 *   `impl Future<Output = …> + Send` that still does not fit is broken
 *   inside its angle brackets;
 * - a tuple variant or a call with one argument that does not fit puts the
 *   argument on its own line.
 *
 * Lines are measured in characters (rustfmt counts Unicode scalar values
 * for identifiers, which is what declared names can hold).
 */

const MAX_WIDTH = 100;

const width = (s: string) => [...s].length;
const fits = (s: string) => width(s) <= MAX_WIDTH;

export interface Signature {
  indent: number;
  /** `fn name`, `pub fn name`, `async fn name`. */
  head: string;
  params: readonly string[];
  /** A plain return type, or `{ future: T }` for `impl Future<Output = Result<T, ServiceError>> + Send`. */
  returns?: string | { future: string };
  /** ` {` or `;`. */
  end: string;
}

/**
 * A function signature as rustfmt lays it out (its `rewrite_fn_base`,
 * checked against rustfmt 1.8 by probing lengths around each boundary):
 *
 * - on one line when it fits: up to 100 columns with ` {`, up to 99 with `;`
 *   (rustfmt budgets two columns for the end either way);
 * - a `;` signature of exactly 100 columns keeps its parameters on the line
 *   and moves `-> Ret;` to the next one;
 * - else one parameter per line, closed by `) -> Ret;` (up to 100 columns)
 *   or `) -> Ret {` (up to 96; up to 102 the ` {` moves to a line of its own).
 *
 * Past those widths rustfmt's choice depends on the type's shape (breaking
 * generic arguments, or leaving the line long), so the signature is written
 * one parameter per line and marked `#[rustfmt::skip]`: only declared names
 * longer than any real one get there.
 */
export function fnSignature(s: Signature): string {
  const pad = ' '.repeat(s.indent);
  const ret =
    s.returns === undefined ? '' : typeof s.returns === 'string' ? ` -> ${s.returns}` : ` -> impl Future<Output = Result<${s.returns.future}, ServiceError>> + Send`;
  const inline = `${pad}${s.head}(${s.params.join(', ')})`;
  const oneLine = `${inline}${ret}${s.end}`;
  const limit = s.end === ';' ? MAX_WIDTH - 1 : MAX_WIDTH;
  if (width(oneLine) <= limit || s.params.length === 0) return `${oneLine}\n`;
  if (s.end === ';' && ret && width(oneLine) === MAX_WIDTH) return `${inline}\n${pad}    ${ret.trimStart()};\n`;
  const open = `${pad}${s.head}(\n${s.params.map((p) => `${pad}    ${p},\n`).join('')}`;
  const close = `${pad})${ret}${s.end}`;
  if (s.end === ';' ? fits(close) : width(close) <= MAX_WIDTH - 4) return `${open}${close}\n`;
  if (s.end === ' {' && fits(`${pad})${ret}`)) return `${open}${pad})${ret}\n${pad}{\n`;
  return `${pad}#[rustfmt::skip]\n${open}${close}\n`;
}

/** `pub name: Type,` in a struct, or with the type on the next line when too long; undefined when neither fits. */
export function structField(indent: number, name: string, type: string): string | undefined {
  const pad = ' '.repeat(indent);
  const flat = `${pad}pub ${name}: ${type},`;
  if (fits(flat)) return `${flat}\n`;
  const next = `${pad}    ${type},`;
  return fits(`${pad}pub ${name}:`) && fits(next) ? `${pad}pub ${name}:\n${next}\n` : undefined;
}

/**
 * `name(arg)` followed by `suffix` (e.g. `,` for a tuple variant, `);` for
 * the end of a call) at `indent`, or with `arg` on a line of its own.
 */
export function oneArgument(indent: number, name: string, arg: string, suffix: string): string {
  const pad = ' '.repeat(indent);
  const flat = `${pad}${name}(${arg})${suffix}`;
  if (fits(flat)) return `${flat}\n`;
  return `${pad}${name}(\n${pad}    ${arg},\n${pad})${suffix}\n`;
}

/**
 * `self.emit(Event::Variant(payload));` as rustfmt lays out a call with one
 * argument (probed around each boundary): flat while the argument is at most
 * 60 columns wide (`fn_call_width`); past that the inner call's argument
 * moves to its own line while `Event::Variant(` still fits in those 60; then
 * flat again while the line fits in 100; else the argument on its own line.
 */
export function emitCall(indent: number, variant: string): string {
  const pad = ' '.repeat(indent);
  const arg = `Event::${variant}(payload)`;
  const flat = `${pad}self.emit(${arg});`;
  if (width(arg) <= 60 && fits(flat)) return `${flat}\n`;
  if (width(`Event::${variant}(`) <= 60) return `${pad}self.emit(Event::${variant}(\n${pad}    payload,\n${pad}));\n`;
  if (fits(flat)) return `${flat}\n`;
  const inner = `${pad}    ${arg},`;
  if (fits(inner)) return `${pad}self.emit(\n${inner}\n${pad});\n`;
  return `${pad}self.emit(\n${pad}    Event::${variant}(\n${pad}        payload,\n${pad}    ),\n${pad});\n`;
}

/**
 * `let <name> = <value>;` when it fits; else the value on the next line; for
 * a method call (`receiver` given, `value` the `.method(…)` part) that still
 * does not fit, the call on the next line, as rustfmt breaks a chain.
 */
export function letStatement(indent: number, name: string, value: string, receiver?: string): string {
  const pad = ' '.repeat(indent);
  const flat = `${pad}let ${name} = ${receiver ?? ''}${value};`;
  if (fits(flat)) return `${flat}\n`;
  const next = `${pad}    ${receiver ?? ''}${value};`;
  if (fits(next) || !receiver) return `${pad}let ${name} =\n${next}\n`;
  return `${pad}let ${name} = ${receiver}\n${pad}    ${value};\n`;
}
