// The Swift/Objective-C scan (validators/scan/swift.ts) exactly as it was before it was made
// faster (commit 5f76d75): the oracle of ../scan-equivalence.test.ts, which
// runs both and requires the same results. Only these lines and the import
// paths differ from that commit's file. Not to be edited or optimised; when the
// scan's results change on purpose, the equivalence test and this file go.
/**
 * A light, token-level scan of Swift and Objective-C sources for the iOS rules:
 * no compiling, no AST — comments are blanked, string literals are kept where
 * identifiers live, and everything found carries its file, line and column.
 *
 * One file is scanned once per `ProjectFiles` (a run); a target's files are
 * combined once per run too (constants resolved across files, the launch-time
 * call graph followed through helper functions).
 */
import { lineStarts, positionIn } from '../../../parsers/xml.js';
import type { ProjectFiles } from '../../project/types.js';
import { perRunCache } from '../../project/memo.js';
import {
  BGTASK_REGISTER_HOOKS,
  BGTASK_REQUESTS,
  MODE_FRAMEWORKS,
  REQUIRED_REASON_APIS,
  type BgTaskRequestClass,
  type RequiredReasonCategory,
} from '../../data/ios.js';

export interface Loc {
  file: string;
  line: number;
  column: number;
  offset: number;
}

/**
 * An identifier expression as written, and its value when it resolves to a
 * string. A value may contain `$(PRODUCT_BUNDLE_IDENTIFIER)` where the code
 * reads `Bundle.main.bundleIdentifier`, so that it resolves like the plist.
 */
export interface IdRef {
  expr: string;
  value?: string;
}

/** Where a call runs: during launch, in deferred code (async closure), or elsewhere. */
export type CallContext = 'launch' | 'deferred' | 'other';

export interface ContextualCall extends Loc {
  context: CallContext;
  /** Innermost enclosing function or method name, when there is one. */
  enclosing?: string;
}

export interface BgRegister extends ContextualCall {
  id: IdRef;
  /** The launch handler mentions BGContinuedProcessingTask (exempt from launch-time registration). */
  continued: boolean;
}

export interface BgRequest extends ContextualCall {
  cls: BgTaskRequestClass;
  id: IdRef;
}

export interface BackgroundSession extends Loc {
  id: IdRef;
  /** A string constant (or a value derived only from constants and the bundle id). */
  stable: boolean;
}

/** Scan result of one file. */
export interface SourceScan {
  file: string;
  lang: 'swift' | 'objc';
  registers: BgRegister[];
  requests: BgRequest[];
  /** Calls of framework hooks that register a BGTask identifier on the app's behalf. */
  hookRegisters: Array<ContextualCall & { hook: string; id?: IdRef }>;
  /** `BackgroundRunnerPlugin.registerBackgroundTask()` (Capacitor). */
  backgroundRunnerRegisters: ContextualCall[];
  sessions: BackgroundSession[];
  /** `uploadTask(with:from:)` / `uploadTaskWithRequest:fromData:` (Data bodies). */
  uploadsFromData: Loc[];
  /** Occurrences of the symbols in `SYMBOLS` (framework use, API calls, delegate methods). */
  symbols: Map<string, Loc[]>;
  /** Required-reason API uses by category. */
  requiredReason: Map<RequiredReasonCategory, Loc[]>;
  /** Every plain string literal's value. */
  strings: Set<string>;
}

/** A target's files combined. */
export interface TargetScan {
  files: SourceScan[];
  registers: BgRegister[];
  requests: BgRequest[];
  hookRegisters: SourceScan['hookRegisters'];
  backgroundRunnerRegisters: ContextualCall[];
  sessions: BackgroundSession[];
  uploadsFromData: Loc[];
  strings: Set<string>;
  /** All occurrences of a symbol across the target. */
  uses(symbol: string): Loc[];
  requiredReason(category: RequiredReasonCategory): Loc[];
}

