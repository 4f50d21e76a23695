/**
 * `ProjectFiles`: one walk of the audited tree, and every file read and parsed
 * at most once per run. Malformed XML/plist/JSON is recorded as a located
 * problem (reported as `parse-error`), never thrown at the rules.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { lineStarts, parseXml, positionIn, XmlParseError, type XmlDocument } from '../../parsers/xml.js';
import { parsePlist, type PlistDocument } from '../../parsers/plist.js';
import { toPosix } from '../../lib/paths.js';
import type { FileProblem, ProjectFiles } from './types.js';

/** Folders never walked: dependencies, build output, VCS and IDE state. */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'build',
  '.gradle',
  '.idea',
  '.vscode',
  'Pods',
  'DerivedData',
  '.dart_tool',
  '.pub-cache',
  'target',
  '.build',
  '.swiftpm',
  '.next',
  '.nuxt',
  '.expo',
  '.turbo',
  '.cache',
  'coverage',
  '.cxx',
  '.externalNativeBuild',
  'xcuserdata',
]);

/** Larger files are not read (a manifest or plist is never this big; fuzzed inputs can be). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Read-only; O_NONBLOCK where the platform has it (a FIFO must never block the run). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface WalkOptions {
  /** Relative paths (`/`-separated) to leave out (config `ignore`). */
  ignore?: (rel: string, isDir: boolean) => boolean;
  /** Stop after this many entries (a guard against pathological trees). */
  maxEntries?: number;
}

/**
 * What a walk saw besides the files it returned: enough to answer "which files
 * would a readdir of this folder find?" from the list instead of the disk
 * (project/plugins.ts lists plugin folders the walk already read).
 */
export interface WalkRecord {
  root: string;
  /** The sorted list walk() returned. */
  paths: readonly string[];
  /** Folders whose entries the walk read (root included). */
  listedDirs: Set<string>;
  /** Listed paths that are symbolic links (to a file, or dangling): a readdir reports them as links, not files. */
  symlinks: Set<string>;
  /**
   * Folders seen but not entered: SKIPPED_DIRS, *.xcassets, *.lproj, ignored
   * ones, and folders that could not be read. Links to folders are not here
   * (neither the walk nor a readdir listing follows them).
   */
  unlistedDirs: string[];
  /** Regular files the `ignore` option left out of the list. */
  ignoredFiles: string[];
  /** False when the walk stopped at maxEntries: the list is then not the whole tree. */
  complete: boolean;
}

/** walk()'s record of each list it returned, by the list (a copy that crossed threads has none). */
const walkRecords = new WeakMap<readonly string[], WalkRecord>();

/** A walk's record without its list: sent beside the list to a worker thread, where attachWalkRecord joins them again. */
export type DetachedWalkRecord = Omit<WalkRecord, 'paths'>;

export function detachedWalkRecord(paths: readonly string[]): DetachedWalkRecord | undefined {
  const record = walkRecords.get(paths);
  if (!record) return undefined;
  const { paths: _list, ...rest } = record;
  return rest;
}

/** On a worker thread: the record of the walk whose list (a copy) this is. */
export function attachWalkRecord(paths: readonly string[], record: DetachedWalkRecord): void {
  walkRecords.set(paths, { ...record, paths });
}

/** The record of the walk behind a run's files, when they were made from walk()'s own list of their root. */
export function walkRecordOf(files: ProjectFiles): WalkRecord | undefined {
  const paths = (files as Partial<ProjectFilesImpl>).paths;
  const record = paths && walkRecords.get(paths);
  return record?.root === files.root ? record : undefined;
}

