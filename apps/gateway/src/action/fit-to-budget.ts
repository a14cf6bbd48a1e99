/**
 * ChatGPT fails an Action call whose response exceeds 100,000 characters, and a model cannot
 * recover from that. Responses are therefore measured as the exact text sent, and cut to fit:
 * the largest prefix of rows (or of expanded collections) whose rendering stays within budget.
 */

/**
 * The largest `n` in `[0, total]` with `sizeOf(n) <= max`, or -1 when not even `sizeOf(0)`
 * fits. `sizeOf` must not decrease as `n` grows (more rows never make a response shorter).
 */
export function largestFitting(total: number, sizeOf: (n: number) => number, max: number): number {
  if (sizeOf(total) <= max) return total;
  if (sizeOf(0) > max) return -1;
  let fits = 0;
  let tooBig = total;
  while (tooBig - fits > 1) {
    const middle = Math.floor((fits + tooBig) / 2);
    if (sizeOf(middle) <= max) fits = middle;
    else tooBig = middle;
  }
  return fits;
}

/** `95,000`: limits as people (and models) read them. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
