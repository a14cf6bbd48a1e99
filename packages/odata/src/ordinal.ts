/**
 * Ordinal (code point) order of strings, OData Part 2 §5.1.1.1.3 ("SHOULD order language-neutral
 * strings by code point value"). UTF-16 code unit order, which `<` uses, differs from it only
 * where a surrogate (a code point above U+FFFF) meets a unit in U+E000..U+FFFF. The engine's
 * evaluator and every connector that orders or compares text use this one definition.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const xs = x <= 0xdfff;
      const ys = y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}