/** Every file under `root` (absolute paths), skipping SKIPPED_DIRS and ignored paths. */
export function walk(root: string, options: WalkOptions = {}): string[] {
  const out: string[] = [];
  const record: WalkRecord = { root, paths: out, listedDirs: new Set(), symlinks: new Set(), unlistedDirs: [], ignoredFiles: [], complete: true };
  const finish = () => {
    out.sort();
    walkRecords.set(out, record);
    return out;
  };
  const max = options.maxEntries ?? 2_000_000;
  const stack: string[] = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      record.unlistedDirs.push(dir);
      continue;
    }
    record.listedDirs.add(dir);
    for (const e of entries) {
      const abs = join(dir, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && safeIsDir(abs));
      if (isDir) {
        if (SKIPPED_DIRS.has(e.name) || e.name.endsWith('.xcassets') || e.name.endsWith('.lproj') || options.ignore?.(toPosix(relative(root, abs)), true)) {
          if (!e.isSymbolicLink()) record.unlistedDirs.push(abs);
          continue;
        }
        if (e.isSymbolicLink()) continue; // never follow links out of (or in circles inside) the tree
        stack.push(abs);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (options.ignore?.(toPosix(relative(root, abs)), false)) {
          if (e.isFile()) record.ignoredFiles.push(abs);
          continue;
        }
        out.push(abs);
        if (e.isSymbolicLink()) record.symlinks.add(abs);
        if (out.length >= max) {
          record.complete = false;
          return finish();
        }
      }
    }
  }
  return finish();
}

