/**
 * iOS facts as data, shared by bg-doctor's iOS rules and the iOS generator.
 * Every table names its source (platform-rules.md keys: [I1]…[I7]).
 */

export type ApplePlatform = 'iOS' | 'tvOS' | 'watchOS' | 'xrOS' | 'macOS';

/**
 * Valid `UIBackgroundModes` values and the platforms that keep them.
 * Source: swift-build `InfoPlistProcessorTaskAction.swift` (`keyValuesPlatformSupport`) [I2]:
 * on any other platform the value is stripped from the built Info.plist. macOS
 * keeps none of them (a multiplatform target's iOS plist is fine there).
 */
export const BACKGROUND_MODES: Readonly<Record<string, readonly ApplePlatform[]>> = {
  audio: ['iOS', 'tvOS', 'watchOS', 'xrOS'],
  location: ['iOS', 'watchOS'],
  voip: ['iOS', 'watchOS', 'xrOS'],
  fetch: ['iOS', 'tvOS', 'xrOS'],
  'remote-notification': ['iOS', 'tvOS', 'watchOS', 'xrOS'],
  'newsstand-content': ['iOS'],
  'external-accessory': ['iOS'],
  'bluetooth-central': ['iOS', 'watchOS', 'xrOS'],
  'bluetooth-peripheral': ['iOS'],
  'network-authentication': ['iOS', 'xrOS'],
  processing: ['iOS', 'tvOS', 'xrOS'],
  'push-to-talk': ['iOS'],
  'nearby-interaction': ['iOS'],
};

/** Deprecated but still accepted values. */
export const DEPRECATED_BACKGROUND_MODES: readonly string[] = ['newsstand-content'];

/**
 * Wrong spellings seen in the wild and the value they mean (the reference
 * Tauri plugin's validator names `background-fetch` / `background-processing`).
 * Used for the fix of ios-bgmodes-valid; anything else unknown is removed.
 */
export const BACKGROUND_MODE_ALIASES: Readonly<Record<string, string>> = {
  'background-fetch': 'fetch',
  'background-processing': 'processing',
  'remote-notifications': 'remote-notification',
  'bluetooth-centrale': 'bluetooth-central',
  'location-updates': 'location',
  'audio-playback': 'audio',
  'voice-over-ip': 'voip',
};

/** BGTaskScheduler request classes and the background mode each needs [I3]. */
export const BGTASK_REQUESTS = {
  BGAppRefreshTaskRequest: { kind: 'refresh', mode: 'fetch' },
  BGProcessingTaskRequest: { kind: 'processing', mode: 'processing' },
  BGHealthResearchTaskRequest: { kind: 'processing', mode: 'processing' },
  BGContinuedProcessingTaskRequest: { kind: 'continued', mode: undefined },
} as const satisfies Record<string, { kind: string; mode: string | undefined }>;
export type BgTaskRequestClass = keyof typeof BGTASK_REQUESTS;
export type BgTaskKind = (typeof BGTASK_REQUESTS)[BgTaskRequestClass]['kind'];

/** Pending-request limits of BGTaskScheduler (error code 2, tooManyPendingTaskRequests) [I3]. */
export const BGTASK_PENDING_LIMITS = { refresh: 1, processing: 10 } as const;

/** The entitlement a continued-processing task needs to ask for the GPU [I4]. */
export const CONTINUED_PROCESSING_GPU_ENTITLEMENT = 'com.apple.developer.background-tasks.continued-processing.gpu';

/** Values `aps-environment` accepts (Xcode swaps development→production at export). */
export const APS_ENVIRONMENTS: readonly string[] = ['development', 'production'];

/** Info.plist keys, by what needs them. */
export const USAGE_KEYS = {
  bluetooth: 'NSBluetoothAlwaysUsageDescription',
  bluetoothLegacy: 'NSBluetoothPeripheralUsageDescription',
  locationWhenInUse: 'NSLocationWhenInUseUsageDescription',
  locationAlways: 'NSLocationAlwaysAndWhenInUseUsageDescription',
  locationAlwaysLegacy: 'NSLocationAlwaysUsageDescription',
  microphone: 'NSMicrophoneUsageDescription',
  camera: 'NSCameraUsageDescription',
  motion: 'NSMotionUsageDescription',
} as const;

