#!/usr/bin/env node
// The floor for `bg-doctor validate`: a process that only reads and parses the
// XML and plist files a validate run of the same folder parses (the list comes
// from bench/touched.mjs), with the project's own parsers. Nothing else: no
// walk, no detection, no rules, no output.
//   node bench/floor.mjs <list.json> [package root]   list = { "xml": [paths], "plist": [paths] }
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dist = process.argv[3] ? pathToFileURL(join(process.argv[3], 'dist') + '/') : new URL('../dist/', import.meta.url);
const { parseXml } = await import(new URL('parsers/xml.js', dist).href);
const { parsePlist } = await import(new URL('parsers/plist.js', dist).href);
let parsed = 0;
for (const f of list.xml) {
  try {
    parseXml(readFileSync(f, 'utf8'), f);
    parsed++;
  } catch {}
}
for (const f of list.plist) {
  try {
    parsePlist(readFileSync(f, 'utf8'), f);
    parsed++;
  } catch {}
}
if (process.env.BG_BENCH_VERBOSE) console.log(parsed);
