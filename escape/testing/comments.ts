/**
 * Where a block comment that starts at index 0 ends, read the way each
 * language's lexer reads it: Kotlin, Swift and Rust nest `/* … *\/`, JS/TS
 * does not. Returns the index just past the closing `*\/`, or -1 if the
 * comment never closes. Independent of `docCommentText`.
 */
export function blockCommentEnd(src: string, nested: boolean): number {
  let depth = 0;
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('/*', i) && (nested || depth === 0)) {
      depth += 1;
      i += 2;
    } else if (depth > 0 && src.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return -1;
}
