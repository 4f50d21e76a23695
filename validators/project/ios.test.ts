import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { writeProject } from '../testing.js';
import { createProjectFiles, walk } from './files.js';
import { bundleId, entitlements, iosDetails, isInfoPlistPath, loadIosTargets, parsePbxproj, plistKey } from './ios.js';
import { plist, str } from '../rules/apple.test-util.js';

/** A minimal Xcode project: an app target, an app extension and a unit-test bundle. */
function pbxproj(appSettings: string): string {
  return `// !$*UTF8*$!
{
	archiveVersion = 1;
	objects = {
		P1 /* Project object */ = { isa = PBXProject; buildConfigurationList = L0; targets = ( T1 /* App */, T2, T3 ); };
		L0 = { isa = XCConfigurationList; buildConfigurations = ( C0 ); };
		C0 /* Release */ = { isa = XCBuildConfiguration; name = Release; buildSettings = { SDKROOT = iphoneos; }; };
		T1 /* App */ = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L1; buildPhases = ( R1 ); };
		L1 = { isa = XCConfigurationList; buildConfigurations = ( C1, C2 ); };
		C1 /* Debug */ = { isa = XCBuildConfiguration; name = Debug; buildSettings = { ${appSettings} CODE_SIGN_ENTITLEMENTS = App/App.entitlements; }; };
		C2 /* Release */ = { isa = XCBuildConfiguration; name = Release; buildSettings = { ${appSettings} CODE_SIGN_ENTITLEMENTS = "App/App-release.entitlements"; "CODE_SIGN_ENTITLEMENTS[sdk=macosx*]" = App/Mac.entitlements; }; };
		R1 = { isa = PBXResourcesBuildPhase; files = ( B1 /* PrivacyInfo.xcprivacy in Resources */ ); };
		B1 = { isa = PBXBuildFile; fileRef = F1; };
		F1 = { isa = PBXFileReference; path = PrivacyInfo.xcprivacy; };
		T2 = { isa = PBXNativeTarget; name = Share; productType = "com.apple.product-type.app-extension"; buildConfigurationList = L2; };
		L2 = { isa = XCConfigurationList; buildConfigurations = ( C3 ); };
		C3 = { isa = XCBuildConfiguration; name = Release; buildSettings = { INFOPLIST_FILE = Share/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = com.example.app.share; }; };
		T3 = { isa = PBXNativeTarget; name = AppTests; productType = "com.apple.product-type.bundle.unit-test"; buildConfigurationList = L3; };
		L3 = { isa = XCConfigurationList; buildConfigurations = ( C4 ); };
		C4 = { isa = XCBuildConfiguration; name = Release; buildSettings = { INFOPLIST_FILE = Checks/Info.plist; }; };
	};
	rootObject = P1;
}
`;
}

function load(files: Record<string, string>) {
  const dir = writeProject(files);
  const paths = walk(dir);
  const pf = createProjectFiles(dir, paths);
  return { dir, pf, targets: loadIosTargets({ files: pf, infoPlists: paths.filter(isInfoPlistPath) }), done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('pbxproj: build settings resolve $(PRODUCT_BUNDLE_IDENTIFIER), INFOPLIST_KEY_* count as keys, entitlements per configuration, tests skipped', () => {
  const ents = plist(str('aps-environment', 'development'));
  const p = load({
    'App.xcodeproj/project.pbxproj': pbxproj('INFOPLIST_FILE = App/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = "com.example.app"; GENERATE_INFOPLIST_FILE = YES; INFOPLIST_KEY_NSBluetoothAlwaysUsageDescription = "Talks to the sensor";'),
    'App/Info.plist': plist(str('CFBundleIdentifier', '$(PRODUCT_BUNDLE_IDENTIFIER)')),
    'App/App.entitlements': ents,
    'App/App-release.entitlements': ents,
    'App/Mac.entitlements': plist(''),
    'App/PrivacyInfo.xcprivacy': plist(''),
    'Share/Info.plist': plist('<key>NSExtension</key>\n<dict/>'),
    'Checks/Info.plist': plist(str('CFBundlePackageType', 'BNDL')),
  });
  try {
    const names = p.targets.map((t) => t.infoPlistFile.slice(p.dir.length + 1)).sort();
    assert.deepEqual(names, ['App/Info.plist', 'Share/Info.plist']);
    const app = p.targets.find((t) => t.infoPlistFile.endsWith('App/Info.plist'))!;
    assert.equal(bundleId(app), 'com.example.app');
    assert.ok(plistKey(app, 'NSBluetoothAlwaysUsageDescription')?.generated);
    assert.deepEqual(
      entitlements(p.pf, app).map((e) => [e.config, e.file.slice(p.dir.length + 1)]),
      [['Debug', 'App/App.entitlements'], ['Release', 'App/App-release.entitlements']],
    );
    assert.equal(iosDetails(app).entitlementsExact, true);
    assert.equal(iosDetails(app).privacyManifestInTarget, true);
    assert.deepEqual(iosDetails(app).platforms, ['iOS']);
    const share = p.targets.find((t) => t.infoPlistFile.endsWith('Share/Info.plist'))!;
    assert.equal(share.isExtension, true);
  } finally {
    p.done();
  }
});

test('without a pbxproj: Capacitor/Flutter layouts, macOS entitlements variant ignored, partial plist flagged', () => {
  const p = load({
    'ios/App/App/Info.plist': plist(str('CFBundleIdentifier', 'com.example.app')),
    'ios/App/App/App.entitlements': plist(''),
    'ios/App/App/App-macOS.entitlements': plist(''),
    'ios/App/App/AppDelegate.swift': 'import UIKit\n',
    'ios/App/Pods/Foo/Info.plist': plist(''),
    'macos/Runner/Info.plist': plist(str('LSMinimumSystemVersion', '10.15')),
    'Partial/Info.plist': plist('<key>UIBackgroundModes</key>\n<array/>'),
  });
  try {
    const cap = p.targets.find((t) => t.infoPlistFile.endsWith('ios/App/App/Info.plist'))!;
    assert.deepEqual(cap.entitlementsFiles.map((f) => f.slice(p.dir.length + 1)), ['ios/App/App/App.entitlements']);
    assert.deepEqual(cap.sourceFiles.map((f) => f.slice(p.dir.length + 1)), ['ios/App/App/AppDelegate.swift']);
    assert.equal(iosDetails(cap).plistComplete, true);
    const partial = p.targets.find((t) => t.infoPlistFile.endsWith(join('Partial', 'Info.plist')))!;
    assert.equal(iosDetails(partial).plistComplete, false);
    assert.equal(p.targets.length, 2);
  } finally {
    p.done();
  }
});

test('parsePbxproj: quoted strings, comments, arrays with trailing commas; errors on garbage', () => {
  const v = parsePbxproj('{ a = "x \\"y\\""; /* c */ b = ( 1, 2, ); c = { d = e; }; }');
  assert.deepEqual(v, { a: 'x "y"', b: ['1', '2'], c: { d: 'e' } });
  assert.throws(() => parsePbxproj('{ a = ; }'));
  assert.throws(() => parsePbxproj('{ a = b'));
});