/** Symbols the rules ask about (framework classes, API and delegate method names). */
export const SYMBOLS: readonly string[] = [
  ...new Set([
    ...Object.values(MODE_FRAMEWORKS).flatMap((f) => f.symbols),
    'registerForRemoteNotifications',
    'allowsBackgroundLocationUpdates',
    'requestAlwaysAuthorization',
    'startMonitoringSignificantLocationChanges',
    'reportNewIncomingCall',
    'reportNewIncomingVoIPPushPayload',
    'didReceiveIncomingPushWith',
    'didReceiveIncomingPushWithPayload',
    'voIP',
    'PKPushTypeVoIP',
    'handleEventsForBackgroundURLSession',
    'urlSessionDidFinishEvents',
    'URLSessionDidFinishEventsForBackgroundURLSession',
    'setMinimumBackgroundFetchInterval',
    'performFetchWithCompletionHandler',
    'SMAppService',
    'requiresApproval',
    'requiredResources',
    'CoreBluetooth',
    'BackgroundTasks',
  ]),
];

// ------------------------------------------------------------------ text views

/** Blank comments (keeping offsets and newlines); optionally blank string contents too. */
export function blank(source: string, strings: boolean): string {
  const parts: string[] = [];
  // Runs of characters, not each character: one replacement per line (~7× faster on long doc comments).
  const wiped = (from: number, to: number) => source.slice(from, to).replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
  const special = /\/\/|\/\*|"/g;
  let done = 0;
  for (let m = special.exec(source); m; m = special.exec(source)) {
    const i = m.index;
    let end: number;
    if (m[0] === '//') {
      const e = source.indexOf('\n', i);
      end = e < 0 ? source.length : e;
      parts.push(source.slice(done, i), wiped(i, end));
    } else if (m[0] === '/*') {
      // Swift block comments nest.
      let depth = 1;
      let k = i + 2;
      while (k < source.length && depth > 0) {
        const open = source.indexOf('/*', k);
        const close = source.indexOf('*/', k);
        if (close < 0) {
          k = source.length;
          break;
        }
        if (open >= 0 && open < close) {
          depth++;
          k = open + 2;
        } else {
          depth--;
          k = close + 2;
        }
      }
      end = k;
      parts.push(source.slice(done, i), wiped(i, end));
    } else {
      end = stringEnd(source, i);
      const close = end - i >= 2 && source[end - 1] === '"' ? 1 : 0;
      if (strings) parts.push(source.slice(done, i + 1), wiped(i + 1, end - close), source.slice(end - close, end));
      else parts.push(source.slice(done, end));
    }
    done = end;
    special.lastIndex = end;
  }
  parts.push(source.slice(done));
  return parts.join('');
}

/** Index just past the string literal that starts at `i` (handles `"""`, escapes and `\( … )`). */
function stringEnd(s: string, i: number): number {
  const triple = s.startsWith('"""', i);
  let k = i + (triple ? 3 : 1);
  while (k < s.length) {
    const c = s[k];
    if (c === '\\') {
      if (s[k + 1] === '(') {
        // interpolation: skip a balanced expression, which may hold strings
        let depth = 1;
        k += 2;
        while (k < s.length && depth > 0) {
          if (s[k] === '"') k = stringEnd(s, k);
          else {
            if (s[k] === '(') depth++;
            else if (s[k] === ')') depth--;
            k++;
          }
        }
        continue;
      }
      k += 2;
      continue;
    }
    if (triple ? s.startsWith('"""', k) : c === '"') return k + (triple ? 3 : 1);
    if (!triple && c === '\n') return k; // unterminated: stop at the line end
    k++;
  }
  return k;
}

/** The argument expression starting at `i`, up to a depth-0 `,` / `)` / `]` (or an ObjC selector part). */
function readArg(code: string, i: number, lang: 'swift' | 'objc', stopAtNewline = false): string {
  let k = i;
  let depth = 0;
  while (k < code.length) {
    const c = code[k]!;
    if (c === '"') {
      k = stringEnd(code, k);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';')) break;
    else if (depth === 0 && stopAtNewline && c === '\n' && !/^\s*[+.]/.test(code.slice(k + 1, k + 40))) break;
    else if (depth === 0 && lang === 'objc' && /\s/.test(c) && /^\s+\w+:/.test(code.slice(k, k + 80))) break;
    k++;
  }
  return code.slice(i, k).trim();
}

