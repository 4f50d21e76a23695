/** One escaping function per target for every user-controlled string that goes into generated code or files. */
export { EscapeError, describeCodePoint } from './errors.js';
export { kotlinString, kotlinIdentifier, KOTLIN_HARD_KEYWORDS } from './kotlin.js';
export { swiftString, swiftIdentifier, swiftCaseName, SWIFT_KEYWORDS, SWIFT_MEMBER_UNESCAPABLE } from './swift.js';
export { rustString, rustIdentifier, RUST_STRICT_KEYWORDS, RUST_RESERVED_KEYWORDS, RUST_NOT_RAW } from './rust.js';
export { tsString, TS_RESERVED_WORDS, TS_STRICT_MODE_RESERVED_WORDS } from './ts.js';
export { jsonString } from './json.js';
export { xmlAttr, xmlText } from './xml.js';
export { plistString } from './plist.js';
export { docCommentText } from './comment.js';
export { isReservedIdentifier, isValidIdentifier, type IdentifierLanguage } from './identifiers.js';
export { systemdValue, systemdExecArg, systemdExecPath } from './systemd.js';
