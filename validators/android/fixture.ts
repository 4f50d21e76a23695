/**
 * Small builders for Android test projects (used by the rule tests): a
 * manifest whose first line is `<manifest …>` so line numbers in tests are
 * easy to count, and a Gradle app module.
 */
export const NS = 'xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools"';

/** `<manifest>` on line 1, then `top` lines, then `<application>` and its `app` lines, each on its own line. */
export function manifest(top: string[], app: string[] = [], pkg = 'com.example'): string {
  const lines = [`<manifest ${NS} package="${pkg}">`, ...top.map((l) => `    ${l}`)];
  if (app.length) lines.push('    <application>', ...app.map((l) => `        ${l}`), '    </application>');
  lines.push('</manifest>', '');
  return lines.join('\n');
}

export const perm = (name: string, extra = '') => `<uses-permission android:name="android.permission.${name}"${extra ? ' ' + extra : ''}/>`;

/** An app module manifest path. */
export const APP = 'app/src/main/AndroidManifest.xml';

/** A Gradle app module with literal SDK levels. */
export function gradleApp(targetSdk: number, compileSdk = targetSdk, deps: string[] = []): Record<string, string> {
  return {
    'settings.gradle': "include ':app'\n",
    'app/build.gradle': `plugins { id 'com.android.application' }\nandroid {\n    namespace 'com.example'\n    compileSdk ${compileSdk}\n    defaultConfig {\n        applicationId 'com.example'\n        minSdk 24\n        targetSdk ${targetSdk}\n    }\n}\ndependencies {\n${deps.map((d) => `    implementation ${d}`).join('\n')}\n}\n`,
  };
}
