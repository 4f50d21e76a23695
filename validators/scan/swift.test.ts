import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blank, resolveExpr, scanTarget, scanText } from './swift.js';
import type { ProjectFiles } from '../project/types.js';

/** A ProjectFiles over in-memory sources (the scan only reads). */
function memFiles(sources: Record<string, string>): ProjectFiles {
  return { read: (p: string) => sources[p] } as unknown as ProjectFiles;
}

test('register identifiers: literals, constants, enum raw values, bundle-id interpolation, concatenation', () => {
  const files = memFiles({
    '/a/Ids.swift': 'enum TaskId: String { case sync = "com.example.sync" }\nenum Ids { static let refresh = "\\(Bundle.main.bundleIdentifier!).refresh" }\nlet base = "com.example"\n',
    '/a/AppDelegate.swift': `class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: Ids.refresh, using: nil) { _ in }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: TaskId.sync.rawValue, using: nil) { _ in }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: base + ".clean", using: nil) { _ in }
        // BGTaskScheduler.shared.register(forTaskWithIdentifier: "commented.out", using: nil) { _ in }
        return true
    }
}`,
  });
  const t = scanTarget(files, ['/a/Ids.swift', '/a/AppDelegate.swift']);
  assert.deepEqual(
    t.registers.map((r) => [r.line, r.id.value, r.context]),
    [
      [3, '$(PRODUCT_BUNDLE_IDENTIFIER).refresh', 'launch'],
      [4, 'com.example.sync', 'launch'],
      [5, 'com.example.clean', 'launch'],
    ],
  );
});

test('Objective-C: registerForTaskWithIdentifier, initWithIdentifier, NSString constants', () => {
  const s = scanText(
    '/a/AppDelegate.m',
    `static NSString *const kRefresh = @"com.example.refresh";
@implementation AppDelegate
- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [[BGTaskScheduler sharedScheduler] registerForTaskWithIdentifier:kRefresh usingQueue:nil launchHandler:^(BGTask *task) {}];
    return YES;
}
- (void)schedule {
    BGAppRefreshTaskRequest *r = [[BGAppRefreshTaskRequest alloc] initWithIdentifier:@"com.example.refresh"];
}
@end`,
  );
  assert.equal(s.registers[0]!.context, 'launch');
  assert.equal(s.registers[0]!.id.expr, 'kRefresh');
  assert.equal(s.requests[0]!.cls, 'BGAppRefreshTaskRequest');
  assert.equal(s.requests[0]!.line, 8);
});

test('symbols and required-reason APIs ignore comments and string contents', () => {
  const s = scanText('/a/x.swift', '// UserDefaults in a comment\nlet s = "UserDefaults in a string"\nlet d = UserDefaults.standard\n');
  assert.deepEqual(s.requiredReason.get('NSPrivacyAccessedAPICategoryUserDefaults')?.map((l) => l.line), [3]);
});

test('resolveExpr gives up on what it cannot know', () => {
  assert.equal(resolveExpr('UUID().uuidString', new Map()), undefined);
  assert.equal(resolveExpr('"a\\(x)b"', new Map()), undefined);
  assert.equal(resolveExpr('"a\\(x)b"', new Map([['x', '"-"']])), 'a-b');
});

test('hostile input: the scan never throws, blanking keeps every offset', async () => {
  const fc = (await import('fast-check')).default;
  const alphabet = ['{', '}', '(', ')', '"', '"""', '\\(', '\\', '/*', '*/', '//', '\n', '\r\n', ' ', 'func ', 'init(', 'BGTaskScheduler.shared.register(forTaskWithIdentifier: ', 'BGAppRefreshTaskRequest(identifier: ', 'let x = ', 'x', ';', '@"', '[', ']', '^{', '- (BOOL)application:'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 200 }), fc.boolean(), (parts, objc) => {
      const src = parts.join('');
      const s = scanText(objc ? '/f.m' : '/f.swift', src);
      assert.ok(Array.isArray(s.registers));
      assert.equal(blank(src, true).length, src.length);
      assert.equal(blank(src, false).length, src.length);
    }),
    { numRuns: 2000 },
  );
});
