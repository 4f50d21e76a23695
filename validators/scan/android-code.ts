/**
 * Light, compiler-free scan of an Android app's Kotlin and Java sources: the
 * calls the background-execution rules care about, each attributed to the
 * class whose body contains it, plus each class's supertypes (so a rule can
 * ask "is this a Service / JobService / Worker / BroadcastReceiver?").
 *
 * Comments and string contents are blanked out before matching (offsets are
 * kept), so commented-out code never counts. Results are cached per app.
 */
import { fgsTypeByConstant, FGS_TYPES } from '../data/android-fgs.js';
import type { AndroidApp, ProjectFiles } from '../project/types.js';
import { lineStarts, positionIn } from '../../parsers/xml.js';
import { blankKeepingLines } from './text.js';

export type HitKind =
  | 'startForeground'
  | 'serviceCompatStartForeground'
  | 'setForeground'
  | 'foregroundInfo'
  | 'startForegroundService'
  | 'setPersisted'
  | 'setUserInitiated'
  | 'setRequiredNetwork'
  | 'setJobNotification'
  | 'setExactAlarm'
  | 'canScheduleExactAlarms'
  | 'catchSecurityException'
  | 'newWakeLock'
  | 'acquireWithoutTimeout'
  | 'notify'
  | 'areNotificationsEnabled'
  | 'onTimeout'
  | 'stopSelf'
  | 'network'
  | 'batteryOptimizationIntent'
  | 'screenCaptureConsent';

export interface CodeHit {
  kind: HitKind;
  file: string;
  line: number;
  column: number;
  offset: number;
  /** The class whose body holds the call (simple name), if any. */
  className?: string;
  /**
   * FGS types named in the call's type argument: undefined when the call
   * passes no type (two-argument startForeground), `unresolved` when the
   * argument is not a recognisable constant.
   */
  types?: string[];
  /** The type argument could not be resolved to constants. */
  unresolved?: boolean;
  /** True when the argument is FOREGROUND_SERVICE_TYPE_MANIFEST. */
  manifestTypes?: boolean;
  /** startForegroundService: the service class started, when written as `X::class.java` / `X.class`. */
  target?: string;
}

export interface ClassInfo {
  name: string;
  /** Package-qualified name when the file declares a package. */
  fqn?: string;
  file: string;
  line: number;
  supers: string[];
  start: number;
  end: number;
}

export interface AndroidCodeScan {
  files: string[];
  classes: ClassInfo[];
  hits: CodeHit[];
  of(kind: HitKind): CodeHit[];
  /** A class by simple or qualified name. */
  classNamed(name: string): ClassInfo | undefined;
  /** True when the class (transitively, through classes in the scan) extends one of `roots`. */
  extendsAny(name: string, roots: readonly string[]): boolean;
  hitsIn(className: string, kind: HitKind): CodeHit[];
}

export const SERVICE_ROOTS = [
  'Service',
  'LifecycleService',
  'IntentService',
  'JobIntentService',
  'MediaBrowserServiceCompat',
  'MediaBrowserService',
  'MediaSessionService',
  'MediaLibraryService',
  'JobService',
  'InCallService',
];
export const JOB_SERVICE_ROOTS = ['JobService'];
export const WORKER_ROOTS = ['Worker', 'CoroutineWorker', 'ListenableWorker', 'RxWorker'];
export const RECEIVER_ROOTS = ['BroadcastReceiver'];

const TOKENS = /\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)|"""[\s\S]*?(?:"""|$)|"(?:\\.|[^"\\\n\r])*(?:"|(?=[\n\r]|$))|'(?:\\.|[^'\\\n\r])*(?:'|(?=[\n\r]|$))/g;

/** Blank comments and the insides of string literals (offsets and line breaks kept). */
export function blankCommentsAndStrings(src: string): string {
  return src.replace(TOKENS, (m) => {
    if (m.startsWith('//') || m.startsWith('/*')) return blankKeepingLines(m);
    const q = m.startsWith('"""') ? 3 : 1;
    const closed = m.length >= 2 * q && m.endsWith(m.slice(0, q));
    const inner = m.slice(q, closed ? m.length - q : m.length);
    return m.slice(0, q) + blankKeepingLines(inner) + (closed ? m.slice(m.length - q) : '');
  });
}

/** Offset of the `)` matching the `(` at `open` (or -1). */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out.map((a) => a.trim());
}

