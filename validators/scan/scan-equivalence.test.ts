/**
 * The Kotlin/Java and Swift/Objective-C scans give exactly what they gave
 * before they were made faster: each is run beside its previous
 * implementation (testing/reference-*.ts, kept verbatim) and every result is
 * compared whole — blanked text, classes, hits with their locations and
 * types, registrations, requests, sessions, symbols, required-reason uses,
 * strings, constants, the call graph and each call's blocks — on:
 *
 *   - every Kotlin, Java, Swift and Objective-C file in this repository
 *     (fixtures of the toolchains, templates and end-to-end tests);
 *   - the modules generated from every good declaration into a standalone
 *     module, a Tauri app and a Capacitor app (glue, implementations, the
 *     hosts' edited files), file by file and as whole targets;
 *   - random sources made of the tokens the scans look for, and random cuts
 *     of the files above with such tokens spliced in (fixed seeds).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sourcePath } from '../../lib/paths.js';
import { createProject, relocateModel, type Shape } from '../../e2e/projects.js';
import { planGeneration } from '../../generator/engine.js';
import { targets } from '../../generator/targets.js';
import type { ServiceModel } from '../../declaration/model.js';
import { REQUIRED_REASON_APIS, type RequiredReasonCategory } from '../data/ios.js';
import type { AndroidApp, ProjectFiles } from '../project/types.js';
import * as kotlinScan from './android-code.js';
import * as kotlinReference from './testing/reference-android-code.js';
import * as swiftScan from './swift.js';
import * as swiftReference from './testing/reference-swift.js';

interface Source {
  path: string;
  text: string;
}

const KOTLIN_FILE = /\.(?:kt|java)$/;
const SWIFT_FILE = /\.(?:swift|m|mm|h)$/;

/** A ProjectFiles over in-memory sources (the scans only read). */
function memFiles(sources: readonly Source[]): ProjectFiles {
  const byPath = new Map(sources.map((s) => [s.path, s.text]));
  return { read: (p: string) => byPath.get(p) } as unknown as ProjectFiles;
}

/** Plain data, Maps and Sets as their entries in order (so order counts too). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v)) ?? 'null');
}

// ------------------------------------------------------------------ what is compared

function kotlinFileResults(scan: typeof kotlinScan | typeof kotlinReference, source: Source): unknown {
  const result = scan.scanAndroidCode({ sourceFiles: [source.path] } as AndroidApp, memFiles([source]));
  return plain({ blanked: scan.blankCommentsAndStrings(source.text), classes: result.classes, hits: result.hits });
}

function kotlinAppResults(scan: typeof kotlinScan | typeof kotlinReference, sources: readonly Source[]): unknown {
  const result = scan.scanAndroidCode({ sourceFiles: sources.map((s) => s.path) } as AndroidApp, memFiles(sources));
  const names = result.classes.flatMap((c) => [c.name, c.fqn ?? c.name]);
  return plain({
    classes: result.classes,
    hits: result.hits,
    named: names.map((n) => result.classNamed(n)),
    services: names.map((n) => result.extendsAny(n, scan.SERVICE_ROOTS)),
    workers: names.map((n) => result.extendsAny(n, scan.WORKER_ROOTS)),
  });
}

function swiftFileResults(scan: typeof swiftScan | typeof swiftReference, source: Source): unknown {
  return plain({ bare: scan.blank(source.text, true), code: scan.blank(source.text, false), scan: scan.scanText(source.path, source.text) });
}

const CATEGORIES = Object.keys(REQUIRED_REASON_APIS) as RequiredReasonCategory[];

function swiftTargetResults(scan: typeof swiftScan | typeof swiftReference, sources: readonly Source[]): unknown {
  const target = scan.scanTarget(memFiles(sources), sources.map((s) => s.path));
  return plain({
    ...target,
    uses: scan.SYMBOLS.map((symbol) => target.uses(symbol)),
    requiredReason: CATEGORIES.map((category) => target.requiredReason(category)),
  });
}

function assertSameKotlin(source: Source): void {
  assert.deepStrictEqual(kotlinFileResults(kotlinScan, source), kotlinFileResults(kotlinReference, source), `${source.path}:\n${source.text}`);
}

function assertSameSwift(source: Source): void {
  assert.deepStrictEqual(swiftFileResults(swiftScan, source), swiftFileResults(swiftReference, source), `${source.path}:\n${source.text}`);
}

// ------------------------------------------------------------------ corpus

/** Every Kotlin, Java, Swift and Objective-C file of this repository (not dependencies or build output). */
function repositorySources(): Source[] {
  const out: Source[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', 'dist', '.git'].includes(e.name)) visit(path);
      } else if (e.isFile() && (KOTLIN_FILE.test(e.name) || SWIFT_FILE.test(e.name))) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  visit(sourcePath());
  return out;
}

