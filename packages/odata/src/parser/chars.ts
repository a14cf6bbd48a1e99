/**
 * Character codes and classes of the OData ABNF, compared as UTF-16 code units so the hot loops
 * never allocate.
 */

export const TAB = 0x09;
export const SPACE = 0x20;
export const BANG = 0x21;
export const DQUOTE = 0x22;
export const HASH = 0x23;
export const DOLLAR = 0x24;
export const PERCENT = 0x25;
export const AMP = 0x26;
export const SQUOTE = 0x27;
export const OPEN = 0x28;
export const CLOSE = 0x29;
export const STAR = 0x2a;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const COLON = 0x3a;
export const SEMI = 0x3b;
export const EQUALS = 0x3d;
export const QUESTION = 0x3f;
export const AT = 0x40;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const UNDERSCORE = 0x5f;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
/** Returned by `Scanner.peek` past the end, so comparisons need no bounds checks. */
export const EOF = -1;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** SP and HTAB: the characters of the ABNF's RWS/BWS once `%20`/`%09` are decoded. */
export function isWhitespace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** ASCII letters lower-cased by bit, for case-insensitive keyword comparison without allocating. */
export function asciiLower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

// The ABNF's identifier rules list ASCII only but say the Unicode categories below are allowed too.
const UNICODE_LEADING = /[\p{L}\p{Nl}]/uy;
const UNICODE_PART = /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]/uy;

/**
 * Length in code units of the identifier character at `pos` (0 if there is none): 1 for ASCII,
 * 1 or 2 for other code points.
 */
export function identifierCharLength(text: string, pos: number, leading: boolean): number {
  const c = text.charCodeAt(pos);
  if (c < 0x80) {
    if (isAsciiLetter(c) || c === UNDERSCORE) return 1;
    return !leading && isDigit(c) ? 1 : 0;
  }
  if (Number.isNaN(c)) return 0;
  const pattern = leading ? UNICODE_LEADING : UNICODE_PART;
  pattern.lastIndex = pos;
  if (!pattern.test(text)) return 0;
  return pattern.lastIndex - pos;
}