/** FGS type names in an expression (constants, `or`/`|` combinations, if/else branches, hex literals). */
export function typesInExpression(expr: string, resolveVar?: (name: string) => string | undefined): { types: string[]; unresolved: boolean; manifest: boolean } {
  const types = new Set<string>();
  let manifest = false;
  let found = false;
  for (const m of expr.matchAll(/FOREGROUND_SERVICE_TYPE_([A-Z_]+)/g)) {
    found = true;
    const c = `FOREGROUND_SERVICE_TYPE_${m[1]}`;
    if (c === 'FOREGROUND_SERVICE_TYPE_MANIFEST') manifest = true;
    else if (c === 'FOREGROUND_SERVICE_TYPE_NONE') continue;
    else {
      const t = fgsTypeByConstant(c);
      if (t) types.add(t.name);
    }
  }
  for (const m of expr.matchAll(/\b0x([0-9a-fA-F]+)\b/g)) {
    found = true;
    const bits = parseInt(m[1]!, 16);
    for (const t of FGS_TYPES) if (bits & t.bit) types.add(t.name);
  }
  if (!found && resolveVar) {
    const id = /^([A-Za-z_]\w*)$/.exec(expr.trim());
    if (id) {
      const v = resolveVar(id[1]!);
      if (v) return typesInExpression(v);
    }
  }
  return { types: [...types], unresolved: !found, manifest };
}

const cache = new WeakMap<AndroidApp, AndroidCodeScan>();

/**
 * Each pattern with its needles: literals one of which every match of the
 * pattern contains. A file that holds none of a pattern's needles cannot match
 * it, and most files hold none of any (needlesIn finds them all in one scan).
 */
