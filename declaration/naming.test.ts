import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameForms, pascalCase, words } from './naming.js';
import { closest, didYouMean, editDistance } from './suggest.js';

test('splits names in every style into words', () => {
  assert.deepEqual(words('notes-sync'), ['notes', 'sync']);
  assert.deepEqual(words('syncNow'), ['sync', 'now']);
  assert.deepEqual(words('SyncNow'), ['sync', 'now']);
  assert.deepEqual(words('sync_now'), ['sync', 'now']);
  assert.deepEqual(words('HTTPServer'), ['http', 'server']);
  assert.deepEqual(words('v2Api'), ['v2', 'api']);
  assert.deepEqual(words('in progress'), ['in', 'progress']);
  assert.deepEqual(words('--'), []);
});

test('computes the five forms', () => {
  assert.deepEqual(nameForms('notes-sync'), { kebab: 'notes-sync', camel: 'notesSync', pascal: 'NotesSync', snake: 'notes_sync', screamingSnake: 'NOTES_SYNC' });
  assert.deepEqual(nameForms('syncNow'), { kebab: 'sync-now', camel: 'syncNow', pascal: 'SyncNow', snake: 'sync_now', screamingSnake: 'SYNC_NOW' });
  assert.equal(pascalCase('conflict'), 'Conflict');
});

test('names that differ only in style collide in some form', () => {
  assert.equal(nameForms('fooBar').snake, nameForms('foo_bar').snake);
  assert.equal(nameForms('in-progress').camel, nameForms('in_progress').camel);
});

test('edit distance and suggestions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('Kind', 'kind'), 1);
  assert.equal(closest('periodc', ['continuous', 'periodic', 'transfer']), 'periodic');
  assert.equal(closest('zzz', ['continuous', 'periodic']), undefined);
  assert.equal(didYouMean('datasync', ['dataSync', 'location']), "did you mean 'dataSync'?");
  assert.equal(didYouMean('electron', ['tauri', 'capacitor']), "expected one of: 'tauri', 'capacitor'");
});
