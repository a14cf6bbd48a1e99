/**
 * The primitive literal grammar (ABNF section 7), decoded into the AST's `Literal` union.
 *
 * Canonical forms (the serializer writes them back unchanged):
 * - Digits only -> `integer` (bigint, any size: the binder checks it fits the target type).
 * - Digits with `.` and no exponent -> `decimal`, text `-?(0|[1-9][0-9]*)\.[0-9]+`: leading zeros of
 *   the integer part and a `+` sign are dropped, trailing fraction zeros are KEPT (`1.50` stays
 *   `1.50`: the scale is part of the value for money), and `-0.00` becomes `0.00`.
 * - An exponent, `INF`, `-INF` or `NaN` -> `double`.
 * - A `-` directly followed by a digit belongs to the literal: `-5` is the integer -5. `- 5`
 *   (with a space) and `-(5)` are negations of 5.
 * - A bare quoted string is always a string. `duration'P1D'` needs its prefix: the 4.01 unprefixed
 *   form cannot be told from a string without knowing the property's type, which the binder does.
 * - GUIDs are lower-cased; see `temporal-literals.ts` for dates, times and durations.
 */

import type { Literal } from "../ast.ts";
import type { ODataSyntaxError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import {
  BACKSLASH,
  COLON,
  DOT,
  DQUOTE,
  identifierCharLength,
  isAsciiLetter,
  isDigit,
  isHexDigit,
  MINUS,
  PLUS,
  SPACE,
  SQUOTE,
  UNDERSCORE,
} from "./chars.ts";
import { scanGeoLiteral } from "./geo-literals.ts";
import type { Scanner } from "./scanner.ts";
import { durationValue, scanDateOrDateTimeOffset, scanTimeOfDay } from "./temporal-literals.ts";

const NULL: Literal = { kind: "null" };
const TRUE: Literal = { kind: "boolean", value: true };
const FALSE: Literal = { kind: "boolean", value: false };

/** `null`, `true`, `false` in any case; `INF` and `NaN` exactly (the ABNF spells them `%s`). */
export function keywordLiteral(word: string): Literal | null {
  if (word === "INF") return { kind: "double", value: Number.POSITIVE_INFINITY };
  if (word === "NaN") return { kind: "double", value: Number.NaN };
  if (word.length !== 4 && word.length !== 5) return null;
  const lower = word.toLowerCase();
  if (lower === "null") return NULL;
  if (lower === "true") return TRUE;
  if (lower === "false") return FALSE;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Numbers, dates, times, GUIDs: everything that starts with a digit (or a sign and a digit)
// ---------------------------------------------------------------------------------------------

const GUID_GROUPS = [8, 4, 4, 4, 12];

/** An unquoted GUID at the cursor, or null (cursor unchanged) when there is none. */
export function scanGuid(sc: Scanner): Literal | null {
  let i = sc.pos;
  for (let g = 0; g < GUID_GROUPS.length; g++) {
    if (g > 0 && sc.text.charCodeAt(i++) !== MINUS) return null;
    for (let k = 0; k < GUID_GROUPS[g]!; k++) if (!isHexDigit(sc.text.charCodeAt(i++))) return null;
  }
  if (identifierCharLength(sc.text, i, false) > 0 || sc.text.charCodeAt(i) === MINUS) return null;
  const value = sc.text.slice(sc.pos, i).toLowerCase();
  sc.pos = i;
  return { kind: "guid", value };
}

/**
 * At a digit, or a sign directly followed by a digit: a number, date, date-time offset or time of
 * day (GUIDs are tried first by the caller).
 */
export function scanNumberOrTemporal(sc: Scanner): Literal {
  const start = sc.pos;
  const sign = sc.peek();
  if (sign === MINUS || sign === PLUS) sc.pos++;
  const digits = sc.readDigits();
  const next = sc.peek();
  let literal: Literal;
  if (next === MINUS && digits.length >= 4 && sign !== PLUS) literal = scanDateOrDateTimeOffset(sc, start);
  else if (next === COLON && digits.length === 2 && isDigit(sign) && isTwoDigitsAt(sc, sc.pos + 1)) {
    literal = scanTimeOfDay(sc, start);
  } else literal = scanNumber(sc, start, sign === MINUS, digits);
  expectLiteralEnd(sc, start);
  return literal;
}

function isTwoDigitsAt(sc: Scanner, pos: number): boolean {
  return isDigit(sc.text.charCodeAt(pos)) && isDigit(sc.text.charCodeAt(pos + 1));
}

function scanNumber(sc: Scanner, start: number, negative: boolean, digits: string): Literal {
  let fraction: string | null = null;
  if (sc.eat(DOT)) {
    fraction = sc.readDigits();
    if (fraction.length === 0) throw sc.expected(sc.pos, ["a digit"], " after the decimal point");
  }
  const e = sc.peek();
  if (e !== 0x65 && e !== 0x45) {
    if (fraction === null) return { kind: "integer", value: negative ? -BigInt(digits) : BigInt(digits) };
    return { kind: "decimal", value: canonicalDecimal(negative, digits, fraction) };
  }
  sc.pos++;
  const exponentSign = sc.peek();
  // A space here is a `+` that a form decoder turned into one (`1e+5` sent unencoded).
  if (exponentSign === MINUS || exponentSign === PLUS || exponentSign === SPACE) sc.pos++;
  if (sc.readDigits().length === 0) throw sc.expected(sc.pos, ["a digit"], " in the exponent");
  const text = sc.text.slice(start, sc.pos).replace(" ", "+");
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw sc.error(start, `number ${text} at ${sc.at(start)} is out of range for a double`, [
      "a finite number",
    ]);
  }
  return { kind: "double", value };
}

function canonicalDecimal(negative: boolean, digits: string, fraction: string): string {
  let first = 0;
  while (first < digits.length - 1 && digits.charCodeAt(first) === 0x30) first++;
  const integerPart = digits.slice(first);
  let zero = integerPart === "0";
  for (let i = 0; zero && i < fraction.length; i++) zero = fraction.charCodeAt(i) === 0x30;
  return `${negative && !zero ? "-" : ""}${integerPart}.${fraction}`;
}

/** A literal must not run into a name or another number: `5x`, `1.2.3`, `2024-01-01x`. */
function expectLiteralEnd(sc: Scanner, start: number): void {
  if (identifierCharLength(sc.text, sc.pos, false) === 0 && sc.peek() !== DOT) return;
  throw sc.error(
    sc.pos,
    `unexpected ${sc.found(sc.pos)} at ${sc.at(sc.pos)} after the literal starting at ${sc.at(start)}`,
    ["whitespace", "')'", "','"],
  );
}

// ---------------------------------------------------------------------------------------------
// Quoted literals
// ---------------------------------------------------------------------------------------------

/** `'...'` with `''` for a quote; the cursor is at the opening quote. Returns the decoded value. */
export function scanStringLiteral(sc: Scanner): string {
  const open = sc.pos;
  let from = open + 1;
  let value = "";
  for (;;) {
    const quote = sc.text.indexOf("'", from);
    if (quote < 0) throw unterminatedString(sc, open);
    if (sc.text.charCodeAt(quote + 1) !== SQUOTE) {
      sc.pos = quote + 1;
      return value + sc.text.slice(from, quote);
    }
    value += sc.text.slice(from, quote + 1);
    from = quote + 2;
  }
}

function unterminatedString(sc: Scanner, open: number): ODataSyntaxError {
  return sc.error(
    sc.length,
    `expected "'" to close the string opened at ${sc.at(open)}, found end of input at ${sc.at(sc.length)}; ` +
      "a quote inside a string is written as two quotes ('')",
    ['"\'"'],
  );
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** A JSON string `"..."` (inside a JSON array); the cursor is at the opening quote. */
export function scanJsonString(sc: Scanner): string {
  const open = sc.pos;
  const parts: string[] = [];
  let from = open + 1;
  for (let i = from; i < sc.length; i++) {
    const c = sc.text.charCodeAt(i);
    if (c === DQUOTE) {
      parts.push(sc.text.slice(from, i));
      sc.pos = i + 1;
      return parts.join("");
    }
    if (c !== BACKSLASH) continue;
    parts.push(sc.text.slice(from, i));
    const escaped = sc.text.charAt(i + 1);
    const simple = Object.hasOwn(JSON_ESCAPES, escaped) ? JSON_ESCAPES[escaped] : undefined;
    if (simple !== undefined) {
      parts.push(simple);
      i++;
    } else if (escaped === "u" && [2, 3, 4, 5].every((k) => isHexDigit(sc.text.charCodeAt(i + k)))) {
      parts.push(String.fromCharCode(Number.parseInt(sc.text.slice(i + 2, i + 6), 16)));
      i += 5;
    } else {
      throw sc.error(i, `invalid escape in JSON string at ${sc.at(i)}`, [
        '\\"',
        "\\\\",
        "\\/",
        "\\b",
        "\\f",
        "\\n",
        "\\r",
        "\\t",
        "\\uXXXX",
      ]);
    }
    from = i + 1;
  }
  throw sc.error(
    sc.length,
    `expected '"' to close the JSON string opened at ${sc.at(open)}, found end of input at ${sc.at(sc.length)}`,
    ["'\"'"],
  );
}

const LITERAL_PREFIXES = ["duration", "binary", "geography", "geometry"];

/**
 * A literal written `prefix'...'`: duration, binary, geography, geometry, or an enumeration value
 * `Namespace.Type'Member,Member'`. The cursor is at the opening quote; `prefix` started at `prefixStart`.
 */
export function scanPrefixedLiteral(sc: Scanner, prefix: string, prefixStart: number): Literal {
  const lower = prefix.toLowerCase();
  const isQualified = prefix.includes(".");
  if (!isQualified && !LITERAL_PREFIXES.includes(lower)) {
    throw sc.error(
      prefixStart,
      `unknown literal prefix '${prefix}' at ${sc.at(prefixStart)}; expected duration'...', binary'...', ` +
        `geography'...', geometry'...' or an enumeration value such as Namespace.Color'Red'` +
        didYouMean(prefix, LITERAL_PREFIXES),
      LITERAL_PREFIXES.map((p) => `${p}'...'`),
    );
  }
  sc.pos++;
  if (lower === "geography" || lower === "geometry") return scanGeoLiteral(sc, lower);
  const bodyStart = sc.pos;
  const bodyEnd = sc.text.indexOf("'", bodyStart);
  if (bodyEnd < 0) throw unterminatedString(sc, bodyStart - 1);
  sc.pos = bodyEnd + 1;
  if (lower === "duration") return { kind: "duration", value: durationValue(sc, bodyStart, bodyEnd) };
  if (lower === "binary") return { kind: "binary", value: binaryValue(sc, bodyStart, bodyEnd) };
  return { kind: "enum", typeName: prefix, value: enumValue(sc, bodyStart, bodyEnd) };
}

function isBase64UrlChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === MINUS || c === UNDERSCORE;
}

/** `binaryValue`: base64url, padding optional, unused trailing bits zero (RFC 4648 canonical). */
function binaryValue(sc: Scanner, start: number, end: number): string {
  let dataEnd = start;
  while (dataEnd < end && isBase64UrlChar(sc.text.charCodeAt(dataEnd))) dataEnd++;
  const data = dataEnd - start;
  const padding = sc.text.slice(dataEnd, end);
  const lastChar = sc.text.charAt(dataEnd - 1);
  const valid =
    data % 4 === 0
      ? padding === ""
      : data % 4 === 2
        ? (padding === "" || padding === "==") && "AQgw".includes(lastChar)
        : data % 4 === 3 && (padding === "" || padding === "=") && "AEIMQUYcgkosw048".includes(lastChar);
  if (!valid) {
    const at = dataEnd < end ? dataEnd : start;
    throw sc.error(
      at,
      `invalid binary literal at ${sc.at(at)}: expected canonical base64url text (A-Z a-z 0-9 - _, optional '=' padding)`,
      ["base64url text"],
    );
  }
  return sc.text.slice(start, end);
}

/** `singleEnumLiteral *( COMMA singleEnumLiteral )`, each a member name or an integer. */
function enumValue(sc: Scanner, start: number, end: number): string {
  let i = start;
  for (;;) {
    const memberStart = i;
    const c = sc.text.charCodeAt(i);
    if (isDigit(c) || (c === MINUS && isDigit(sc.text.charCodeAt(i + 1)))) {
      i++;
      while (isDigit(sc.text.charCodeAt(i))) i++;
    } else {
      i += sc.identifierLengthAt(i);
    }
    if (i === end && i > memberStart) return sc.text.slice(start, end);
    if (i === memberStart || sc.text.charCodeAt(i) !== 0x2c) {
      throw sc.error(
        i,
        `invalid enumeration value at ${sc.at(i)}: expected member names or integers separated by ','`,
        ["a member name", "an integer"],
      );
    }
    i++;
  }
}
