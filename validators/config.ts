/**
 * bg-doctor configuration: `bg-doctor.config.json` in the audited folder (or
 * `--config <file>`), or a `bgDoctor` key in its package.json.
 *
 *     { "rules": { "android-target-sdk": "off", "android-battery-opt-policy": "error" },
 *       "ignore": ["examples/**", "legacy/"],
 *       "targetSdk": 35 }
 *
 * Severities: off | info | warn (or warning) | error. An unknown rule id, an
 * unknown key or a malformed value is a configuration error (exit 2).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConfiguredSeverity } from './rule.js';
import { editDistance } from './data/android-permissions.js';

export interface BgDoctorConfig {
  rules: Record<string, ConfiguredSeverity>;
  ignore: string[];
  /** targetSdk to assume where the build files do not say. */
  targetSdk?: number;
  /** Where the config came from (for messages). */
  file?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SEVERITIES: Record<string, ConfiguredSeverity> = {
  off: 'off',
  info: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c, 8);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a parsed config object. */
export function parseConfig(raw: unknown, where: string, knownRuleIds: readonly string[]): BgDoctorConfig {
  if (!isObject(raw)) throw new ConfigError(`${where}: the configuration must be a JSON object`);
  const out: BgDoctorConfig = { rules: {}, ignore: [], file: where };
  for (const key of Object.keys(raw)) {
    if (!['rules', 'ignore', 'targetSdk', '$schema'].includes(key)) {
      const hint = didYouMean(key, ['rules', 'ignore', 'targetSdk']);
      throw new ConfigError(`${where}: unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: rules, ignore, targetSdk`);
    }
  }
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) throw new ConfigError(`${where}: "rules" must be an object of rule id → severity`);
    for (const [id, sev] of Object.entries(raw.rules)) {
      if (!knownRuleIds.includes(id)) {
        const hint = didYouMean(id, knownRuleIds);
        throw new ConfigError(`${where}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; \`bg-doctor rules\` lists them`);
      }
      const s = typeof sev === 'string' ? SEVERITIES[sev] : undefined;
      if (!s) throw new ConfigError(`${where}: rule "${id}" has severity ${JSON.stringify(sev)}; use "off", "info", "warn" or "error"`);
      out.rules[id] = s;
    }
  }
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore) || raw.ignore.some((x) => typeof x !== 'string' || x.trim() === '')) {
      throw new ConfigError(`${where}: "ignore" must be an array of glob strings`);
    }
    out.ignore = raw.ignore as string[];
  }
  if (raw.targetSdk !== undefined) {
    if (typeof raw.targetSdk !== 'number' || !Number.isInteger(raw.targetSdk) || raw.targetSdk < 1 || raw.targetSdk > 1000) {
      throw new ConfigError(`${where}: "targetSdk" must be an integer API level`);
    }
    out.targetSdk = raw.targetSdk;
  }
  return out;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Load the configuration for `root` (explicit file wins; otherwise bg-doctor.config.json, then package.json#bgDoctor). */
export function loadConfig(root: string, explicitFile: string | undefined, knownRuleIds: readonly string[]): BgDoctorConfig {
  if (explicitFile) {
    const f = resolve(explicitFile);
    return parseConfig(readJson(f), f, knownRuleIds);
  }
  const f = join(root, 'bg-doctor.config.json');
  let exists = true;
  try {
    readFileSync(f);
  } catch {
    exists = false;
  }
  if (exists) return parseConfig(readJson(f), f, knownRuleIds);
  const pj = join(root, 'package.json');
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pj, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    pkg = undefined;
  }
  if (isObject(pkg) && pkg.bgDoctor !== undefined) return parseConfig(pkg.bgDoctor, `${pj}#bgDoctor`, knownRuleIds);
  return { rules: {}, ignore: [] };
}
