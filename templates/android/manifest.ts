/**
 * The AndroidManifest.xml entries of one service, as data: the permissions
 * (permissions.ts) and the components (`<service>`, `<receiver>` with their
 * intent filters and properties). The same entries go into the app's
 * manifest as contributions, or into the plugin library's own manifest for a
 * standalone module.
 */
import type { ComponentSpec } from '../../editors/android-manifest.js';
import type { ServiceModel } from '../../declaration/model.js';
import { SPECIAL_USE_PROPERTY } from '../../validators/data/android-fgs.js';
import type { AndroidNames } from './names.js';
import { fgsPlan } from './fgs.js';
import type { ManifestPermission } from './permissions.js';

export const BIND_JOB_SERVICE = 'android.permission.BIND_JOB_SERVICE';

/** The broadcasts the boot receiver restarts the service on. */
export const BOOT_ACTIONS = [
  'android.intent.action.BOOT_COMPLETED',
  'android.intent.action.LOCKED_BOOT_COMPLETED',
  'android.intent.action.MY_PACKAGE_REPLACED',
] as const;

export interface ComponentPlan {
  /** The continuous service's boot receiver. */
  bootReceiver: boolean;
  /** The continuous service's restart job (onTimeout: 'reschedule'). */
  restartJob: boolean;
}

/** A JobService: only the system (holding BIND_JOB_SERVICE) may bind it; JobScheduler requires the permission. */
function jobService(name: string): ComponentSpec {
  return { tag: 'service', name, attrs: { 'android:exported': 'false', 'android:permission': BIND_JOB_SERVICE } };
}

export function manifestComponents(model: ServiceModel, n: AndroidNames, plan: ComponentPlan): ComponentSpec[] {
  if (model.kind === 'periodic') return [jobService(n.qualified(n.jobService))];
  if (model.kind !== 'continuous') return [];
  const types = fgsPlan(model).manifestTypes;
  const service: ComponentSpec = {
    tag: 'service',
    name: n.qualified(n.service),
    attrs: {
      'android:exported': 'false',
      'android:foregroundServiceType': types.map((t) => t.name).join('|'),
      // The service outlives a swipe from recents (the default, written out for bg-doctor and readers).
      'android:stopWithTask': 'false',
    },
  };
  if (types.some((t) => t.name === 'specialUse') && model.android.specialUseSubtype !== undefined) {
    service.children = [{ tag: 'property', attrs: { 'android:name': SPECIAL_USE_PROPERTY, 'android:value': model.android.specialUseSubtype } }];
  }
  const out = [service];
  if (plan.bootReceiver) {
    out.push({
      tag: 'receiver',
      name: n.qualified(n.bootReceiver),
      // Unexported: system broadcasts reach unexported receivers ("Receivers do not need to
      // be exported to receive system broadcasts", AOSP Telephony a39ff95); an explicit value
      // is required with an intent filter from targetSdk 31.
      attrs: { 'android:exported': 'false', 'android:directBootAware': 'true' },
      children: [{ tag: 'intent-filter', children: BOOT_ACTIONS.map((a) => ({ tag: 'action', attrs: { 'android:name': a } })) }],
    });
  }
  if (plan.restartJob) out.push(jobService(n.qualified(n.restartJob)));
  return out;
}

export interface ManifestEntries {
  permissions: ManifestPermission[];
  components: ComponentSpec[];
}
