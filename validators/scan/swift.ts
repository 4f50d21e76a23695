/**
 * A light, token-level scan of Swift and Objective-C sources for the iOS rules:
 * no compiling, no AST — comments are blanked, string literals are kept where
 * identifiers live, and everything found carries its file, line and column.
 *
 * One file is scanned once per `ProjectFiles` (a run); a target's files are
 * combined once per run too (constants resolved across files, the launch-time
 * call graph followed through helper functions).
 */
import { lineStarts, positionIn } from '../../parsers/xml.js';
import type { ProjectFiles } from '../project/types.js';
import { perRunCache } from '../project/memo.js';
import { blankKeepingLines } from './text.js';
import {
  BGTASK_REGISTER_HOOKS,
  BGTASK_REQUESTS,
  MODE_FRAMEWORKS,
  REQUIRED_REASON_APIS,
  type BgTaskRequestClass,
  type RequiredReasonCategory,
} from '../data/ios.js';

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
  const v = views(source);
  return strings ? v.bare : v.code;
}

/**
 * Both blanked views of a source in one pass (scanText needs both; two
 * blank() calls found every comment and string twice): `code` with comments
 * blanked, `bare` with string contents blanked too.
 */
function views(source: string): { code: string; bare: string } {
  const code: string[] = [];
  const bare: string[] = [];
  const special = /\/\/|\/\*|"/g;
  let done = 0;
  for (let m = special.exec(source); m; m = special.exec(source)) {
    const i = m.index;
    let end: number;
    if (m[0] === '//') {
      const e = source.indexOf('\n', i);
      end = e < 0 ? source.length : e;
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
    } else {
      end = stringEnd(source, i);
      const close = end - i >= 2 && source[end - 1] === '"' ? 1 : 0;
      code.push(source.slice(done, end));
      bare.push(source.slice(done, i + 1), blankKeepingLines(source.slice(i + 1, end - close)), source.slice(end - close, end));
      done = special.lastIndex = end;
      continue;
    }
    const before = source.slice(done, i);
    const comment = blankKeepingLines(source.slice(i, end));
    code.push(before, comment);
    bare.push(before, comment);
    done = special.lastIndex = end;
  }
  const rest = source.slice(done);
  code.push(rest);
  bare.push(rest);
  return { code: code.join(''), bare: bare.join('') };
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

/**
 * Every word the Swift branch of classify looks for (func, init, the type
 * keywords, DEFERRING's literals): a header with none of them is a plain
 * closure, known without normalising its white space (most of classify's cost).
 */
const CLASSIFY_WORDS = /func|init|struct|class|enum|extension|actor|protocol|async|Task|addOperation|sink|onAppear|\.task|dispatch_|onReceive|addObserver|scheduledTimer|then|subscribe/;

function classify(header: string, lang: 'swift' | 'objc'): Pick<Block, 'kind' | 'name' | 'conforms'> {
  if (lang === 'swift') {
    if (!CLASSIFY_WORDS.test(header)) return { kind: 'closure' };
    // A function header (most headers that get this far) is known without normalising its white space too.
    const fn = funcHeader(header);
    if (fn) return fn;
  }
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
  const fn = funcHeader(h);
  if (fn) return fn;
  if (/(?:^|\s)(?:(?:public|private|internal|fileprivate|convenience|required|override|@\w+)\s+)*init\s*[?!]?\s*(?:<[^>]*>)?\s*\([^]*\)\s*(?:async\s*)?(?:throws\s*)?$/.test(h)) {
    return { kind: 'init', name: 'init' };
  }
  const t = /\b(?:struct|class|enum|extension|actor|protocol)\s+([A-Za-z_][\w.]*)(?:\s*<[^>]*>)?\s*(?::\s*([^{]*))?$/.exec(h);
  if (t) return { kind: 'type', name: t[1], conforms: t[2] ?? '' };
  return { kind: DEFERRING.test(h) ? 'deferred' : 'closure' };
}

/**
 * A Swift function's block: the last `func` followed by white space in the
 * header, when a name follows it. The same answer on a header as on it with
 * its white space runs made one space and trimmed (what classify tests): that
 * only changes white space, and a `func` whose white space is trimmed away
 * (at the very end) has no name after it, so it gives no answer here either.
 */
function funcHeader(header: string): Pick<Block, 'kind' | 'name'> | undefined {
  let at = header.lastIndexOf('func');
  while (at >= 0 && !isSpace(header.charCodeAt(at + 4))) at = at > 0 ? header.lastIndexOf('func', at - 1) : -1;
  if (at < 0) return undefined;
  const sig = header.slice(at);
  const name = /^func\s+([^\s(<]+)/.exec(sig)?.[1];
  if (name === undefined) return undefined;
  if (name === 'application' && /\b(?:did|will)FinishLaunchingWithOptions\b/.test(sig)) return { kind: 'launch', name };
  return { kind: 'func', name };
}

function blocks(bare: string, lang: 'swift' | 'objc'): Block[] {
  const out: Block[] = [];
  const stack: number[] = [];
  let boundary = 0;
  // From brace or semicolon to the next (indexOf), not character by character.
  let nextOpen = bare.indexOf('{');
  let nextClose = bare.indexOf('}');
  let nextSemicolon = bare.indexOf(';');
  for (;;) {
    const i = firstOf(nextOpen, nextClose, nextSemicolon);
    if (i < 0) break;
    if (i === nextOpen) {
      const b: Block = { open: i, close: bare.length, parent: stack.length ? stack[stack.length - 1]! : -1, header: '', kind: 'closure' };
      Object.assign(b, classify(bare.slice(Math.max(boundary, i - 600), i), lang));
      stack.push(out.length);
      out.push(b);
      nextOpen = bare.indexOf('{', i + 1);
    } else if (i === nextClose) {
      const k = stack.pop();
      if (k !== undefined) out[k]!.close = i;
      nextClose = bare.indexOf('}', i + 1);
    } else nextSemicolon = bare.indexOf(';', i + 1);
    boundary = i + 1;
  }
  return out;
}

/** The smallest of three indexOf results that is not -1 (or -1). */
function firstOf(a: number, b: number, c: number): number {
  let first = a;
  if (b >= 0 && (first < 0 || b < first)) first = b;
  if (c >= 0 && (first < 0 || c < first)) first = c;
  return first;
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
  const { code, bare } = views(source);
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
  forEachCall(bare, lang, (name, at) => {
    const chain = chainAt(bs, at);
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
  });
  return scan;
}

const OBJC_CALL = /\[\s*[\w.]+\s+([A-Za-z_]\w*)\s*[\]:]/g;

/**
 * Each call in blanked code, in order: the called name and where the call
 * starts. Swift: what `(?<!\bfunc\s)(?<![\w])(?:\.\s*)?([A-Za-z_]\w*)\s*\(`
 * matches, found from each `(` backwards — the lookbehinds made that regex
 * try every position of the file. A match there that starts at a `.` starts
 * here at the name after it: only `.` and white space lie between, no brace,
 * so both offsets are in the same blocks.
 */
function forEachCall(bare: string, lang: 'swift' | 'objc', each: (name: string, at: number) => void): void {
  if (lang === 'objc') {
    for (const m of bare.matchAll(OBJC_CALL)) each(m[1]!, m.index);
    return;
  }
  for (let paren = bare.indexOf('('); paren >= 0; paren = bare.indexOf('(', paren + 1)) {
    let end = paren;
    while (end > 0 && isSpace(bare.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && isWordChar(bare.charCodeAt(start - 1))) start--;
    // The whole word before the `(` is the name, and it must not start with a digit.
    if (start === end || !isIdentifierStart(bare.charCodeAt(start))) continue;
    // `func name(` declares, it does not call (the lookbehind: `func` as a word and exactly one white space).
    if (start >= 5 && isSpace(bare.charCodeAt(start - 1)) && bare.startsWith('func', start - 5) && (start === 5 || !isWordChar(bare.charCodeAt(start - 6)))) continue;
    each(bare.slice(start, end), start);
  }
}

const NON_ASCII_SPACE = /\s/;
/** A character regex `\s` matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && NON_ASCII_SPACE.test(String.fromCharCode(c)));
}
/** A character regex `\w` matches (ASCII letters, digits, `_`). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || isIdentifierStart(c);
}
function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
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