/** Usage-description keys each background mode's framework asks for (for the generator). */
export const MODE_USAGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  location: [USAGE_KEYS.locationWhenInUse, USAGE_KEYS.locationAlways],
  'bluetooth-central': [USAGE_KEYS.bluetooth],
  'bluetooth-peripheral': [USAGE_KEYS.bluetooth],
};

/** Keys that hold a purpose string although they do not match `NS…UsageDescription`. */
export const OTHER_PURPOSE_KEYS: readonly string[] = ['NFCReaderUsageDescription', 'NSFaceIDUsageDescription'];

/** True for an Info.plist key that must hold a non-empty purpose string [I2]. */
export function isPurposeStringKey(key: string): boolean {
  return /^NS[A-Za-z]*UsageDescription$/.test(key) || OTHER_PURPOSE_KEYS.includes(key);
}

/**
 * Required-reason API categories, their approved reasons, Apple's list of the
 * APIs, and the regular expressions (sources) a light Swift / Objective-C scan
 * recognises them by: narrower than the names, so that a model property called
 * `creationDate` is not mistaken for the file-attribute key [I6].
 */
export const REQUIRED_REASON_APIS = {
  NSPrivacyAccessedAPICategoryFileTimestamp: {
    title: 'file timestamp APIs',
    reasons: ['DDA9.1', 'C617.1', '3B52.1', '0A2A.1'],
    apis: [
      'creationDate',
      'modificationDate',
      'fileModificationDate',
      'contentModificationDateKey',
      'creationDateKey',
      'NSFileCreationDate',
      'NSFileModificationDate',
      'NSURLContentModificationDateKey',
      'NSURLCreationDateKey',
      'getattrlist',
      'getattrlistbulk',
      'fgetattrlist',
      'getattrlistat',
      'fstatat',
      'fstat',
      'lstat',
      'stat',
    ],
    patterns: [
      '\\bFileAttributeKey\\.(?:creationDate|modificationDate)\\b',
      '\\[\\s*\\.(?:creationDate|modificationDate)\\s*\\]',
      '\\bfileModificationDate\\b',
      '\\b(?:contentModificationDate|creationDate)Key\\b',
      '\\bNSFile(?:Creation|Modification)Date\\b',
      '\\bNSURL(?:ContentModification|Creation)DateKey\\b',
      '\\b(?:getattrlist|getattrlistbulk|fgetattrlist|getattrlistat|fstatat|fstat|lstat|stat)\\s*\\(\\s*[^)\\s]',
    ],
  },
  NSPrivacyAccessedAPICategorySystemBootTime: {
    title: 'system boot time APIs',
    reasons: ['35F9.1', '8FFB.1', '3D61.1'],
    apis: ['systemUptime', 'mach_absolute_time'],
    patterns: ['\\bsystemUptime\\b', '\\bmach_absolute_time\\s*\\('],
  },
  NSPrivacyAccessedAPICategoryDiskSpace: {
    title: 'disk space APIs',
    reasons: ['85F4.1', 'E174.1', '7D9E.1', 'B728.1'],
    apis: [
      'volumeAvailableCapacityKey',
      'volumeAvailableCapacityForImportantUsageKey',
      'volumeAvailableCapacityForOpportunisticUsageKey',
      'volumeTotalCapacityKey',
      'NSURLVolumeAvailableCapacityKey',
      'NSURLVolumeAvailableCapacityForImportantUsageKey',
      'NSURLVolumeAvailableCapacityForOpportunisticUsageKey',
      'NSURLVolumeTotalCapacityKey',
      'systemFreeSize',
      'systemSize',
      'NSFileSystemFreeSize',
      'NSFileSystemSize',
      'statfs',
      'statvfs',
      'fstatfs',
      'fstatvfs',
    ],
    patterns: [
      '\\b(?:NSURL)?[vV]olume(?:AvailableCapacity(?:ForImportantUsage|ForOpportunisticUsage)?|TotalCapacity)Key\\b',
      '\\bsystemFreeSize\\b',
      '\\bsystemSize\\b',
      '\\bNSFileSystem(?:Free)?Size\\b',
      '\\bf?statv?fs\\s*\\(',
    ],
  },
  NSPrivacyAccessedAPICategoryActiveKeyboards: {
    title: 'active keyboard APIs',
    reasons: ['3EC4.1', '54BD.1'],
    apis: ['activeInputModes'],
    patterns: ['\\bactiveInputModes\\b'],
  },
  NSPrivacyAccessedAPICategoryUserDefaults: {
    title: 'user defaults APIs',
    reasons: ['CA92.1', '1C8F.1', 'C56D.1', 'AC6B.1'],
    apis: ['UserDefaults', 'NSUserDefaults', '@AppStorage'],
    patterns: ['\\b(?:NS)?UserDefaults\\b', '@AppStorage\\b'],
  },
} as const satisfies Record<string, { title: string; reasons: readonly string[]; apis: readonly string[]; patterns: readonly string[] }>;
export type RequiredReasonCategory = keyof typeof REQUIRED_REASON_APIS;

