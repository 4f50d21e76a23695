/**
 * Android checks of the declaration matrix:
 *
 * - kotlinc: every generated Kotlin file (glue and the user's file as
 *   created) compiles against android-all API 36 and kotlinx-coroutines with
 *   warnings as errors. Identical copies (one service in two host plugins,
 *   or in several project shapes) are compiled once, so all rows go through
 *   one kotlinc call (each row has its own package).
 * - manifest: the entries agree with the declaration and with the code —
 *   every component names a generated class of the right kind, the service's
 *   types are the declared ones, the specialUse subtype reads back exactly,
 *   boot receivers and job services are declared as Android requires — and
 *   an app's own manifest kept every line it had.
 * - files: glue files carry the generated header, the user's file does not
 *   (transfer services have none), and no generated Kotlin holds a raw hidden
 *   character.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildContext } from '../../generator/context.js';
import { readHeader } from '../../generator/ownership.js';
import { androidKotlinFileStems } from '../../templates/android/plan.js';
import { attrValue, childElements, parseXml, XmlParseError, type XmlElement } from '../../parsers/xml.js';
import { compileKotlin } from '../../toolchains/index.js';
import { sourcePath } from '../../lib/paths.js';
import { isHiddenInSource } from '../../escape/core.js';
import type { CheckFailure, MatrixCheck, MatrixProject } from './types.js';

const JAVA_DIR = '/android/src/main/java/';
const SPECIAL_USE_PROPERTY = 'android.app.PROPERTY_SPECIAL_USE_FGS_SUBTYPE';
const BOOT_ACTIONS = ['android.intent.action.BOOT_COMPLETED', 'android.intent.action.LOCKED_BOOT_COMPLETED', 'android.intent.action.MY_PACKAGE_REPLACED'];

/**
 * The Kotlin files the Android target wrote. Other targets' Kotlin in the same
 * folders (the host plugins' bridge classes) needs their host's classes on the
 * classpath; their own checks compile it.
 */
function kotlinFiles(p: MatrixProject): string[] {
  const built = buildContext(p.model, p.host);
  const stems = new Set(built.ok ? androidKotlinFileStems(built.ctx) : []);
  return p.files.filter((f) => f.endsWith('.kt') && `/${f}`.includes(JAVA_DIR) && stems.has(f.slice(f.lastIndexOf('/') + 1, -3)));
}

interface Source {
  project: MatrixProject;
  /** Project-relative. */
  file: string;
}

/** A file's content without the generated header (it names the declaration's path, which differs between shapes). */
function withoutHeader(text: string): string {
  return readHeader(text) ? text.slice(text.indexOf('\n') + 1) : text;
}

/**
 * Group the generated packages into compile batches. A package (one
 * service's Kotlin in one plugin) is compiled once however many identical
 * copies the matrix made (two host plugins, three project shapes); a batch
 * holds each package at most once, so differing copies go into another batch.
 */
function batches(projects: MatrixProject[]): { batches: Map<string, Source>[]; byAbsolute: Map<string, Source> } {
  const units = new Map<string, { project: MatrixProject; pkg: string; files: string[] }>();
  for (const project of projects) {
    for (const file of kotlinFiles(project)) {
      const rel = `/${file}`.slice(`/${file}`.indexOf(JAVA_DIR) + JAVA_DIR.length);
      const pkg = rel.slice(0, rel.lastIndexOf('/'));
      const id = `${project.root}\0${file.slice(0, file.length - rel.length)}${pkg}`;
      const unit = units.get(id) ?? { project, pkg, files: [] };
      unit.files.push(file);
      units.set(id, unit);
    }
  }
  const out: Map<string, Source>[] = [];
  const seen: Map<string, string>[] = [];
  const byAbsolute = new Map<string, Source>();
  for (const { project, pkg, files } of units.values()) {
    const hash = createHash('sha256');
    for (const file of files.slice().sort()) hash.update(`${file.slice(file.lastIndexOf('/'))}\0${withoutHeader(readFileSync(join(project.root, file), 'utf8'))}\0`);
    const digest = hash.digest('hex');
    if (seen.some((batch) => batch.get(pkg) === digest)) continue;
    let at = seen.findIndex((batch) => !batch.has(pkg));
    if (at < 0) {
      at = seen.length;
      seen.push(new Map());
      out.push(new Map());
    }
    seen[at]!.set(pkg, digest);
    for (const file of files) {
      const source = { project, file };
      out[at]!.set(join(project.root, file), source);
      byAbsolute.set(join(project.root, file), source);
    }
  }
  return { batches: out, byAbsolute };
}

