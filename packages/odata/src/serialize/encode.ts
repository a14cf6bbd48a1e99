/**
 * Percent-encoding for serialized query text. The parser decodes every value completely before it
 * reads the grammar, so encoding any character never changes its meaning; what must be encoded is
 * what would otherwise be read differently by the URL layer: `%`, `&` (option separator), `#`
 * (fragment), `+` (a space to form decoders), and everything outside printable ASCII.
 */

// Unreserved characters, the sub-delimiters other than `&` and `+`, and `:@/?`: safe in a query.
const SAFE = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@/?") {
  SAFE[c.charCodeAt(0)] = 1;
}

export type SpaceHandling = "keep" | "encode";

/**
 * Encodes `text` for a query string value. With `"keep"`, spaces stay as they are (readable output
 * for a single option value that is not pasted into a URL as-is). `alsoEncode` lists extra
 * characters to encode (`=` in option names).
 */
export function encodeQueryText(text: string, spaces: SpaceHandling, alsoEncode = ""): string {
  if (isAllSafe(text, spaces, alsoEncode)) return text;
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSafe(c, spaces, alsoEncode)) continue;
    parts.push(text.slice(runStart, i));
    const codePoint = text.codePointAt(i)!;
    const isPair = codePoint > 0xffff;
    // A lone surrogate has no UTF-8 form; it is sent as U+FFFD, the replacement character.
    const encodable = isPair || c < 0xd800 || c > 0xdfff ? codePoint : 0xfffd;
    parts.push(percentEncodeUtf8(encodable));
    if (isPair) i++;
    runStart = i + 1;
  }
  parts.push(text.slice(runStart));
  return parts.join("");
}

function isSafe(c: number, spaces: SpaceHandling, alsoEncode: string): boolean {
  if (c === 0x20) return spaces === "keep";
  return c < 128 && SAFE[c] === 1 && (alsoEncode === "" || !alsoEncode.includes(String.fromCharCode(c)));
}

function isAllSafe(text: string, spaces: SpaceHandling, alsoEncode: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSafe(text.charCodeAt(i), spaces, alsoEncode)) return false;
  return true;
}

const HEX = "0123456789ABCDEF";

function byte(b: number): string {
  return `%${HEX[b >> 4]}${HEX[b & 15]}`;
}

function percentEncodeUtf8(cp: number): string {
  if (cp < 0x80) return byte(cp);
  if (cp < 0x800) return byte(0xc0 | (cp >> 6)) + byte(0x80 | (cp & 63));
  if (cp < 0x10000) return byte(0xe0 | (cp >> 12)) + byte(0x80 | ((cp >> 6) & 63)) + byte(0x80 | (cp & 63));
  return (
    byte(0xf0 | (cp >> 18)) +
    byte(0x80 | ((cp >> 12) & 63)) +
    byte(0x80 | ((cp >> 6) & 63)) +
    byte(0x80 | (cp & 63))
  );
}
