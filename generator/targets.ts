/** Every target, in the order their outputs are planned. */
import type { Target } from './target.js';
import { tsTypesTarget } from '../templates/ts/plan.js';

export const targets: Target[] = [tsTypesTarget];
