/** Fixture builders for the systemd / launchd rule tests (not a test file itself). */
import { plist } from './apple.test-util.js';

/** A user unit under packaging/systemd/user/ built from sections. */
export function userUnit(sections: Record<string, string[]>, name = 'sync.service'): Record<string, string> {
  return { [`packaging/systemd/user/${name}`]: unit(sections) };
}

export function unit(sections: Record<string, string[]>): string {
  return Object.entries(sections)
    .map(([s, lines]) => `[${s}]\n${lines.join('\n')}\n`)
    .join('\n');
}

/** A launch agent plist in a LaunchAgents folder. */
export function agent(entries: string, name = 'com.example.sync'): Record<string, string> {
  return { [`macos/LaunchAgents/${name}.plist`]: plist(entries) };
}
