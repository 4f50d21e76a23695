// Which XML and plist files a `bg-doctor validate` of a folder parses: the
// validator's own walk, detection and rules run in this process with the
// file access wrapped to record every parse. (Untimed: it feeds the floor.)
import { join } from 'node:path';

export async function touchedFiles(pkgRoot, dir) {
  const dist = (p) => join(pkgRoot, 'dist', p);
  const { walk, createProjectFiles } = await import(dist('validators/project/files.js'));
  const { detectApps } = await import(dist('validators/project/detect.js'));
  const { RULES } = await import(dist('validators/rules/index.js'));
  const files = createProjectFiles(dir, walk(dir));
  const xml = new Set();
  const plist = new Set();
  const { xml: rawXml, plist: rawPlist } = files;
  files.xml = (p) => {
    xml.add(p);
    return rawXml(p);
  };
  files.plist = (p) => {
    plist.add(p);
    return rawPlist(p);
  };
  const apps = detectApps(files, {});
  const saved = process.env.BG_DOCTOR_NO_CACHE;
  process.env.BG_DOCTOR_NO_CACHE = '1'; // leave the user's drift cache alone
  try {
    for (const app of apps) {
      for (const rule of RULES) {
        try {
          await rule.check({ project: app, settings: {}, report: () => {} });
        } catch {}
      }
    }
  } finally {
    if (saved === undefined) delete process.env.BG_DOCTOR_NO_CACHE;
    else process.env.BG_DOCTOR_NO_CACHE = saved;
  }
  return { xml: [...xml].sort(), plist: [...plist].sort(), apps: apps.length, walked: files.paths.length };
}
