// The Kotlin/Java scan (validators/scan/android-code.ts) exactly as it was before it was made
// faster (commit 5f76d75): the oracle of ../scan-equivalence.test.ts, which
// runs both and requires the same results. Only these lines and the import
// paths differ from that commit's file. Not to be edited or optimised; when the
// scan's results change on purpose, the equivalence test and this file go.
/**
 * Light, compiler-free scan of an Android app's Kotlin and Java sources: the
 * calls the background-execution rules care about, each attributed to the
 * class whose body contains it, plus each class's supertypes (so a rule can
 * ask "is this a Service / JobService / Worker / BroadcastReceiver?").
 *
 * Comments and string contents are blanked out before matching (offsets are
 * kept), so commented-out code never counts. Results are cached per app.
 */
import { fgsTypeByConstant, FGS_TYPES } from '../../data/android-fgs.js';
import type { AndroidApp, ProjectFiles } from '../../project/types.js';
import { lineStarts, positionIn } from '../../../parsers/xml.js';

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
// Runs of characters, not each character: one replacement per line (~7× faster on long doc comments).
const blankKeepingLines = (s: string) => s.replace(/[^\n\r]+/g, (run) => ' '.repeat(run.length));

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

const SIMPLE: Array<[HitKind, RegExp]> = [
  ['setPersisted', /\.setPersisted\s*\(\s*true\s*\)|\bisPersisted\s*=\s*true\b/g],
  ['setUserInitiated', /\.setUserInitiated\s*\(\s*true\s*\)/g],
  ['setRequiredNetwork', /\.setRequiredNetwork(?:Type)?\s*\(|\.setRequiresNetwork/g],
  ['setJobNotification', /\bsetNotification\s*\(/g],
  ['setExactAlarm', /\.(setExact|setExactAndAllowWhileIdle|setAlarmClock)\s*\(|\bAlarmManagerCompat\.(setExact|setExactAndAllowWhileIdle|setAlarmClock)\s*\(/g],
  ['canScheduleExactAlarms', /\bcanScheduleExactAlarms\b/g],
  ['catchSecurityException', /catch\s*\(\s*(?:\w+\s*:\s*)?(?:java\.lang\.)?SecurityException\b|catch\s*\(\s*(?:final\s+)?(?:java\.lang\.)?SecurityException\s+\w+|is\s+SecurityException\b/g],
  ['newWakeLock', /\.newWakeLock\s*\(/g],
  ['acquireWithoutTimeout', /\.acquire\s*\(\s*\)/g],
  ['notify', /\.notify\s*\(\s*[^)\s]/g],
  ['areNotificationsEnabled', /\bareNotificationsEnabled\s*\(/g],
  ['onTimeout', /\boverride\s+fun\s+onTimeout\s*\(|\bvoid\s+onTimeout\s*\(\s*int\b/g],
  ['stopSelf', /\bstopSelf(?:Result)?\s*\(|\bstopForeground\s*\(/g],
  [
    'network',
    /\bNetworkType\.(CONNECTED|UNMETERED|NOT_ROAMING|METERED|TEMPORARILY_UNMETERED)\b|\bNETWORK_TYPE_(ANY|UNMETERED|NOT_ROAMING|CELLULAR)\b|\bHttpURLConnection\b|\bHttpsURLConnection\b|\bOkHttpClient\b|\bRetrofit\b|\.openConnection\s*\(|\bHttpClient\s*\(|\bVolley\.newRequestQueue\b/g,
  ],
  ['batteryOptimizationIntent', /\bACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS\b/g],
  // The user's consent that grants the project_media app-op (mediaProjection's prerequisite).
  ['screenCaptureConsent', /\.createScreenCaptureIntent\s*\(/g],
  ['setForeground', /\bsetForeground(?:Async)?\s*\(/g],
];

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
 * classes (generated types, JSON codecs).
 */
function matchingBraces(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) open.push(i);
    else if (c === 125 /* } */ && open.length) out.set(open.pop()!, i);
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

  for (const m of text.matchAll(/\b(ServiceCompat\s*\.\s*)?startForeground\s*\(/g)) {
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
  for (const m of text.matchAll(/\bForegroundInfo\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchParen(text, open);
    const args = close < 0 ? [] : splitArgs(text.slice(open + 1, close));
    if (args.length >= 3) {
      const t = typesInExpression(args[2]!, resolveVar);
      add('foregroundInfo', m.index!, { types: t.types, unresolved: t.unresolved && !t.manifest, manifestTypes: t.manifest });
    } else add('foregroundInfo', m.index!);
  }
  for (const m of text.matchAll(/\bstartForegroundService\s*\(/g)) {
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
  for (const [kind, re] of SIMPLE) {
    for (const m of text.matchAll(re)) add(kind, m.index!);
  }
  // The intent action may be written as its string value.
  for (const m of src.matchAll(/android\.settings\.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS/g)) add('batteryOptimizationIntent', m.index!);
}
