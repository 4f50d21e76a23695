/**
 * The rule registry: a plain list, one module per rule (`validators/rules/<id>.ts`).
 * Add a rule by importing it here; `bg-doctor rules`, `explain`, the docs
 * generator and the runner all read this list.
 */
import type { Rule } from '../rule.js';

export const RULES: readonly Rule[] = [
  // Android
  // iOS
  // Desktop
  // Tauri / Capacitor
];