const SIMPLE: Array<[HitKind, RegExp, readonly string[]]> = [
  ['setPersisted', /\.setPersisted\s*\(\s*true\s*\)|\bisPersisted\s*=\s*true\b/g, ['.setPersisted', 'isPersisted']],
  ['setUserInitiated', /\.setUserInitiated\s*\(\s*true\s*\)/g, ['.setUserInitiated']],
  ['setRequiredNetwork', /\.setRequiredNetwork(?:Type)?\s*\(|\.setRequiresNetwork/g, ['.setRequiredNetwork', '.setRequiresNetwork']],
  ['setJobNotification', /\bsetNotification\s*\(/g, ['setNotification']],
  [
    'setExactAlarm',
    /\.(setExact|setExactAndAllowWhileIdle|setAlarmClock)\s*\(|\bAlarmManagerCompat\.(setExact|setExactAndAllowWhileIdle|setAlarmClock)\s*\(/g,
    ['setExact', 'setAlarmClock'],
  ],
  ['canScheduleExactAlarms', /\bcanScheduleExactAlarms\b/g, ['canScheduleExactAlarms']],
  [
    'catchSecurityException',
    /catch\s*\(\s*(?:\w+\s*:\s*)?(?:java\.lang\.)?SecurityException\b|catch\s*\(\s*(?:final\s+)?(?:java\.lang\.)?SecurityException\s+\w+|is\s+SecurityException\b/g,
    ['SecurityException'],
  ],
  ['newWakeLock', /\.newWakeLock\s*\(/g, ['.newWakeLock']],
  ['acquireWithoutTimeout', /\.acquire\s*\(\s*\)/g, ['.acquire']],
  ['notify', /\.notify\s*\(\s*[^)\s]/g, ['.notify']],
  ['areNotificationsEnabled', /\bareNotificationsEnabled\s*\(/g, ['areNotificationsEnabled']],
  ['onTimeout', /\boverride\s+fun\s+onTimeout\s*\(|\bvoid\s+onTimeout\s*\(\s*int\b/g, ['onTimeout']],
  ['stopSelf', /\bstopSelf(?:Result)?\s*\(|\bstopForeground\s*\(/g, ['stopSelf', 'stopForeground']],
  [
    'network',
    /\bNetworkType\.(CONNECTED|UNMETERED|NOT_ROAMING|METERED|TEMPORARILY_UNMETERED)\b|\bNETWORK_TYPE_(ANY|UNMETERED|NOT_ROAMING|CELLULAR)\b|\bHttpURLConnection\b|\bHttpsURLConnection\b|\bOkHttpClient\b|\bRetrofit\b|\.openConnection\s*\(|\bHttpClient\s*\(|\bVolley\.newRequestQueue\b/g,
    ['NetworkType.', 'NETWORK_TYPE_', 'HttpURLConnection', 'HttpsURLConnection', 'OkHttpClient', 'Retrofit', '.openConnection', 'HttpClient', 'Volley.newRequestQueue'],
  ],
  ['batteryOptimizationIntent', /\bACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS\b/g, ['ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS']],
  // The user's consent that grants the project_media app-op (mediaProjection's prerequisite).
  ['screenCaptureConsent', /\.createScreenCaptureIntent\s*\(/g, ['.createScreenCaptureIntent']],
  ['setForeground', /\bsetForeground(?:Async)?\s*\(/g, ['setForeground']],
];

/** Needles of the calls scanFile parses itself (each pattern there contains its literal). */
const START_FOREGROUND = 'startForeground';
const FOREGROUND_INFO = 'ForegroundInfo';
/** The battery-optimisation intent's action written as its string value (looked for in the source, strings kept). */
const BATTERY_ACTION_VALUE = 'android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS';

const NEEDLES = [...new Set([...SIMPLE.flatMap(([, , needles]) => needles), START_FOREGROUND, FOREGROUND_INFO])];
const NEEDLE_SCAN = new RegExp(NEEDLES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/**
 * The needles `text` holds, in one regex scan: ~10× cheaper than an
 * includes() per needle. The scan steps one character past each hit, not past
 * its end, and tests every needle there, so needles that overlap or start
 * alike are all found.
 */
function needlesIn(text: string): Set<string> {
  const found = new Set<string>();
  NEEDLE_SCAN.lastIndex = 0;
  for (let m = NEEDLE_SCAN.exec(text); m; m = NEEDLE_SCAN.exec(text)) {
    for (const n of NEEDLES) if (text.startsWith(n, m.index)) found.add(n);
    NEEDLE_SCAN.lastIndex = m.index + 1;
  }
  return found;
}

export function scanAndroidCode(app: AndroidApp, files: ProjectFiles): AndroidCodeScan {
  const hit = cache.get(app);
  if (hit) return hit;
  const classes: ClassInfo[] = [];
  const hits: CodeHit[] = [];
  for (const file of app.sourceFiles) {
    const src = files.read(file);
    if (src === undefined) continue;
    scanFile(file, src, classes, hits);
  }
  const bySimple = new Map<string, ClassInfo>();
  const byFqn = new Map<string, ClassInfo>();
  for (const c of classes) {
    if (!bySimple.has(c.name)) bySimple.set(c.name, c);
    if (c.fqn) byFqn.set(c.fqn, c);
  }
  const classNamed = (name: string) => byFqn.get(name) ?? bySimple.get(name.slice(name.lastIndexOf('.') + 1).replace(/^.*\$/, ''));
  const extendsAny = (name: string, roots: readonly string[]): boolean => {
    const seen = new Set<string>();
    const walk = (n: string): boolean => {
      const simple = n.slice(n.lastIndexOf('.') + 1);
      if (roots.includes(simple)) return true;
      if (seen.has(simple)) return false;
      seen.add(simple);
      const c = classNamed(n);
      return !!c && c.supers.some(walk);
    };
    return walk(name);
  };
  const scan: AndroidCodeScan = {
    files: app.sourceFiles,
    classes,
    hits,
    of: (kind) => hits.filter((h) => h.kind === kind),
    classNamed,
    extendsAny,
    hitsIn: (className, kind) => {
      const simple = className.slice(className.lastIndexOf('.') + 1);
      return hits.filter((h) => h.kind === kind && h.className === simple);
    },
  };
  cache.set(app, scan);
  return scan;
}

/**
 * Every '{' of the (blanked) text → its matching '}', in one pass: walking
 * each class body to its end separately was quadratic in files with many
 * classes (generated types, JSON codecs). indexOf jumps from brace to brace
 * (~7× faster than looking at every character).
 */
function matchingBraces(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  let nextOpen = text.indexOf('{');
  for (let nextClose = text.indexOf('}'); nextClose >= 0; ) {
    if (nextOpen >= 0 && nextOpen < nextClose) {
      open.push(nextOpen);
      nextOpen = text.indexOf('{', nextOpen + 1);
    } else {
      if (open.length) out.set(open.pop()!, nextClose);
      nextClose = text.indexOf('}', nextClose + 1);
    }
  }
  return out;
}

function scanFile(file: string, src: string, classes: ClassInfo[], hits: CodeHit[]): void {
  const text = blankCommentsAndStrings(src);
  const starts = lineStarts(src);
  const pos = (o: number) => positionIn(starts, o);
  const pkg = /^\s*package\s+([\w.]+)/m.exec(text)?.[1];

  // Classes and their body ranges.
  const local: ClassInfo[] = [];
  let closing: Map<number, number> | undefined;
  for (const m of text.matchAll(/\b(?:class|object|interface)\s+([A-Z_]\w*)/g)) {
    const name = m[1]!;
    const headerStart = m.index! + m[0].length;
    // The body starts at the first '{' at paren depth 0 (Kotlin constructors have parens).
    let depth = 0;
    let bodyOpen = -1;
    let k = headerStart;
    for (; k < text.length; k++) {
      const c = text[k];
      if (c === '(' || c === '<') depth++;
      else if (c === ')' || c === '>') depth = Math.max(0, depth - 1);
      else if (c === '{' && depth === 0) {
        bodyOpen = k;
        break;
      } else if ((c === '\n' && depth === 0 && /\n\s*(?:class|object|fun|val|var|@|private|internal|public|data|sealed|abstract|open)\b/.test(text.slice(k, k + 40))) || c === ';') break;
    }
    const header = text.slice(headerStart, bodyOpen < 0 ? k : bodyOpen);
    const supers: string[] = [];
    const kt = /^\s*(?:<[^>]*>)?\s*(?:[\w\s@]*constructor\s*)?(?:\([^]*?\))?\s*:\s*([^{]+)$/.exec(header);
    if (kt) {
      for (const part of splitArgs(kt[1]!)) {
        const id = /^([\w.]+)/.exec(part.trim());
        if (id) supers.push(id[1]!.slice(id[1]!.lastIndexOf('.') + 1));
      }
    }
    for (const jm of header.matchAll(/\b(?:extends|implements)\s+([\w.<>,\s]+?)(?=\s+(?:implements|extends)\b|$)/g)) {
      for (const part of splitArgs(jm[1]!)) {
        const id = /^([\w.]+)/.exec(part.trim());
        if (id) supers.push(id[1]!.slice(id[1]!.lastIndexOf('.') + 1));
      }
    }
    let end = text.length;
    if (bodyOpen >= 0) {
      const close = (closing ??= matchingBraces(text)).get(bodyOpen);
      if (close !== undefined) end = close + 1;
    } else end = k;
    const info: ClassInfo = { name, fqn: pkg ? `${pkg}.${name}` : undefined, file, line: pos(m.index!).line, supers, start: m.index!, end };
    local.push(info);
  }
  classes.push(...local);
  const owner = (o: number) => {
    let best: ClassInfo | undefined;
    for (const c of local) if (c.start <= o && o < c.end && (!best || c.start > best.start)) best = c;
    return best?.name;
  };
  const add = (kind: HitKind, o: number, extra: Partial<CodeHit> = {}) => {
    const p = pos(o);
    hits.push({ kind, file, line: p.line, column: p.column, offset: o, className: owner(o), ...extra });
  };

  // Simple variable resolution for type arguments: `val type = …` / `int type = …` in the same file.
  const resolveVar = (name: string) => new RegExp(`\\b${name}\\s*(?::\\s*Int)?\\s*=\\s*([^\\n;]+)`).exec(text)?.[1];

  // Each pattern's matches, without running it on a file that lacks its needle.
  const needles = needlesIn(text);
  const matches = (needle: string, re: RegExp) => (needles.has(needle) ? text.matchAll(re) : []);

  for (const m of matches(START_FOREGROUND, /\b(ServiceCompat\s*\.\s*)?startForeground\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchParen(text, open);
    const args = close < 0 ? [] : splitArgs(text.slice(open + 1, close));
    const compat = !!m[1];
    const typeArg = compat ? args[3] : args[2];
    const kind: HitKind = compat ? 'serviceCompatStartForeground' : 'startForeground';
    if (typeArg === undefined) add(kind, m.index!);
    else {
      const t = typesInExpression(typeArg, resolveVar);
      add(kind, m.index!, { types: t.types, unresolved: t.unresolved && !t.manifest, manifestTypes: t.manifest });
    }
  }
  for (const m of matches(FOREGROUND_INFO, /\bForegroundInfo\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchParen(text, open);
    const args = close < 0 ? [] : splitArgs(text.slice(open + 1, close));
    if (args.length >= 3) {
      const t = typesInExpression(args[2]!, resolveVar);
      add('foregroundInfo', m.index!, { types: t.types, unresolved: t.unresolved && !t.manifest, manifestTypes: t.manifest });
    } else add('foregroundInfo', m.index!);
  }
  for (const m of matches(START_FOREGROUND, /\bstartForegroundService\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchParen(text, open);
    const inner = close < 0 ? '' : text.slice(open + 1, close);
    let target = /(\w+)::class\.java|(\w+)\.class\b/.exec(inner);
    if (!target) {
      // `val i = Intent(ctx, X::class.java)` just before the call.
      const before = text.slice(Math.max(0, m.index! - 400), m.index!);
      const all = [...before.matchAll(/Intent\s*\([^)]*?(\w+)::class\.java|Intent\s*\([^)]*?(\w+)\.class/g)];
      target = all[all.length - 1] ?? null;
    }
    add('startForegroundService', m.index!, { target: target ? (target[1] ?? target[2]) : undefined });
  }
  for (const [kind, re, kindNeedles] of SIMPLE) {
    if (!kindNeedles.some((n) => needles.has(n))) continue;
    for (const m of text.matchAll(re)) add(kind, m.index!);
  }
  // The intent action may be written as its string value.
  for (let at = src.indexOf(BATTERY_ACTION_VALUE); at >= 0; at = src.indexOf(BATTERY_ACTION_VALUE, at + BATTERY_ACTION_VALUE.length)) add('batteryOptimizationIntent', at);
}