/** The frameworks whose use justifies each background mode (App Review 2.5.4). */
export const MODE_FRAMEWORKS: Readonly<Record<string, { framework: string; symbols: readonly string[] }>> = {
  audio: {
    framework: 'AVFoundation audio',
    symbols: ['AVAudioSession', 'AVAudioPlayer', 'AVAudioEngine', 'AVPlayer', 'AVQueuePlayer', 'AVPlayerLooper', 'MPNowPlayingInfoCenter', 'AVAudioRecorder'],
  },
  location: { framework: 'CoreLocation', symbols: ['CLLocationManager', 'CLServiceSession', 'CLLocationUpdate', 'CLMonitor'] },
  voip: { framework: 'PushKit', symbols: ['PKPushRegistry'] },
  fetch: {
    framework: 'BackgroundTasks (app refresh)',
    symbols: ['BGAppRefreshTask', 'setMinimumBackgroundFetchInterval', 'performFetchWithCompletionHandler', 'BGTaskScheduler'],
  },
  processing: { framework: 'BackgroundTasks (processing)', symbols: ['BGProcessingTask', 'BGHealthResearchTask', 'BGTaskScheduler'] },
  'remote-notification': {
    framework: 'remote notifications',
    symbols: ['registerForRemoteNotifications', 'didReceiveRemoteNotification', 'UNUserNotificationCenter', 'didRegisterForRemoteNotificationsWithDeviceToken'],
  },
  'bluetooth-central': { framework: 'CoreBluetooth (central)', symbols: ['CBCentralManager'] },
  'bluetooth-peripheral': { framework: 'CoreBluetooth (peripheral)', symbols: ['CBPeripheralManager'] },
  'external-accessory': { framework: 'ExternalAccessory', symbols: ['EAAccessoryManager', 'EASession'] },
  'network-authentication': { framework: 'NetworkExtension hotspot helper', symbols: ['NEHotspotHelper'] },
  'nearby-interaction': { framework: 'NearbyInteraction', symbols: ['NISession'] },
  'push-to-talk': { framework: 'PushToTalk', symbols: ['PTChannelManager'] },
  'newsstand-content': { framework: 'NewsstandKit', symbols: ['NKLibrary', 'NKIssue'] },
};

/**
 * Framework hooks that register BGTaskScheduler identifiers on the app's
 * behalf when the app passes them the identifier (Flutter workmanager,
 * Capacitor BackgroundRunner, react-native-background-fetch, expo).
 */
export const BGTASK_REGISTER_HOOKS: readonly string[] = [
  'registerBGProcessingTask',
  'registerPeriodicTask',
  'registerBackgroundTask',
  'registerBackgroundProcessingTask',
];

/** Product types of Xcode targets bg-doctor audits (apps and their extensions). */
export const AUDITED_PRODUCT_TYPES: readonly string[] = [
  'com.apple.product-type.application',
  'com.apple.product-type.application.watchapp2',
  'com.apple.product-type.application.watchapp2-container',
  'com.apple.product-type.app-extension',
  'com.apple.product-type.extensionkit-extension',
  'com.apple.product-type.watchkit2-extension',
  'com.apple.product-type.application.messages',
  'com.apple.product-type.app-extension.messages',
];

/** The Xcode SDKROOT values and the platform each builds for. */
export const SDKROOT_PLATFORMS: Readonly<Record<string, ApplePlatform>> = {
  iphoneos: 'iOS',
  appletvos: 'tvOS',
  watchos: 'watchOS',
  xros: 'xrOS',
  macosx: 'macOS',
};
