/**
 * Problems between declarations of one project: two services with one
 * identifier, one name, or names that become the same folder, crate or type
 * name (case-insensitively, as macOS and Windows file systems compare).
 */
import { dirname, relative } from 'node:path';
import type { Node } from 'ts-morph';
import { Code } from './codes.js';
import type { ServiceModel } from './model.js';
import { quote, whereIs, type Reporter } from './report.js';

export interface ReadService {
  model: ServiceModel;
  nameNode: Node;
  identifierNode?: Node;
}

export function checkAcrossFiles(services: readonly ReadService[], report: Reporter): void {
  const byIdentifier = new Map<string, ReadService>();
  const byName = new Map<string, ReadService>();
  const byFolded = new Map<string, ReadService>();
  for (const s of services) {
    const id = s.model.identifier;
    if (id !== undefined && s.identifierNode) {
      // iOS compares bundle and task identifiers case-insensitively.
      const first = byIdentifier.get(id.toLowerCase());
      if (first) {
        report.at(s.identifierNode, Code.duplicateServiceIdentifier, `identifier ${quote(id)} is also used by the service in ${near(first, s)}`,
          `each service needs its own identifier (the other is at ${near(first, s)}:${whereIs(first.identifierNode!, s.identifierNode).split(':').slice(-2).join(':')})`);
      } else byIdentifier.set(id.toLowerCase(), s);
    }
    const name = s.model.names.kebab;
    const first = byName.get(name);
    if (first) {
      report.at(s.nameNode, Code.duplicateServiceName, `service name ${quote(name)} is also used in ${near(first, s)}`,
        'rename one: both would generate the same files');
      continue;
    }
    byName.set(name, s);
    const folded = s.model.names.pascal.toLowerCase();
    const clash = byFolded.get(folded);
    if (clash) {
      report.at(s.nameNode, Code.serviceNameCollision,
        `service names ${quote(name)} and ${quote(clash.model.names.kebab)} collide: both become ${s.model.names.pascal} / ${clash.model.names.pascal}, the same name on case-insensitive file systems`,
        `rename one (the other is in ${near(clash, s)})`);
    } else byFolded.set(folded, s);
  }
}

/** The other declaration's path, relative to the folder of the one reported. */
function near(other: ReadService, from: ReadService): string {
  return relative(dirname(from.model.sourceFile), other.model.sourceFile) || other.model.sourceFile;
}
