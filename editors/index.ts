/**
 * Byte-preserving editors for files the user owns. Each operation is a pure
 * function from the file's text to its new text (the same string when there
 * is nothing to do); callers write files atomically. See editors/README.md.
 */
export { applyEdits, changedSpan, EditError, type TextEdit } from './edit.js';
export * as manifest from './android-manifest.js';
export * as plist from './plist.js';
export * as json from './json.js';
