/** SQL LIKE as a regular expression: `%` any run, `_` one character, an optional escapeChar character. */

const cache = new Map<string, RegExp>();

export function likeToRegExp(pattern: string, escapeChar: string | null): RegExp {
  const key = `${escapeChar ?? ""}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (escapeChar !== null && char === escapeChar && i + 1 < chars.length) source += quote(chars[++i]!);
    else if (char === "%") source += ".*";
    else if (char === "_") source += ".";
    else source += quote(char);
  }
  const regexp = new RegExp(`^${source}$`, "su");
  if (cache.size > 500) cache.clear();
  cache.set(key, regexp);
  return regexp;
}

function quote(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
