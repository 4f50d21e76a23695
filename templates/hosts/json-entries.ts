/**
 * Entries the host targets add to JSON files the app owns — a permission in
 * a Tauri capability, the plugin in a Capacitor app's package.json — as
 * contributions, applied and removed with the byte-preserving JSON editor.
 */
import { registerContributionKind, type Contribution } from '../../generator/contributions.js';
import { json } from '../../editors/index.js';
import type { JsonPath, JsonValue } from '../../editors/json.js';
import { isDeepStrictEqual } from 'node:util';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';

/** An item in the array at `path` (created when missing). */
export const JSON_ARRAY_ITEM = 'app-json-array-item';
/** The value at `path`, set only when the path is absent (a value the app has is kept). */
export const JSON_VALUE = 'app-json-value';

interface ItemData {
  path: JsonPath;
  value: JsonValue;
}

/** The node at `path`, if any (the editor reports syntax errors; here a broken file has no node). */
const nodeAt = (src: string, path: JsonPath) => {
  const tree = parseTree(src.charCodeAt(0) === 0xfeff ? src.slice(1) : src);
  return tree && findNodeAtLocation(tree, [...path]);
};

const show = (d: ItemData) => `${JSON.stringify(d.value)} in ${d.path.join('.')}`;

registerContributionKind(JSON_ARRAY_ITEM, {
  ensure: (src, data, file) => json.ensureArrayItem(src, (data as unknown as ItemData).path, (data as unknown as ItemData).value, { file }),
  remove: (src, data, file) => json.removeArrayItem(src, (data as unknown as ItemData).path, (data as unknown as ItemData).value, { file }),
  describe: (data) => show(data as unknown as ItemData),
});

registerContributionKind(JSON_VALUE, {
  ensure: (src, data, file) => {
    const d = data as unknown as ItemData;
    return nodeAt(src, d.path) ? src : json.setValue(src, d.path, d.value, { file });
  },
  // Only the value bg-service set: one the user changed since is theirs.
  remove: (src, data, file) => {
    const d = data as unknown as ItemData;
    const node = nodeAt(src, d.path);
    return node && isDeepStrictEqual(getNodeValue(node), d.value) ? json.removeValue(src, d.path, { file }) : src;
  },
  describe: (data) => show(data as unknown as ItemData),
});

export function arrayItem(file: string, path: JsonPath, value: JsonValue): Contribution {
  return { file, kind: JSON_ARRAY_ITEM, key: `${path.join('.')}=${JSON.stringify(value)}`, data: { path: [...path], value } };
}

export function valueAt(file: string, path: JsonPath, value: JsonValue): Contribution {
  return { file, kind: JSON_VALUE, key: path.join('.'), data: { path: [...path], value } };
}
