/**
 * The Capacitor part of the project model: the app folder, its config
 * (`capacitor.config.json`, or the copies `cap sync` writes into the native
 * projects, or a light read of `capacitor.config.ts`), and the
 * BackgroundRunner plugin settings with their locations.
 */
import { join } from 'node:path';
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { CapacitorApp, ProjectFiles } from './types.js';
import { inTree } from './memo.js';

export const CAPACITOR_CONFIG_NAMES = ['capacitor.config.json', 'capacitor.config.ts', 'capacitor.config.js', 'capacitor.config.mjs'];

export function loadCapacitor(files: ProjectFiles, dir: string): CapacitorApp {
  return { dir, configFile: CAPACITOR_CONFIG_NAMES.map((n) => join(dir, n)).find((f) => files.exists(f)) };
}

export interface ConfigValue {
  value: string;
  file: string;
  line: number;
  column: number;
}

export interface BackgroundRunnerConfig {
  label?: ConfigValue;
  src?: ConfigValue;
  event?: ConfigValue;
  /** Where the `BackgroundRunner` block is. */
  at: { file: string; line: number; column: number };
}

export interface CapacitorConfigView {
  /** The file the values were read from. */
  file?: string;
  appId?: string;
  webDir?: string;
  backgroundRunner?: BackgroundRunnerConfig;
}

/** JSON configs in order of preference: the app's own, then the copies `npx cap sync` writes. */
const JSON_CONFIGS = ['capacitor.config.json', 'ios/App/App/capacitor.config.json', 'android/app/src/main/assets/capacitor.config.json'];

/** Read the app's Capacitor config (JSON exactly; TS/JS by a light scan of string literals). */
export function capacitorConfig(files: ProjectFiles, app: CapacitorApp): CapacitorConfigView {
  for (const rel of JSON_CONFIGS) {
    const file = join(app.dir, rel);
    const tree = inTree(files, file) ? files.jsonTree(file) : undefined;
    if (!tree) continue;
    const str = (path: (string | number)[]): ConfigValue | undefined => {
      const n = findNodeAtLocation(tree, path);
      return n?.type === 'string' ? { value: String(n.value), file, ...files.position(file, n.offset) } : undefined;
    };
    const br: JsonNode | undefined = findNodeAtLocation(tree, ['plugins', 'BackgroundRunner']);
    return {
      file,
      ...opt('appId', str(['appId'])?.value),
      ...opt('webDir', str(['webDir'])?.value),
      ...(br
        ? {
            backgroundRunner: {
              ...opt('label', str(['plugins', 'BackgroundRunner', 'label'])),
              ...opt('src', str(['plugins', 'BackgroundRunner', 'src'])),
              ...opt('event', str(['plugins', 'BackgroundRunner', 'event'])),
              at: { file, ...files.position(file, (br.parent ?? br).offset) },
            },
          }
        : {}),
    };
  }
  const file = app.configFile;
  const src = file ? files.read(file) : undefined;
  if (!file || src === undefined) return {};
  const lit = (re: RegExp, from = 0, to = src.length): ConfigValue | undefined => {
    re.lastIndex = from;
    const m = re.exec(src);
    if (!m || m.index > to) return undefined;
    const off = m.index + m[0].indexOf(m[1]!) - 1;
    return { value: m[1]!, file, ...files.position(file, off) };
  };
  const block = /\bBackgroundRunner\s*:\s*\{/g.exec(src);
  let backgroundRunner: BackgroundRunnerConfig | undefined;
  if (block) {
    const start = block.index;
    let depth = 0;
    let end = src.length;
    for (let k = src.indexOf('{', start); k < src.length; k++) {
      if (src[k] === '{') depth++;
      else if (src[k] === '}' && --depth === 0) {
        end = k;
        break;
      }
    }
    const key = (name: string) => lit(new RegExp(`\\b${name}\\s*:\\s*['"\`]([^'"\`]+)['"\`]`, 'g'), start, end);
    backgroundRunner = { ...opt('label', key('label')), ...opt('src', key('src')), ...opt('event', key('event')), at: { file, ...files.position(file, start) } };
  }
  return {
    file,
    ...opt('appId', lit(/\bappId\s*:\s*['"`]([^'"`]+)['"`]/g)?.value),
    ...opt('webDir', lit(/\bwebDir\s*:\s*['"`]([^'"`]+)['"`]/g)?.value),
    ...(backgroundRunner ? { backgroundRunner } : {}),
  };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** Where the runner script may be: in the web sources or the built web assets. */
export function runnerScriptCandidates(app: CapacitorApp, view: CapacitorConfigView, src: string): string[] {
  const rel = src.replace(/^\.?\//, '');
  return [...new Set([view.webDir && join(app.dir, view.webDir, rel), join(app.dir, 'public', rel), join(app.dir, 'src', rel), join(app.dir, rel), join(app.dir, 'ios/App/App/public', rel)])].filter(
    (p): p is string => typeof p === 'string',
  );
}