/** The good declarations' models (fixtures/good/*.model.json, paths made absolute again). */
function goodModels(): ServiceModel[] {
  const dir = sourcePath('declaration', 'fixtures', 'good');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.model.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8').split('"./').join(JSON.stringify(`${dir}/`).slice(0, -1))) as ServiceModel);
}

/** The code each good declaration generates into each project shape: one list of sources per generated project. */
function generatedModules(base: string): Source[][] {
  const modules: Source[][] = [];
  for (const model of goodModels()) {
    for (const shape of ['standalone', 'tauri', 'capacitor'] as Shape[]) {
      const { host, declaration } = createProject(shape, join(base, `${model.names.kebab}-${shape}`), model.sourceFile);
      // A standalone module needs its own identifier (a host app would give one).
      const moved = { ...relocateModel(model, declaration), identifier: model.identifier ?? `com.example.${model.names.snake.replace(/_/g, '')}` };
      const plan = planGeneration({ host, models: [moved], targets, pruneMissingServices: true });
      assert.deepEqual([plan.errors, plan.conflicts], [[], []], `${model.names.kebab} in a ${shape} project`);
      const sources = plan.changes.flatMap((c) => (c.after !== undefined && (KOTLIN_FILE.test(c.path) || SWIFT_FILE.test(c.path)) ? [{ path: join(host.root, c.path), text: c.after }] : []));
      modules.push(sources);
    }
  }
  return modules;
}

// ------------------------------------------------------------------ tests

let base = '';
let repository: Source[] = [];
let modules: Source[][] = [];
before(() => {
  base = mkdtempSync(join(tmpdir(), 'bg-scan-equivalence-'));
  repository = repositorySources();
  modules = generatedModules(base);
});
after(() => rmSync(base, { recursive: true, force: true }));

test('the scans equal their previous implementation on every Kotlin, Java, Swift and Objective-C file of the repository', () => {
  assert.ok(repository.filter((s) => KOTLIN_FILE.test(s.path)).length >= 4 && repository.filter((s) => SWIFT_FILE.test(s.path)).length >= 4, `${repository.length} files`);
  for (const source of repository) (KOTLIN_FILE.test(source.path) ? assertSameKotlin : assertSameSwift)(source);
});

test('… on the modules generated from every good declaration into each project shape, file by file and as whole targets', () => {
  let kotlinFiles = 0;
  let swiftFiles = 0;
  for (const sources of modules) {
    const kotlin = sources.filter((s) => KOTLIN_FILE.test(s.path));
    const swift = sources.filter((s) => SWIFT_FILE.test(s.path));
    kotlin.forEach(assertSameKotlin);
    swift.forEach(assertSameSwift);
    kotlinFiles += kotlin.length;
    swiftFiles += swift.length;
    const where = sources[0]?.path ?? '(empty module)';
    assert.deepStrictEqual(kotlinAppResults(kotlinScan, kotlin), kotlinAppResults(kotlinReference, kotlin), `Kotlin of ${where}`);
    assert.deepStrictEqual(swiftTargetResults(swiftScan, swift), swiftTargetResults(swiftReference, swift), `Swift of ${where}`);
  }
  assert.ok(kotlinFiles > 100 && swiftFiles > 50, `${modules.length} modules, ${kotlinFiles} Kotlin and ${swiftFiles} Swift files`);
});

/** Pieces of text that make the scans take every branch: comment and string delimiters, escapes, line breaks, braces. */
const SHARED_TOKENS = ['//', '/*', '*/', '"', '"""', "'", '\\', '\\"', '\\(', '\n', '\r', '\r\n', '\u2028', ' ', '  ', '\t', '\u00a0', '\u3000', '{', '}', '(', ')', '[', ']', '<', '>', ',', ';', ':', '.', '=', '+', 'x', 'Foo', '_a9', '9b', 'é'];