// ------------------------------------------------------------------ blocks

interface Block {
  open: number;
  close: number;
  /** The enclosing block (by index in the list), -1 at top level. */
  parent: number;
  header: string;
  kind: 'func' | 'launch' | 'init' | 'type' | 'deferred' | 'closure';
  name?: string;
  /** For types: the conformance list. */
  conforms?: string;
}

const DEFERRING = /(?:\basync(?:After)?\b|\bTask(?:\.detached)?\s*(?:\([^)]*\))?\s*$|\baddOperation\b|\bsink\b|\bonAppear\b|\.task\s*(?:\([^)]*\))?\s*$|\bdispatch_(?:async|after)\b|\bonReceive\b|\baddObserver\b|\bscheduledTimer\b|\bthen\b|\bsubscribe\b)/;

function classify(header: string, lang: 'swift' | 'objc'): Pick<Block, 'kind' | 'name' | 'conforms'> {
  const h = header.replace(/\s+/g, ' ').trim();
  if (lang === 'objc') {
    const m = /(?:^|[\s;}])[-+]\s*\([^)]*\)\s*([^{;]*)$/.exec(h);
    if (m) {
      const sel = m[1]!;
      const first = /^(\w+)/.exec(sel)?.[1];
      if (/\b(?:did|will)FinishLaunchingWithOptions:/.test(sel)) return { kind: 'launch', name: first };
      return { kind: 'func', name: first };
    }
    if (/\^\s*(?:\([^)]*\))?\s*$/.test(h)) return { kind: DEFERRING.test(h) ? 'deferred' : 'closure' };
    return { kind: 'closure' };
  }
  const fi = h.lastIndexOf('func ');
  if (fi >= 0 && /^func\s+[^\s(<]+/.test(h.slice(fi))) {
    const sig = h.slice(fi);
    const name = /^func\s+([^\s(<]+)/.exec(sig)![1];
    if (name === 'application' && /\b(?:did|will)FinishLaunchingWithOptions\b/.test(sig)) return { kind: 'launch', name };
    return { kind: 'func', name };
  }
  if (/(?:^|\s)(?:(?:public|private|internal|fileprivate|convenience|required|override|@\w+)\s+)*init\s*[?!]?\s*(?:<[^>]*>)?\s*\([^]*\)\s*(?:async\s*)?(?:throws\s*)?$/.test(h)) {
    return { kind: 'init', name: 'init' };
  }
  const t = /\b(?:struct|class|enum|extension|actor|protocol)\s+([A-Za-z_][\w.]*)(?:\s*<[^>]*>)?\s*(?::\s*([^{]*))?$/.exec(h);
  if (t) return { kind: 'type', name: t[1], conforms: t[2] ?? '' };
  return { kind: DEFERRING.test(h) ? 'deferred' : 'closure' };
}

function blocks(bare: string, lang: 'swift' | 'objc'): Block[] {
  const out: Block[] = [];
  const stack: number[] = [];
  let boundary = 0;
  for (let i = 0; i < bare.length; i++) {
    const c = bare[i];
    if (c === '{') {
      const b: Block = { open: i, close: bare.length, parent: stack.length ? stack[stack.length - 1]! : -1, header: '', kind: 'closure' };
      Object.assign(b, classify(bare.slice(Math.max(boundary, i - 600), i), lang));
      stack.push(out.length);
      out.push(b);
      boundary = i + 1;
    } else if (c === '}') {
      const k = stack.pop();
      if (k !== undefined) out[k]!.close = i;
      boundary = i + 1;
    } else if (c === ';') boundary = i + 1;
  }
  return out;
}

/** The chain of blocks containing `offset`, innermost last (binary search, then up the parents). */
function chainAt(bs: Block[], offset: number): Block[] {
  let lo = 0;
  let hi = bs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bs[mid]!.open < offset) lo = mid + 1;
    else hi = mid;
  }
  const chain: Block[] = [];
  for (let k = lo - 1; k >= 0; k = bs[k]!.parent) if (offset < bs[k]!.close) chain.push(bs[k]!);
  return chain.reverse();
}

