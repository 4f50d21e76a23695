/**
 * XML 1.0 attribute values and text content.
 *
 * Markup characters become entity references. Characters outside XML 1.0's
 * `Char` production (NUL and the other C0 controls but tab/LF/CR, lone
 * surrogates, U+FFFE, U+FFFF) cannot appear in a document at all, not even as
 * `&#…;`, so they throw `EscapeError` (XML 1.1 would allow some, but Android's
 * aapt2 and Apple's plist parser read 1.0). Allowed but invisible characters
 * (C1 controls, bidi controls, …) are written as character references so they
 * show in review and survive editors.
 *
 * Line ends: a parser turns a literal CR or CRLF into LF, and in an attribute
 * it also turns tab, LF and CR into spaces (attribute-value normalisation).
 * Character references are exempt from both, so the attribute escaper writes
 * `&#9;` `&#10;` `&#13;`, and the text escaper writes CR as `&#13;`.
 */
import { escapeCodePoints, hex, isHiddenInSource, isXmlChar, type CodePointRule } from './core.js';

const NOT_XML = 'XML 1.0 has no way to write this character, not even as a character reference';

/** Shared by text, attributes and plist: the markup escapes, then XML's own character rules. */
function xmlRule(markup: Readonly<Record<string, string>>): CodePointRule {
  const byCodePoint = new Map(Object.entries(markup).map(([ch, esc]) => [ch.codePointAt(0)!, esc]));
  return (cp) => {
    const esc = byCodePoint.get(cp);
    if (esc !== undefined) return esc;
    if (!isXmlChar(cp)) return { unrepresentable: NOT_XML };
    return isHiddenInSource(cp) && cp !== 0x9 && cp !== 0xa ? `&#x${hex(cp)};` : undefined;
  };
}

const markup = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
export const xmlTextRule = xmlRule({ ...markup, '\r': '&#13;' });
const attrRules = {
  '"': xmlRule({ ...markup, '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }),
  "'": xmlRule({ ...markup, "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }),
};

/**
 * The inside of an attribute value delimited by `quote` (the quotes are not
 * included). Throws `EscapeError` for characters XML 1.0 cannot contain.
 */
export function xmlAttr(s: string, quote: '"' | "'" = '"'): string {
  return escapeCodePoints(s, 'XML attribute value', attrRules[quote]);
}

/** Element text content (also safe for `]]>`). Throws `EscapeError` for characters XML 1.0 cannot contain. */
export function xmlText(s: string): string {
  return escapeCodePoints(s, 'XML text', xmlTextRule);
}