const kotlinc: MatrixCheck = {
  name: 'android: kotlinc -Werror against android-all API 36 + kotlinx-coroutines',
  applies: () => true,
  async run(projects) {
    const failures: CheckFailure[] = [];
    const { batches: groups, byAbsolute } = batches(projects);
    for (const group of groups) {
      const result = await compileKotlin([...group.keys()]);
      for (const d of result.diagnostics) {
        const source = byAbsolute.get(d.file);
        const project = source?.project ?? projects[0]!;
        failures.push({
          project,
          file: source?.file ?? relative(project.root, d.file),
          line: d.line || undefined,
          column: d.column || undefined,
          message: `${d.severity}: ${d.message}`,
        });
      }
    }
    return failures;
  },
};

/** `<tag android:name>` children of `<application>`, by their class name. */
function components(root: XmlElement, tag: string): Map<string, XmlElement> {
  const app = childElements(root, 'application')[0];
  return new Map((app ? childElements(app, tag) : []).map((el) => [attrValue(el, 'android:name') ?? '', el]));
}

/** The manifest types of the model, as the generator must declare them (dataSync carries mediaProcessing-only services below API 35). */
function expectedTypes(types: readonly string[]): string[] {
  return types.length > 0 && types.every((t) => t === 'mediaProcessing') ? ['dataSync', ...types] : [...types];
}

/** Lines of `before` that are missing from `after`, in order (an app manifest must only gain lines). */
function lostLines(before: string, after: string): string[] {
  const have = after.split(/\r?\n/);
  let at = 0;
  const lost: string[] = [];
  for (const line of before.split(/\r?\n/)) {
    const found = have.indexOf(line, at);
    if (found < 0) lost.push(line);
    else at = found + 1;
  }
  return lost;
}