const KOTLIN_TOKENS = [
  ...SHARED_TOKENS,
  'package com.example.app\n', 'class ', 'object ', 'interface ', 'data class ', 'constructor', ' : Service()', ' : Worker(ctx, p)', ' extends ', ' implements ', 'JobService', '@Keep ', 'fun ', 'val ', 'private ',
  'startForeground(', 'ServiceCompat.startForeground(', 'ServiceCompat . startForeground (', 'ForegroundInfo(', 'startForegroundService(', 'Intent(ctx, ', 'Sync::class.java', 'Sync.class', 'startForegroundServ',
  'FOREGROUND_SERVICE_TYPE_DATA_SYNC', 'FOREGROUND_SERVICE_TYPE_MANIFEST', 'FOREGROUND_SERVICE_TYPE_NONE', ' or ', ' | ', '0x10', 'val type = ', 'int type = ', 'type', 'if (a) ', ' else ',
  '.setPersisted(true)', 'isPersisted = true', '.setUserInitiated( true )', '.setRequiredNetworkType(', '.setRequiredNetwork(', '.setRequiresNetwork', 'setNotification(', '.setExact(', '.setExactAndAllowWhileIdle(',
  '.setAlarmClock(', 'AlarmManagerCompat.setExact(', 'canScheduleExactAlarms', 'catch (e: SecurityException)', 'catch (final java.lang.SecurityException e)', 'is SecurityException', '.newWakeLock(', '.acquire()', '.acquire(10L)',
  '.notify(1, n)', '.notify()', 'areNotificationsEnabled(', 'override fun onTimeout(', 'void onTimeout(int', 'stopSelf(', 'stopSelfResult(', 'stopForeground(', 'NetworkType.CONNECTED', 'NETWORK_TYPE_ANY', 'HttpURLConnection',
  'HttpsURLConnection', 'OkHttpClient', 'Retrofit', '.openConnection(', 'HttpClient(', 'Volley.newRequestQueue', 'ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS', 'android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS',
  '.createScreenCaptureIntent(', 'setForeground(', 'setForegroundAsync(', 'Foreground', 'setPersist', '.notif', 'Security',
];

const SWIFT_TOKENS = [
  ...SHARED_TOKENS,
  'func ', 'func  ', 'func\n', 'xfunc ', 'func', 'init(', 'init?(', 'public init(', 'convenience init(', ') async throws', 'struct S', 'class C', ': App', ': App, Sendable', 'enum E: String', 'extension X', 'actor A',
  'protocol P', 'static ', 'let ', 'let id: String = ', 'case a = ', '"com.example.a"', '"\\(base).b"', 'Bundle.main.bundleIdentifier!', 'Task ', 'Task.detached ', '.task ', 'DispatchQueue.main.async ', 'asyncAfter',
  '.sink ', ' then', 'addObserver', 'application', 'func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool ',
  'BGTaskScheduler.shared.register(forTaskWithIdentifier: ', 'using: nil) { task in ', 'BGContinuedProcessingTask', 'BGAppRefreshTaskRequest(identifier: ', 'BGProcessingTaskRequest(identifier:', 'registerPeriodicTask(withIdentifier: ',
  'BackgroundRunnerPlugin.', 'registerBackgroundTask(', '.background(withIdentifier: ', '.uploadTask(with: ', 'from: ', 'fromFile: ', 'UserDefaults.standard', '@AppStorage', 'stat(p)', 'systemUptime', 'activeInputModes',
  'NSFileCreationDate', 'volumeAvailableCapacityKey', 'CLLocationManager', 'BackgroundTasks', 'registerForRemoteNotifications', 'helper()', 'self.helper ()', 'foo.', 'in ',
  '- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions ', '- (void)schedule ', '[[BGTaskScheduler sharedScheduler] registerForTaskWithIdentifier:',
  '[[BGAppRefreshTaskRequest alloc] initWithIdentifier:', 'static NSString *const kId = @"com.example.c";', '#define K @"d"', '[BackgroundRunnerPlugin registerBackgroundTask]', 'backgroundSessionConfigurationWithIdentifier:',
  'uploadTaskWithRequest:r fromData:d', '[obj doThing:', '^{', '@"', '@end\n',
];

