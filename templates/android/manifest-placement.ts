/**
 * Where a service's AndroidManifest.xml entries go: contributions to the
 * app's own manifest when the app has an Android project, else each host
 * plugin library's own manifest (Gradle merges it into the app's), with a note
 * for an app whose Android project does not exist yet. One place for the
 * continuous/periodic services (plan.ts) and transfer services (transfer-plan.ts).
 */
import type { Host } from '../../declaration/model.js';
import type { GenerationContext } from '../../generator/context.js';
import { androidLibraryDir } from '../../generator/layout.js';
import { joinPath, type OutputFile, type TargetOutput } from '../../generator/target.js';
import { applyManifestEntries, manifestContributions } from './contributions.js';
import type { ManifestEntries } from './manifest.js';

/**
 * Adds the app-manifest contributions (or the note) to `out`; returns, per host, the plugin
 * library's manifest file built from `skeleton`, or undefined when the app's manifest takes the entries.
 */
export function placeManifestEntries(ctx: GenerationContext, entries: ManifestEntries, out: TargetOutput, skeleton: string): (host: Host) => OutputFile | undefined {
  const appManifest = ctx.host.kind !== 'standalone' ? ctx.host.files.androidManifest : undefined;
  if (appManifest) out.contributions.push(...manifestContributions(appManifest, entries));
  else if (ctx.host.kind !== 'standalone') {
    out.notes.push(
      `${ctx.model.names.kebab}: no Android app project yet, so the manifest entries went into the plugin's own manifest; ` +
        'after creating it (`tauri android init` / `npx cap add android`), run generate again to add them to the app manifest',
    );
  }
  return (host) => {
    if (appManifest) return undefined;
    const path = joinPath(androidLibraryDir(ctx, host), 'src/main/AndroidManifest.xml');
    return { path, content: applyManifestEntries(skeleton, entries, path), owner: 'glue' };
  };
}
