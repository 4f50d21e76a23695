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

/** `impl Future<Output = Result<T, ServiceError>> + Send`, broken across lines when needed. */
function futureReturn(pad: string, output: string, end: string): string {
  const inner = `Result<${output}, ServiceError>`;
  const flat = `${pad}) -> impl Future<Output = ${inner}> + Send${end}`;
  if (fits(flat)) return `${flat}\n`;
  const middle = `${pad}    Output = ${inner},`;
  const body = fits(middle)
    ? `${middle}\n`
    : `${pad}    Output = Result<\n${pad}        ${output},\n${pad}        ServiceError,\n${pad}    >,\n`;
  return `${pad}) -> impl Future<\n${body}${pad}> + Send${end}\n`;
}

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

export function fnSignature(s: Signature): string {
  const pad = ' '.repeat(s.indent);
  const ret =
    s.returns === undefined ? '' : typeof s.returns === 'string' ? ` -> ${s.returns}` : ` -> impl Future<Output = Result<${s.returns.future}, ServiceError>> + Send`;
  const oneLine = `${pad}${s.head}(${s.params.join(', ')})${ret}${s.end}`;
  if (fits(oneLine)) return `${oneLine}\n`;
  const params = s.params.map((p) => `${pad}    ${p},\n`).join('');
  const close = typeof s.returns === 'object' ? futureReturn(pad, s.returns.future, s.end) : `${pad})${ret}${s.end}\n`;
  return `${pad}${s.head}(\n${params}${close}`;
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
 * `self.emit(Event::Variant(payload));`: rustfmt keeps a call's arguments on
 * its line only while they are at most 60 characters wide (`fn_call_width`);
 * past that the inner call's argument moves to its own line.
 */
export function emitCall(indent: number, variant: string): string {
  const pad = ' '.repeat(indent);
  const arg = `Event::${variant}(payload)`;
  const flat = `${pad}self.emit(${arg});`;
  if (width(arg) <= 60 && fits(flat)) return `${flat}\n`;
  return `${pad}self.emit(Event::${variant}(\n${pad}    payload,\n${pad}));\n`;
}
