/**
 * Property list `<string>` content (XML plist, as read by Apple's parser and
 * Python's plistlib): exactly XML text, CR kept as `&#13;`. Only the error
 * names the plist, so a user sees which file could not hold the value.
 */
import { escapeCodePoints } from './core.js';
import { xmlTextRule } from './xml.js';

/** The content of `<string>…</string>`. Throws `EscapeError` for characters XML 1.0 cannot contain. */
export function plistString(s: string): string {
  return escapeCodePoints(s, 'plist <string>', xmlTextRule);
}
