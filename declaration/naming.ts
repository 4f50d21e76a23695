/**
 * Case conversion. Every generated identifier and file name derives from the
 * names in the declaration through these functions, so collisions and
 * reserved words are checked on exactly what the targets will see.
 */
import type { NameForms } from './model.js';

/**
 * The words of a name written in any common style: `notes-sync`, `notesSync`,
 * `NotesSync`, `notes_sync`, `HTTPServer` (→ http, server). Digits stay with
 * the word before them (`v2Api` → v2, api).
 */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function pascalCase(name: string): string {
  return words(name).map(capital).join('');
}

export function camelCase(name: string): string {
  const p = pascalCase(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

export function snakeCase(name: string): string {
  return words(name).join('_');
}

export function nameForms(name: string): NameForms {
  const w = words(name);
  return {
    kebab: w.join('-'),
    camel: camelCase(name),
    pascal: pascalCase(name),
    snake: w.join('_'),
    screamingSnake: w.join('_').toUpperCase(),
  };
}

/** The forms that become identifiers in some target (kebab only names files). */
export const identifierForms = ['camel', 'pascal', 'snake', 'screamingSnake'] as const;
