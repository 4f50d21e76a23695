import type { Formatter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { junit } from './junit.js';
import { github } from './github.js';

export type { Formatter, FormatOptions } from './types.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, junit, github };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