const KOTLIN_NAMES = ['/f.kt', '/f.java'];
const SWIFT_NAMES = ['/f.swift', '/f.m', '/f.mm', '/f.h'];

/** Random sources: `tokens` strung together, and cuts of `corpus` with tokens spliced in. */
function randomSources(tokens: readonly string[], corpus: readonly Source[], names: readonly string[]): fc.Arbitrary<Source> {
  const strung = fc.record({ path: fc.constantFrom(...names), text: fc.array(fc.constantFrom(...tokens), { maxLength: 160 }).map((parts) => parts.join('')) });
  const spliced = fc
    .record({
      from: fc.constantFrom(...corpus),
      start: fc.nat(),
      length: fc.nat({ max: 3000 }),
      inserts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...tokens)), { maxLength: 12 }),
    })
    .map(({ from, start, length, inserts }) => {
      const begin = from.text.length ? start % from.text.length : 0;
      let text = from.text.slice(begin, begin + length);
      for (const [at, token] of inserts) {
        const k = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, k) + token + text.slice(k);
      }
      return { path: from.path, text };
    });
  return fc.oneof(strung, spliced);
}

/** Pieces of white space, for the structured sources. */
const SPACE = fc.constantFrom(' ', '  ', '\n', '\n    ', '\t', '\u00a0', '\r\n', '');

/**
 * Random nested code: blocks with each kind of header the scans tell apart,
 * holding calls and further blocks (so every header kind lands around every
 * call, at several depths).
 */
function structuredSources(headers: readonly string[], statements: readonly string[], names: readonly string[]): fc.Arbitrary<Source> {
  const { block } = fc.letrec<{ block: string; item: string }>((tie) => ({
    block: fc
      .tuple(fc.constantFrom(...headers), SPACE, fc.array(tie('item'), { maxLength: 4 }), SPACE)
      .map(([header, space, items, end]) => `${header}${space}{${items.join('\n')}${end}}`),
    item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.tuple(SPACE, fc.constantFrom(...statements)).map(([space, s]) => space + s), tie('block')),
  }));
  return fc.record({ path: fc.constantFrom(...names), text: fc.array(fc.oneof(block, fc.constantFrom(...statements)), { maxLength: 6 }).map((parts) => parts.join('\n')) });
}

const KOTLIN_HEADERS = [
  'class SyncService : Service()', 'class Job extends JobService implements Runnable', 'object Holder', 'interface Api', 'class Worker2(ctx: Context, p: WorkerParameters) : CoroutineWorker(ctx, p)', 'data class D(val a: Int)',
  'fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int', 'override fun onTimeout(startId: Int)', 'void onTimeout(int id)', 'if (ok)', 'try', 'catch (e: SecurityException)', 'catch (final SecurityException e)', 'when (x)', 'companion object', 'init',
];
const KOTLIN_STATEMENTS = [
  'startForeground(1, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)', 'startForeground(1, n)', 'startForeground(1, n, type)', 'val type = FOREGROUND_SERVICE_TYPE_LOCATION or FOREGROUND_SERVICE_TYPE_DATA_SYNC',
  'ServiceCompat.startForeground(this, 1, n, if (a) FOREGROUND_SERVICE_TYPE_MANIFEST else 0x8)', 'ForegroundInfo(1, n, FOREGROUND_SERVICE_TYPE_DATA_SYNC)', 'ForegroundInfo(1, n)', 'context.startForegroundService(Intent(context, SyncService::class.java))',
  'val i = Intent(ctx, Sync::class.java)', 'startForegroundService(i)', 'builder.setPersisted(true)', 'builder.setUserInitiated(true)', 'builder.setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)', 'builder.setNotification(n)',
  'am.setExactAndAllowWhileIdle(t, at, pi)', 'am.canScheduleExactAlarms()', 'val lock = pm.newWakeLock(1, "t")', 'lock.acquire()', 'nm.notify(1, n)', 'nm.areNotificationsEnabled()', 'stopSelf()', 'stopForeground(STOP_FOREGROUND_REMOVE)',
  'OkHttpClient()', 'url.openConnection()', 'Intent(Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS)', 'val a = "android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS"', 'mpm.createScreenCaptureIntent()', 'setForeground(info)',
  '// startForeground(1, n)', '/* stopSelf() */', 'val s = "stopSelf()"', 'return',
];