function safeIsDir(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

export { toPosix };

/** Build the memoised file access for one run. `paths` is the walk of `root`. */
export type ProjectFilesImpl = ProjectFiles & {
  paths: string[];
  /** Files read so far, with their text (for inline suppressions). */
  texts(): IterableIterator<[string, string | undefined]>;
};

export function createProjectFiles(root: string, paths: string[]): ProjectFilesImpl {
  const text = new Map<string, string | undefined>();
  const xmls = new Map<string, XmlDocument | undefined>();
  const plists = new Map<string, PlistDocument | undefined>();
  const jsons = new Map<string, { value: unknown; tree: JsonNode | undefined } | undefined>();
  const starts = new Map<string, number[]>();
  const problems: FileProblem[] = [];
  const problemFiles = new Set<string>();
  const known = new Set(paths);
  let readCount = 0;

  const problem = (file: string, line: number, column: number, message: string) => {
    if (problemFiles.has(file)) return;
    problemFiles.add(file);
    problems.push({ file, line, column, message });
  };

  // The walk saw every file under root outside the skipped folders: a path there
  // that the walk did not list does not exist (or is ignored) — no stat needed.
  const rootPrefix = root.endsWith(sep) ? root : root + sep;
  const coveredDirs = new Map<string, boolean>(); // per folder: probes for absent files come many to a folder
  const coveredByWalk = (path: string): boolean => {
    if (!path.startsWith(rootPrefix)) return false;
    const rel = path.slice(rootPrefix.length);
    const cut = rel.lastIndexOf(sep);
    if (cut < 0) return true;
    const dir = rel.slice(0, cut);
    let covered = coveredDirs.get(dir);
    if (covered === undefined) {
      covered = !dir.split(sep).some((d) => SKIPPED_DIRS.has(d) || d.endsWith('.xcassets') || d.endsWith('.lproj'));
      coveredDirs.set(dir, covered);
    }
    return covered;
  };

  const read = (path: string): string | undefined => {
    if (text.has(path)) return text.get(path);
    if (!known.has(path) && coveredByWalk(path)) {
      text.set(path, undefined);
      return undefined;
    }
    let s: string | undefined;
    // One open, then fstat and read on the descriptor: a stat by path before
    // the read cost a second path lookup per file (~40,000 in a big monorepo).
    // Non-blocking, so a named pipe in the tree is seen (not a file) instead of waited on.
    let fd: number | undefined;
    try {
      fd = openSync(path, OPEN_FLAGS);
      const st = fstatSync(fd);
      if (!st.isFile()) s = undefined;
      else if (st.size > MAX_FILE_BYTES) {
        problem(path, 0, 0, `the file is ${st.size} bytes, larger than bg-doctor reads (${MAX_FILE_BYTES})`);
        s = undefined;
      } else {
        readCount++;
        s = decode(readFileSync(fd));
      }
    } catch {
      s = undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    text.set(path, s);
    return s;
  };

  const parseFailure = (path: string, e: unknown) => {
    if (e instanceof XmlParseError) problem(path, e.line, e.column, e.reason);
    else if (e instanceof RangeError) problem(path, 1, 1, `the file is too deeply nested or too large to parse (${e.message})`);
    else throw e;
  };

  const loadJson = (path: string) => {
    if (jsons.has(path)) return jsons.get(path);
    const src = read(path);
    let result: { value: unknown; tree: JsonNode | undefined } | undefined;
    if (src !== undefined) {
      const errors: ParseError[] = [];
      const body = src.charCodeAt(0) === 0xfeff ? ' ' + src.slice(1) : src;
      let tree: JsonNode | undefined;
      try {
        tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        errors.push({ error: 16 as ParseError["error"], offset: 0, length: 0 });
      }
      if (errors.length || !tree) {
        const at = errors[0]?.offset ?? 0;
        const pos = positionIn(lineStartsOf(path, src), at);
        problem(path, pos.line, pos.column, `malformed JSON${errors[0] ? ` (${jsonErrorText(errors[0].error)})` : ''}`);
        result = undefined;
      } else {
        result = { value: jsonValue(tree), tree };
      }
    }
    jsons.set(path, result);
    return result;
  };

  const lineStartsOf = (path: string, src: string) => {
    let s = starts.get(path);
    if (!s) {
      s = lineStarts(src);
      starts.set(path, s);
    }
    return s;
  };

  const files: ProjectFilesImpl = {
    root,
    paths,
    texts: () => text.entries(),
    get problems() {
      return problems;
    },
    get readCount() {
      return readCount;
    },
    readAlready: (path) => text.get(path),
    exists(path) {
      if (known.has(path)) return true;
      if (coveredByWalk(path)) return false;
      return statSync(path, { throwIfNoEntry: false }) !== undefined;
    },
    isDir(path) {
      return safeIsDir(path);
    },
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    read,
    xml(path) {
      if (xmls.has(path)) return xmls.get(path);
      const src = read(path);
      let doc: XmlDocument | undefined;
      if (src !== undefined) {
        try {
          doc = parseXml(src, undefined);
        } catch (e) {
          parseFailure(path, e);
        }
      }
      xmls.set(path, doc);
      return doc;
    },
    plist(path) {
      if (plists.has(path)) return plists.get(path);
      const src = read(path);
      let doc: PlistDocument | undefined;
      if (src !== undefined) {
        try {
          doc = parsePlist(src, undefined);
        } catch (e) {
          parseFailure(path, e);
        }
      }
      plists.set(path, doc);
      return doc;
    },
    json(path) {
      return loadJson(path)?.value;
    },
    jsonTree(path) {
      return loadJson(path)?.tree;
    },
    position(path, offset) {
      const src = read(path) ?? '';
      return positionIn(lineStartsOf(path, src), offset);
    },
    glob(dir, pattern, options = {}) {
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const out: string[] = [];
      let lo = 0;
      let hi = paths.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (paths[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < paths.length; k++) {
        const p = paths[k]!;
        if (!p.startsWith(prefix)) break;
        const rel = toPosix(p.slice(prefix.length));
        if (options.maxDepth !== undefined && rel.split('/').length - 1 > options.maxDepth) continue;
        if (pattern.test(rel)) out.push(p);
      }
      return out;
    },
  };
  return files;
}

/** UTF-8 (BOM kept as U+FEFF so offsets match the parsers); UTF-16 with a BOM is decoded too. */
function decode(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return '\ufeff' + buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    swapped.swap16();
    return '\ufeff' + swapped.toString('utf16le');
  }
  return buf.toString('utf8');
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = Object.create(null);
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = jsonValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

function jsonErrorText(code: number): string {
  const names: Record<number, string> = {
    1: 'invalid symbol',
    2: 'invalid number format',
    3: 'property name expected',
    4: 'value expected',
    5: 'colon expected',
    6: 'comma expected',
    7: 'closing brace expected',
    8: 'closing bracket expected',
    9: 'end of file expected',
    10: 'invalid comment token',
    11: 'unexpected end of comment',
    12: 'unexpected end of string',
    13: 'unexpected end of number',
    14: 'invalid unicode',
    15: 'invalid escape character',
    16: 'invalid character',
  };
  return names[code] ?? 'syntax error';
}
