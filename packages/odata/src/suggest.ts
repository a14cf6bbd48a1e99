/**
 * "Did you mean" support for error messages: the nearest names to a misspelt one.
 */

/** Case-insensitive Damerau-free Levenshtein distance, bounded for speed. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[t.length]!;
}

/**
 * The candidates closest to `name`: those within a third of the name's length (at least 2
 * edits) or starting with it, keeping only the best-scoring ones (a near-certain suggestion is
 * not diluted by distant ones), at most `limit` of them.
 */
export function closestMatches(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const prefix = lower.length >= 3 && candidate.toLowerCase().startsWith(lower);
    if (distance <= threshold || prefix) scored.push({ candidate, score: prefix ? 0.5 : distance });
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  const best = scored[0]?.score;
  return scored
    .filter((s) => s.score === best)
    .slice(0, limit)
    .map((s) => s.candidate);
}

/** `"; did you mean 'contains'?"`, or `""` when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const matches = closestMatches(name, candidates);
  if (matches.length === 0) return "";
  return `; did you mean ${matches.map((m) => `'${m}'`).join(" or ")}?`;
}
