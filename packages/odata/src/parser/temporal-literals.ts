/**
 * Dates, times of day, date-time offsets and durations, validated field by field so a client learns
 * which field is wrong ("month 13 at 12 is out of range 01-12"), not just that the literal is.
 *
 * Canonical text (what the AST holds):
 * - Date `2024-01-31` and TimeOfDay `13:20[:00[.125]]`: as written.
 * - DateTimeOffset: as written with `T` and `Z` upper-cased and the offset sign restored to `+`
 *   when a form decoder turned it into a space (`T10:00:00 01:00`, from an unencoded `+01:00`).
 * - Duration: as written with its designators (`P`, `D`, `T`, `H`, `M`, `S`) upper-cased.
 */

import type { Literal } from "../ast.ts";
import type { ODataSyntaxError } from "../errors.ts";
import { COLON, DOT, isDigit, MINUS, PLUS, SPACE } from "./chars.ts";
import type { Scanner } from "./scanner.ts";

/** Reads exactly two digits for `field` and checks `min <= value <= max`. */
function twoDigitField(sc: Scanner, field: string, min: number, max: number): string {
  const start = sc.pos;
  if (!isDigit(sc.peek()) || !isDigit(sc.peekAt(1))) {
    throw sc.expected(start, [`two digits for the ${field}`]);
  }
  sc.pos += 2;
  const text = sc.text.slice(start, start + 2);
  const value = Number(text);
  if (value < min || value > max) {
    throw sc.error(start, `${field} ${text} at ${sc.at(start)} is out of range ${pad(min)}-${pad(max)}`, [
      `${pad(min)}-${pad(max)}`,
    ]);
  }
  return text;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isLeapYear(yearDigits: string): boolean {
  // Divisibility by 4, 100 and 400 only depends on the last four digits (400 divides 10000).
  const y = Number(yearDigits.slice(-4));
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `date = year "-" month "-" day`, from `start` (which may hold the year's `-`). */
function scanDate(sc: Scanner, start: number): string {
  sc.pos = start;
  sc.eat(MINUS);
  const yearStart = sc.pos;
  const year = sc.readDigits();
  if (year.length < 4 || (year.length > 4 && year.charCodeAt(0) === 0x30)) {
    throw sc.error(
      yearStart,
      `year ${year} at ${sc.at(yearStart)} must have four digits, or more without a leading zero`,
      ["a year"],
    );
  }
  sc.expect(MINUS, "'-'", " between year and month");
  const month = twoDigitField(sc, "month", 1, 12);
  sc.expect(MINUS, "'-'", " between month and day");
  const dayStart = sc.pos;
  const day = twoDigitField(sc, "day", 1, 31);
  const monthIndex = Number(month) - 1;
  const days = monthIndex === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[monthIndex]!;
  if (Number(day) > days) {
    throw sc.error(
      dayStart,
      `day ${day} at ${sc.at(dayStart)} is out of range for month ${month} of year ${year} (01-${days})`,
      [`01-${days}`],
    );
  }
  return sc.text.slice(start, sc.pos);
}

/** `hour COLON minute [ COLON second [ "." fractionalSeconds ] ]` */
function scanTime(sc: Scanner): string {
  const start = sc.pos;
  twoDigitField(sc, "hour", 0, 23);
  sc.expect(COLON, "':'", " between hour and minute");
  twoDigitField(sc, "minute", 0, 59);
  if (sc.peek() === COLON && isDigit(sc.peekAt(1))) {
    sc.pos++;
    twoDigitField(sc, "second", 0, 60);
    if (sc.peek() === DOT) {
      sc.pos++;
      const fractionStart = sc.pos;
      const fraction = sc.readDigits();
      if (fraction.length === 0 || fraction.length > 12) {
        throw sc.error(
          fractionStart,
          `fractional seconds at ${sc.at(fractionStart)} must have 1 to 12 digits`,
          ["1 to 12 digits"],
        );
      }
    }
  }
  return sc.text.slice(start, sc.pos);
}

export function scanTimeOfDay(sc: Scanner, start: number): Literal {
  sc.pos = start;
  return { kind: "timeOfDay", value: scanTime(sc) };
}

/** A date, or a date-time offset when a `T` follows. */
export function scanDateOrDateTimeOffset(sc: Scanner, start: number): Literal {
  const date = scanDate(sc, start);
  const t = sc.peek();
  if (t !== 0x54 && t !== 0x74) return { kind: "date", value: date };
  sc.pos++;
  const time = scanTime(sc);
  return { kind: "dateTimeOffset", value: `${date}T${time}${scanOffset(sc)}` };
}

/** `"Z" / SIGN hour COLON minute`, where a space stands for a form-decoded `+`. */
function scanOffset(sc: Scanner): string {
  const c = sc.peek();
  if (c === 0x5a || c === 0x7a) {
    sc.pos++;
    return "Z";
  }
  const signFromSpace =
    c === SPACE && isDigit(sc.peekAt(1)) && isDigit(sc.peekAt(2)) && sc.peekAt(3) === COLON;
  if (c !== PLUS && c !== MINUS && !signFromSpace) {
    throw sc.expected(sc.pos, ["'Z'", "a time zone offset such as +01:00 (send '+' as %2B)"]);
  }
  sc.pos++;
  const hours = twoDigitField(sc, "offset hour", 0, 23);
  sc.expect(COLON, "':'", " in the time zone offset");
  const minutes = twoDigitField(sc, "offset minute", 0, 59);
  return `${c === MINUS ? "-" : "+"}${hours}:${minutes}`;
}

const DURATION_EXAMPLE = "such as P1DT2H30M or -PT0.5S";

/**
 * `durationValue = [ "-" ] "P" [ 1*DIGIT "D" ] [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]`
 * over `sc.text[start, end)`; returns the canonical text. At least one field is required, as in
 * XML Schema's dayTimeDuration that the ABNF approximates.
 */
export function durationValue(sc: Scanner, start: number, end: number): string {
  const text = sc.text;
  let i = start;
  let out = "";
  if (text.charCodeAt(i) === MINUS) {
    out = "-";
    i++;
  }
  if ((text.charCodeAt(i) | 0x20) !== 0x70) throw invalidDuration(sc, i, start, "expected 'P'");
  out += "P";
  i++;
  let inTime = false;
  let fields = 0;
  let lastRank = -1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c | 0x20) === 0x74 && !inTime) {
      inTime = true;
      out += "T";
      i++;
      if (i >= end) throw invalidDuration(sc, i, start, "expected hours, minutes or seconds after 'T'");
      continue;
    }
    const fieldStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fieldStart) throw invalidDuration(sc, i, start, "expected a number");
    if (i < end && text.charCodeAt(i) === DOT) {
      i++;
      const fractionStart = i;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      if (i === fractionStart) throw invalidDuration(sc, i, start, "expected a digit after '.'");
      if (!inTime || (text.charCodeAt(i) | 0x20) !== 0x73) {
        throw invalidDuration(sc, i, start, "only seconds may have a fraction");
      }
    }
    const designator = String.fromCharCode(text.charCodeAt(i) & ~0x20);
    const rank = designatorRank(designator, inTime);
    if (rank < 0) throw invalidDuration(sc, i, start, designatorProblem(designator, inTime));
    if (rank <= lastRank) throw invalidDuration(sc, i, start, `'${designator}' is repeated or out of order`);
    lastRank = rank;
    fields++;
    out += text.slice(fieldStart, i) + designator;
    i++;
  }
  if (fields === 0)
    throw invalidDuration(sc, i, start, "expected at least one of days, hours, minutes or seconds");
  return out;
}

function designatorRank(designator: string, inTime: boolean): number {
  if (!inTime) return designator === "D" ? 0 : -1;
  return designator === "H" ? 1 : designator === "M" ? 2 : designator === "S" ? 3 : -1;
}

function designatorProblem(designator: string, inTime: boolean): string {
  if (designator === "Y" || (designator === "M" && !inTime)) {
    return "years and months are not allowed (Edm.Duration is a day-time duration)";
  }
  if (!inTime && (designator === "H" || designator === "S")) return `'T' must come before '${designator}'`;
  return inTime ? "expected 'H', 'M' or 'S'" : "expected 'D' or 'T'";
}

function invalidDuration(sc: Scanner, pos: number, start: number, problem: string): ODataSyntaxError {
  return sc.error(
    pos,
    `invalid duration at ${sc.at(pos)} in the literal starting at ${sc.at(start)}: ${problem}; write an ISO 8601 duration ${DURATION_EXAMPLE}`,
    ["an ISO 8601 duration"],
  );
}
