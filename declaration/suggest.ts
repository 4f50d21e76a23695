/** "Did you mean …": the closest candidate by edit distance, if close enough. */

/** Levenshtein distance, case-insensitive (a wrong case is one cheap mistake). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return a === b ? 0 : 1;
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/**
 * The best candidate within a distance that grows with the word's length
 * (a third of it, at least 2), so short typos and longer misspellings both
 * get a suggestion but unrelated words do not.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** "did you mean 'x'?" or a list of what is allowed. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  if (best !== undefined) return `did you mean '${best}'?`;
  return `expected one of: ${candidates.map((c) => `'${c}'`).join(', ')}`;
}
