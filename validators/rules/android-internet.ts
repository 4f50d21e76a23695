import { defineRule } from '../rule.js';
import { atHit, code, hasPermission, P } from '../android/query.js';
import { addPermissionFix } from '../android/fixes.js';

export default defineRule({
  meta: {
    id: 'android-internet',
    platform: 'android',
    severity: 'error',
    fixable: true,
    docs: {
      title: 'Network work needs android.permission.INTERNET',
      why: 'Without INTERNET every socket fails (SecurityException / "Permission denied (missing INTERNET permission?)"); background sync and transfers that wait for a network constraint run and fail every time.',
      fix: 'Add `<uses-permission android:name="android.permission.INTERNET"/>`.',
      runtimeErrors: ['java.net.SocketException: Permission denied (missing INTERNET permission?)'],
      since: 'all API levels',
      notes: 'Network work is recognised from WorkManager/JobScheduler network constraints and common HTTP clients (HttpURLConnection, OkHttp, Retrofit, Ktor, Volley). Not verified against primary source.',
    },
  },
  check(ctx) {
    const app = ctx.project.android;
    const scan = code(ctx.project);
    if (!app || !scan || hasPermission(app, P('INTERNET'))) return;
    const h = scan.of('network')[0] ?? scan.of('setRequiredNetwork')[0];
    if (!h) return;
    ctx.report({ ...atHit(h), message: 'The app does network work here but no merged manifest declares android.permission.INTERNET: every connection fails ("Permission denied (missing INTERNET permission?)").', fix: addPermissionFix(app, P('INTERNET')) });
  },
});