// ------------------------------------------------------------------ file scan

const cache = perRunCache<SourceScan | undefined>();

/** Scan one Swift / Objective-C file (cached per run). */
export function scanSource(files: ProjectFiles, file: string): SourceScan | undefined {
  return cache(files, file, () => {
    const text = files.read(file);
    return text === undefined ? undefined : scanText(file, text);
  });
}

interface RawFile extends SourceScan {
  /** Constant name → raw expression. */
  constants: Map<string, string>;
  /** Per function name: is it called from a launch context, and what it calls. */
  launchCalls: Set<string>;
  funcCalls: Map<string, Set<string>>;
  /** Deferred bookkeeping: unresolved calls and their enclosing function. */
  pending: Array<{ call: ContextualCall; chain: Block[] }>;
}

const SYMBOL_RE = new RegExp(`\\b(?:${[...SYMBOLS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const REASON_RES = Object.entries(REQUIRED_REASON_APIS).map(
  ([cat, d]) => [cat as RequiredReasonCategory, new RegExp(d.patterns.join('|'), 'g')] as const,
);

const REQUEST_CLASSES = Object.keys(BGTASK_REQUESTS).join('|');
const REQUEST_RE = {
  swift: new RegExp(`\\b(${REQUEST_CLASSES})\\s*\\(\\s*identifier\\s*:\\s*`, 'g'),
  objc: new RegExp(`\\[\\s*\\[\\s*(${REQUEST_CLASSES})\\s+alloc\\s*\\]\\s*initWithIdentifier:\\s*`, 'g'),
};
const HOOK_RE = new RegExp(`\\b(${BGTASK_REGISTER_HOOKS.join('|')})\\s*\\(\\s*(?:withIdentifier\\s*:|identifier\\s*:)?\\s*`, 'g');

export function scanText(file: string, source: string): SourceScan {
  const lang: 'swift' | 'objc' = /\.(?:m|mm|h)$/.test(file) ? 'objc' : 'swift';
  const code = blank(source, false);
  const bare = blank(source, true);
  const starts = lineStarts(source);
  const loc = (offset: number): Loc => ({ file, offset, ...positionIn(starts, offset) });
  const bs = blocks(bare, lang);

  const scan: RawFile = {
    file,
    lang,
    registers: [],
    requests: [],
    hookRegisters: [],
    backgroundRunnerRegisters: [],
    sessions: [],
    uploadsFromData: [],
    symbols: new Map(),
    requiredReason: new Map(),
    strings: new Set(),
    constants: new Map(),
    launchCalls: new Set(),
    funcCalls: new Map(),
    pending: [],
  };

  const contextual = <T extends object>(offset: number, extra: T): ContextualCall & T => {
    const chain = chainAt(bs, offset);
    const call: ContextualCall & T = { ...loc(offset), context: 'other', ...extra };
    for (let k = chain.length - 1; k >= 0; k--) {
      const b = chain[k]!;
      if (b.kind === 'deferred') {
        call.context = 'deferred';
        break;
      }
      if (b.kind === 'launch') {
        call.context = 'launch';
        call.enclosing = b.name;
        break;
      }
      if (b.kind === 'init') {
        const owner = chain.slice(0, k).reverse().find((x) => x.kind === 'type');
        if (owner && /(?:^|,)\s*App\s*(?:,|$|where)/.test(owner.conforms ?? '')) call.context = 'launch';
        call.enclosing = owner ? `${owner.name}.init` : 'init';
        break;
      }
      if (b.kind === 'func') {
        call.enclosing = b.name;
        break;
      }
    }
    scan.pending.push({ call, chain });
    return call;
  };

  // String literals and constants.
  for (const m of code.matchAll(/"((?:[^"\\\n]|\\[^(])*)"/g)) scan.strings.add(unescape(m[1]!));
  if (lang === 'swift') {
    for (const m of bare.matchAll(/\blet\s+([A-Za-z_]\w*)\s*(?::\s*String\s*)?=\s*/g)) {
      addConst(scan.constants, m[1]!, readArg(code, m.index + m[0].length, lang, true));
    }
    for (const m of code.matchAll(/\bcase\s+([A-Za-z_]\w*)\s*=\s*("(?:[^"\\\n]|\\.)*")/g)) addConst(scan.constants, m[1]!, m[2]!);
  } else {
    for (const m of code.matchAll(/NSString\s*\*\s*(?:const\s+)?([A-Za-z_]\w*)\s*=\s*(@"(?:[^"\\\n]|\\.)*")/g)) addConst(scan.constants, m[1]!, m[2]!);
    for (const m of code.matchAll(/#define\s+([A-Za-z_]\w*)\s+(@"(?:[^"\\\n]|\\.)*")/g)) addConst(scan.constants, m[1]!, m[2]!);
  }

  // BGTaskScheduler.register
  const registerRe = lang === 'swift' ? /\.register\s*\(\s*forTaskWithIdentifier\s*:\s*/g : /registerForTaskWithIdentifier:\s*/g;
  for (const m of bare.matchAll(registerRe)) {
    const argAt = m.index + m[0].length;
    const expr = readArg(code, argAt, lang);
    const handler = bare.slice(argAt, argAt + 1500);
    const continued = /BGContinuedProcessingTask\b/.test(handler.slice(0, handlerEnd(handler)));
    scan.registers.push(contextual(m.index, { id: { expr } as IdRef, continued }));
  }
  // BG…TaskRequest(identifier:)
  for (const m of bare.matchAll(REQUEST_RE[lang])) {
    const expr = readArg(code, m.index + m[0].length, lang);
    scan.requests.push(contextual(m.index, { cls: m[1] as BgTaskRequestClass, id: { expr } as IdRef }));
  }
  // Framework hooks (Flutter workmanager, …) that take an identifier.
  for (const m of bare.matchAll(HOOK_RE)) {
    const expr = readArg(code, m.index + m[0].length, lang);
    if (/BackgroundRunnerPlugin\s*\.\s*$/.test(bare.slice(Math.max(0, m.index - 40), m.index))) {
      scan.backgroundRunnerRegisters.push(contextual(m.index, {}));
      continue;
    }
    scan.hookRegisters.push(contextual(m.index, { hook: m[1]!, ...(expr ? { id: { expr } as IdRef } : {}) }));
  }
  if (lang === 'objc') {
    for (const m of bare.matchAll(/\[\s*BackgroundRunnerPlugin\s+registerBackgroundTask\s*\]/g)) scan.backgroundRunnerRegisters.push(contextual(m.index, {}));
  }
  // Background URLSession configurations.
  const sessionRe = lang === 'swift' ? /\.background\s*\(\s*withIdentifier\s*:\s*/g : /backgroundSessionConfiguration(?:WithIdentifier)?:\s*/g;
  for (const m of bare.matchAll(sessionRe)) {
    const expr = readArg(code, m.index + m[0].length, lang);
    scan.sessions.push({ ...loc(m.index), id: { expr }, stable: false });
  }
  // Uploads from Data.
  const uploadRe = lang === 'swift' ? /\.uploadTask\s*\(\s*with\s*:/g : /uploadTaskWithRequest:[^\]]*?\bfromData:/g;
  for (const m of bare.matchAll(uploadRe)) {
    if (lang === 'objc') scan.uploadsFromData.push(loc(m.index));
    else {
      const args = readArgs(code, m.index + m[0].length - 'with:'.length);
      if (/(?:^|,)\s*from\s*:/.test(args)) scan.uploadsFromData.push(loc(m.index));
    }
  }
  // Symbols and required-reason APIs.
  for (const m of bare.matchAll(SYMBOL_RE)) push(scan.symbols, m[0], loc(m.index));
  for (const [cat, re] of REASON_RES) for (const m of bare.matchAll(re)) push(scan.requiredReason, cat, loc(m.index));

  // Call graph: which functions are called from launch, and what each function calls.
  const callRe = lang === 'swift' ? /(?<!\bfunc\s)(?<![\w])(?:\.\s*)?([A-Za-z_]\w*)\s*\(/g : /\[\s*[\w.]+\s+([A-Za-z_]\w*)\s*[\]:]/g;
  for (const m of bare.matchAll(callRe)) {
    const name = m[1]!;
    const chain = chainAt(bs, m.index);
    let caller: string | undefined;
    let launch = false;
    for (let k = chain.length - 1; k >= 0; k--) {
      const b = chain[k]!;
      if (b.kind === 'deferred') break;
      if (b.kind === 'launch') {
        launch = true;
        break;
      }
      if (b.kind === 'init') {
        const owner = chain.slice(0, k).reverse().find((x) => x.kind === 'type');
        if (owner && /(?:^|,)\s*App\s*(?:,|$|where)/.test(owner.conforms ?? '')) launch = true;
        else caller = 'init';
        break;
      }
      if (b.kind === 'func') {
        caller = b.name;
        break;
      }
    }
    if (launch) scan.launchCalls.add(name);
    else if (caller && caller !== name) {
      let set = scan.funcCalls.get(caller);
      if (!set) scan.funcCalls.set(caller, (set = new Set()));
      set.add(name);
    }
  }
  return scan;
}

/** Length of a trailing closure / handler argument (up to the matching close of the register call). */
function handlerEnd(s: string): number {
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth < 0) {
        // the call's own `)`: include a trailing closure `{ … }` right after it
        const rest = s.slice(k + 1);
        const tc = /^\s*\{/.exec(rest);
        if (!tc) return k;
        let d = 0;
        for (let j = k + 1; j < s.length; j++) {
          if (s[j] === '{') d++;
          else if (s[j] === '}' && --d === 0) return j;
        }
        return s.length;
      }
    }
  }
  return s.length;
}

/** All arguments of a call whose `(` is just before `i`. */
function readArgs(code: string, i: number): string {
  let depth = 0;
  let k = i;
  for (; k < code.length; k++) {
    const c = code[k]!;
    if (c === '"') {
      k = stringEnd(code, k) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    }
  }
  return code.slice(i, k);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const AMBIGUOUS = '\u0000ambiguous';
function addConst(map: Map<string, string>, name: string, expr: string) {
  const prev = map.get(name);
  map.set(name, prev !== undefined && prev !== expr ? AMBIGUOUS : expr);
}

function unescape(s: string): string {
  return s.replace(/\\(["\\'nrt0])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '0': '\0' })[c] ?? c);
}

// ------------------------------------------------------------------ resolution

/** The bundle id placeholder used in resolved values (same syntax as the plist). */
export const BUNDLE_ID_VAR = '$(PRODUCT_BUNDLE_IDENTIFIER)';

/**
 * Resolve an identifier expression against string constants: literals,
 * interpolations, `+` concatenation, `Type.name`, `Enum.case.rawValue` and
 * `Bundle.main.bundleIdentifier`.
 */
export function resolveExpr(expr: string, constants: Map<string, string>, depth = 0): string | undefined {
  const e = expr.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (depth > 8 || e === '') return undefined;
  if (/^Bundle\s*\.\s*main\s*\.\s*bundleIdentifier\s*(?:!|\?\?\s*"[^"]*")?$/.test(e)) return BUNDLE_ID_VAR;
  if (/^\[\s*\[\s*NSBundle\s+mainBundle\s*\]\s+bundleIdentifier\s*\]$/.test(e)) return BUNDLE_ID_VAR;
  const parts = splitTop(e, '+');
  if (parts.length > 1) {
    const vals = parts.map((p) => resolveExpr(p, constants, depth + 1));
    return vals.every((v) => v !== undefined) ? vals.join('') : undefined;
  }
  const lit = /^@?"((?:[^"\\\n]|\\.)*)"$/s.exec(e);
  if (lit) {
    let ok = true;
    const body = lit[1]!.replace(/\\\(((?:[^()]|\([^()]*\))*)\)/g, (_, inner: string) => {
      const v = resolveExpr(inner, constants, depth + 1);
      if (v === undefined) ok = false;
      return v ?? '';
    });
    return ok ? unescape(body) : undefined;
  }
  const path = /^(?:[A-Za-z_]\w*\s*\.\s*)*([A-Za-z_]\w*)$/.exec(e.replace(/\s*\.\s*rawValue$/, ''));
  if (path) {
    const raw = constants.get(path[1]!);
    if (raw === undefined || raw === AMBIGUOUS) return undefined;
    return resolveExpr(raw, constants, depth + 1);
  }
  return undefined;
}

function splitTop(e: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k < e.length; k++) {
    const c = e[k]!;
    if (c === '"') {
      k = stringEnd(e, k) - 1;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(e.slice(from, k));
      from = k + 1;
    }
  }
  out.push(e.slice(from));
  return out;
}

const targetCache = perRunCache<TargetScan>();

/** Scan and combine a target's source files (cached per run and file list). */
export function scanTarget(files: ProjectFiles, sources: readonly string[]): TargetScan {
  return targetCache(files, sources.join('\n'), () => combine(files, sources));
}

function combine(files: ProjectFiles, sources: readonly string[]): TargetScan {

  const scans = sources.map((f) => scanSource(files, f)).filter((s): s is RawFile => s !== undefined) as RawFile[];
  const constants = new Map<string, string>();
  for (const s of scans) for (const [k, v] of s.constants) addConst(constants, k, v);

  // Functions reachable from launch through helper calls (by name, a few levels deep).
  const launchReachable = new Set<string>();
  let frontier = scans.flatMap((s) => [...s.launchCalls]);
  for (let level = 0; level < 6 && frontier.length; level++) {
    const next: string[] = [];
    for (const name of frontier) {
      if (launchReachable.has(name)) continue;
      launchReachable.add(name);
      for (const s of scans) for (const callee of s.funcCalls.get(name) ?? []) next.push(callee);
    }
    frontier = next;
  }
  for (const s of scans) {
    for (const { call, chain } of s.pending) {
      if (call.context !== 'other' || !call.enclosing) continue;
      const inDeferred = chain.some((b) => b.kind === 'deferred');
      if (!inDeferred && launchReachable.has(call.enclosing)) call.context = 'launch';
    }
  }
  const resolve = (r: IdRef) => {
    const v = resolveExpr(r.expr, constants);
    if (v !== undefined) r.value = v;
  };
  for (const s of scans) {
    s.registers.forEach((r) => resolve(r.id));
    s.requests.forEach((r) => resolve(r.id));
    s.hookRegisters.forEach((r) => r.id && resolve(r.id));
    for (const ses of s.sessions) {
      resolve(ses.id);
      ses.stable = ses.id.value !== undefined;
    }
  }
  const strings = new Set<string>();
  for (const s of scans) for (const v of s.strings) strings.add(v);
  const result: TargetScan = {
    files: scans,
    registers: scans.flatMap((s) => s.registers),
    requests: scans.flatMap((s) => s.requests),
    hookRegisters: scans.flatMap((s) => s.hookRegisters),
    backgroundRunnerRegisters: scans.flatMap((s) => s.backgroundRunnerRegisters),
    sessions: scans.flatMap((s) => s.sessions),
    uploadsFromData: scans.flatMap((s) => s.uploadsFromData),
    strings,
    uses: (symbol) => scans.flatMap((s) => s.symbols.get(symbol) ?? []),
    requiredReason: (cat) => scans.flatMap((s) => s.requiredReason.get(cat) ?? []),
  };
  return result;
}
