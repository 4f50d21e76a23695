import { defineRule } from '../rule.js';
import { atHit, atRealPermission, code, isRealSource, P, permission, targetAtLeast } from '../android/query.js';

const PERM = P('REQUEST_IGNORE_BATTERY_OPTIMIZATIONS');

export default defineRule({
  meta: {
    id: 'android-battery-opt-policy',
    platform: 'android',
    severity: 'warning',
    docs: {
      title: 'REQUEST_IGNORE_BATTERY_OPTIMIZATIONS is restricted by Google Play policy',
      why:
        'Asking the user to exempt the app from battery optimisation directly (ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS, which needs this permission) is allowed by Play only for apps whose core function breaks under Doze (e.g. device companions, task automation); other apps are removed.',
      fix: 'Open the battery-optimisation settings list (ACTION_IGNORE_BATTERY_OPTIMIZATION_SETTINGS), which needs no permission, or justify the use in the Play declaration.',
      since: 'targetSdk 23 (Android 6.0)',
      sources: ['[L] BatteryDetector', 'Play acceptable-use policy for REQUEST_IGNORE_BATTERY_OPTIMIZATIONS'],
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    if (!app || targetAtLeast(app, 23) === 'no') return;
    const p = permission(app, PERM);
    if (p && (p.loc || p.declarations.some((d) => isRealSource(d.source)))) {
      ctx.report({
        ...atRealPermission(p),
        message: 'REQUEST_IGNORE_BATTERY_OPTIMIZATIONS is declared: Google Play allows requesting the battery-optimisation exemption directly only for narrowly defined use cases (policy warning, not a crash).',
      });
      return;
    }
    const scan = code(ctx.project);
    const h = scan?.of('batteryOptimizationIntent')[0];
    if (h) ctx.report({ ...atHit(h), message: 'ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS is used: it needs REQUEST_IGNORE_BATTERY_OPTIMIZATIONS, which Google Play allows only for narrowly defined use cases.' });
  },
});