const SWIFT_HEADERS = [
  'func helper()', 'func  spaced()', 'private func schedule() async throws', 'func generic<T>(x: T)', 'func run() -> funcResult', 'func (', 'x = myfunc ', 'func helper() \n func \n',
  'func application(_ app: UIApplication, didFinishLaunchingWithOptions o: Any) -> Bool \t ', 'func application(_ app: UIApplication, shouldFinishLaunchingWithOptions o: Any)', 'func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool',
  'func application(_ application: UIApplication, willFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool', 'init()', 'public init(x: Int) async throws', 'override init()', 'struct MyApp: App', 'struct S: View, App',
  'class AppDelegate: UIResponder, UIApplicationDelegate', 'enum Ids: String', 'extension AppDelegate', 'actor Store', 'protocol P', 'Task', 'Task.detached', 'Task(priority: .background)', 'view.task', '.task(id: x)', 'DispatchQueue.main.async',
  'DispatchQueue.main.asyncAfter(deadline: .now() + 1)', 'queue.addOperation', 'publisher.sink', 'view.onAppear', 'dispatch_async(q, ^', 'dispatch_after(when, q, ^', 'onReceive(p)', 'center.addObserver(forName: n, object: nil, queue: nil)', 'Timer.scheduledTimer(withTimeInterval: 1, repeats: false)',
  'promise.then', 'x.subscribe', 'if ok', 'guard ok else', 'do', 'items.forEach', 'var body: some Scene', 'var id: String', '- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)options', '- (void)schedule', '^(BGTask *task)',
];
const SWIFT_STATEMENTS = [
  'BGTaskScheduler.shared.register(forTaskWithIdentifier: Ids.refresh, using: nil) { task in task.setTaskCompleted(success: true) }', 'BGTaskScheduler.shared.register(forTaskWithIdentifier: "a.b", using: nil) { t in (t as? BGContinuedProcessingTask) }',
  'helper()', 'self.helper ()', 'spaced()', 'schedule()', 'Store.setUp()', 'let r = BGAppRefreshTaskRequest(identifier: "com.example.refresh")', 'BGProcessingTaskRequest(identifier: base + ".p")', 'registerPeriodicTask(withIdentifier: "p", frequency: 900)',
  'BackgroundRunnerPlugin.registerBackgroundTask()', 'let c = URLSessionConfiguration.background(withIdentifier: "s")', 'session.uploadTask(with: req, from: data)', 'static let refresh = "\\(Bundle.main.bundleIdentifier!).refresh"', 'let base = "com.example"',
  'case sync = "com.example.sync"', 'UserDefaults.standard.set(1, forKey: "k")', 'let t = ProcessInfo.processInfo.systemUptime', '[[BGTaskScheduler sharedScheduler] registerForTaskWithIdentifier:kRefresh usingQueue:nil launchHandler:^(BGTask *task) {}];',
  '[[BGAppRefreshTaskRequest alloc] initWithIdentifier:@"com.example.r"];', '[self schedule];', 'static NSString *const kRefresh = @"com.example.refresh";', '// helper()', '/* BGTaskScheduler.shared.register(forTaskWithIdentifier: "c", using: nil) { _ in } */', 'return true',
];

test('… on random Kotlin and Java: tokens the scan looks for, nested classes and calls, and cuts of real files with such tokens spliced in', () => {
  const corpus = [...repository, ...modules.flat()].filter((s) => KOTLIN_FILE.test(s.path));
  const sources = fc.oneof(randomSources(KOTLIN_TOKENS, corpus, KOTLIN_NAMES), structuredSources(KOTLIN_HEADERS, KOTLIN_STATEMENTS, KOTLIN_NAMES));
  fc.assert(fc.property(sources, assertSameKotlin), { numRuns: 4000, seed: 20250101 });
});

test('… on random Swift and Objective-C: tokens the scan looks for, nested blocks and calls, and cuts of real files with such tokens spliced in', () => {
  const corpus = [...repository, ...modules.flat()].filter((s) => SWIFT_FILE.test(s.path));
  const sources = fc.oneof(randomSources(SWIFT_TOKENS, corpus, SWIFT_NAMES), structuredSources(SWIFT_HEADERS, SWIFT_STATEMENTS, SWIFT_NAMES));
  fc.assert(fc.property(sources, assertSameSwift), { numRuns: 4000, seed: 20250102 });
});