function checkManifest(project: MatrixProject, file: string, fail: (message: string, el?: XmlElement) => void, doc: ReturnType<typeof parseXml>): void {
  const m = project.model;
  const code = kotlinFiles(project).map((f) => readFileSync(join(project.root, f), 'utf8'));
  const classKind = (name: string): string | undefined => {
    const simple = name.slice(name.lastIndexOf('.') + 1);
    const pkg = name.slice(0, name.lastIndexOf('.'));
    for (const text of code) {
      const pkgLine = /^package (.+)$/m.exec(text)?.[1]?.replace(/`/g, '');
      const decl = new RegExp(`^class ${simple} : (\\w+)\\(\\)`, 'm').exec(text);
      if (pkgLine === pkg && decl) return decl[1];
    }
    return undefined;
  };
  const services = components(doc.root, 'service');
  const receivers = components(doc.root, 'receiver');
  for (const [name, el] of [...services, ...receivers]) {
    // The app's own components name no generated class; ours are found by theirs (below).
    const kind = classKind(name);
    if (kind === undefined) continue;
    if (attrValue(el, 'android:exported') !== 'false') fail(`<${el.name} ${name}> must be android:exported="false"`, el);
    if (kind === 'JobService' && attrValue(el, 'android:permission') !== 'android.permission.BIND_JOB_SERVICE') {
      fail(`<service ${name}> is a JobService without android:permission="android.permission.BIND_JOB_SERVICE"`, el);
    }
    if (kind === 'Service') {
      const types = (attrValue(el, 'android:foregroundServiceType') ?? '').split('|');
      // A transfer service's foreground service (below Android 14) is dataSync.
      const want = m.kind === 'transfer' ? ['dataSync'] : expectedTypes(m.android.foregroundServiceTypes);
      if (types.slice().sort().join('|') !== want.slice().sort().join('|')) fail(`<service ${name}> has foregroundServiceType "${types.join('|')}", the declaration says "${want.join('|')}"`, el);
      if (attrValue(el, 'android:stopWithTask') !== 'false') fail(`<service ${name}> must be android:stopWithTask="false"`, el);
      const property = childElements(el, 'property').find((p) => attrValue(p, 'android:name') === SPECIAL_USE_PROPERTY);
      const subtype = m.android.foregroundServiceTypes.includes('specialUse') ? m.android.specialUseSubtype : undefined;
      if (subtype !== undefined && attrValue(property ?? el, 'android:value') !== subtype) {
        fail(`<service ${name}> must carry ${SPECIAL_USE_PROPERTY} = ${JSON.stringify(subtype)}, found ${JSON.stringify(property && attrValue(property, 'android:value'))}`, el);
      }
      if (subtype === undefined && property) fail(`<service ${name}> carries ${SPECIAL_USE_PROPERTY} without specialUse`, property);
    }
    if (kind === 'BroadcastReceiver' && m.kind === 'transfer') {
      // The notification actions: explicit broadcasts only, so no intent filter.
      if (childElements(el, 'intent-filter').length) fail(`<receiver ${name}> of the transfer notifications must have no intent filter`, el);
    } else if (kind === 'BroadcastReceiver') {
      if (!m.android.restartOnBoot) fail(`<receiver ${name}> exists although restartOnBoot is off`, el);
      const actions = childElements(el, 'intent-filter').flatMap((f) => childElements(f, 'action').map((a) => attrValue(a, 'android:name')));
      if (actions.join(',') !== BOOT_ACTIONS.join(',')) fail(`<receiver ${name}> filters ${actions.join(', ')}; expected ${BOOT_ACTIONS.join(', ')}`, el);
    }
  }
  const P = m.names.pascal;
  const wanted =
    m.kind === 'continuous'
      ? [`${P}Service`, ...(m.android.restartOnBoot ? [`${P}BootReceiver`] : [])]
      : m.kind === 'transfer'
        ? [`${P}TransferJobService`, `${P}TransferService`, `${P}TransferActionReceiver`]
        : [`${P}JobService`];
  for (const simple of wanted) {
    if (![...services.keys(), ...receivers.keys()].some((n) => n.endsWith(`.${simple}`) && classKind(n))) fail(`${file} declares no component for the generated ${simple}`);
  }
}

const manifest: MatrixCheck = {
  name: 'android: manifest entries agree with the declaration and the code; app manifests only gain lines',
  applies: () => true,
  async run(projects) {
    const failures: CheckFailure[] = [];
    for (const project of projects) {
      const appManifest = project.shape === 'standalone' ? undefined : project.host.files.androidManifest;
      const files = appManifest ? [appManifest] : project.files.filter((f) => f.endsWith('/android/src/main/AndroidManifest.xml'));
      if (files.length === 0) failures.push({ project, message: 'no AndroidManifest.xml was generated or edited' });
      for (const file of files) {
        const text = readFileSync(join(project.root, file), 'utf8');
        let doc: ReturnType<typeof parseXml>;
        try {
          doc = parseXml(text, file);
        } catch (e) {
          const at = e instanceof XmlParseError ? { line: e.line, column: e.column } : {};
          failures.push({ project, file, ...at, message: `not well-formed: ${(e as Error).message}` });
          continue;
        }
        checkManifest(project, file, (message, el) => failures.push({ project, file, ...(el ? doc.position(el.start) : {}), message }), doc);
        if (appManifest) {
          const fixture = readFileSync(sourcePath('e2e', 'fixtures', 'apps', project.shape, appManifest), 'utf8');
          const lost = lostLines(fixture, text);
          if (lost.length) failures.push({ project, file, message: `the app's own lines were changed or lost:\n${lost.join('\n')}` });
        }
      }
    }
    return failures;
  },
};

const files: MatrixCheck = {
  name: 'android: glue headers, the user file, no hidden characters',
  applies: () => true,
  async run(projects) {
    const failures: CheckFailure[] = [];
    for (const project of projects) {
      const kts = kotlinFiles(project);
      if (kts.length === 0) failures.push({ project, message: 'no Kotlin was generated' });
      // A transfer service has no implementation of the user's: its code is all glue.
      const user = project.model.kind === 'transfer' ? '\0' : `${project.model.names.pascal}.kt`;
      if (project.model.kind !== 'transfer' && !kts.some((f) => f.endsWith(`/${user}`))) failures.push({ project, message: `the user file ${user} was not created` });
      for (const file of kts) {
        const text = readFileSync(join(project.root, file), 'utf8');
        const isUser = file.endsWith(`/${user}`);
        if (isUser === (readHeader(text) !== undefined)) {
          failures.push({ project, file, line: 1, message: isUser ? 'the user file carries a generated header' : 'a glue file has no generated header' });
        }
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          for (const ch of line) {
            if (isHiddenInSource(ch.codePointAt(0)!)) {
              failures.push({ project, file, line: i + 1, message: `raw hidden character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in generated Kotlin` });
              break;
            }
          }
        });
      }
    }
    return failures;
  },
};

export const androidChecks: MatrixCheck[] = [kotlinc, manifest, files];
