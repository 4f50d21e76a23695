// Proof that a run wrote nothing: the inode, size, mtime and ctime (ns) of
// every file and folder under a project before and after. A write in place
// changes mtime/ctime, an atomic rename changes the inode, a chmod the ctime;
// a created or deleted file shows up as added or removed.
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export function snapshot(root, { skip = ['node_modules'] } = {}) {
  const out = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (skip.includes(e.name)) continue;
      const abs = join(dir, e.name);
      const st = lstatSync(abs, { bigint: true });
      out.set(relative(root, abs) + (e.isDirectory() ? '/' : ''), `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`);
      if (e.isDirectory()) walk(abs);
    }
  };
  walk(root);
  return out;
}

/** { files, changed, added, removed } between two snapshots (files = entries in `before` that are files). */
export function compare(before, after) {
  const changed = [];
  const added = [];
  const removed = [];
  for (const [k, v] of before) {
    if (!after.has(k)) removed.push(k);
    else if (after.get(k) !== v) changed.push(k);
  }
  for (const k of after.keys()) if (!before.has(k)) added.push(k);
  return { files: [...before.keys()].filter((k) => !k.endsWith('/')).length, changed, added, removed };
}
