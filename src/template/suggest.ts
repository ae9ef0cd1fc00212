/** "Did you mean …?" for misspelled names: property keys, sections, capabilities, functions. */

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), so the common
 * slip of swapped letters ('imgae') costs one edit like a wrong letter does.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

// Words this short are within two edits of almost anything; a suggestion there is noise.
const MIN_PREFIX = 3;

/**
 * The candidate closest to `word`, compared case-insensitively: within two edits (and fewer
 * edits than the word has letters), else the shortest candidate that the word starts or is the
 * start of (`port` → `port_specs`). Undefined when nothing is close, or when `word` is itself a
 * candidate as written.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(word)) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist <= 2 && dist < w.length && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  if (best !== undefined) return best;
  if (w.length < MIN_PREFIX) return undefined;
  const prefixed = candidates.filter((c) => {
    const l = c.toLowerCase();
    return l.length >= MIN_PREFIX && (l.startsWith(w) || w.startsWith(l));
  });
  return prefixed.sort((x, y) => x.length - y.length)[0];
}
