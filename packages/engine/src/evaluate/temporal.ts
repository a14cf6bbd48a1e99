/**
 * Reading and writing the ISO 8601 texts that temporal values travel as (EdmValue contract):
 * DateTimeOffset `2024-01-31T13:20:00.5+01:00`, Date `2024-01-31`, TimeOfDay `13:20:00`,
 * Duration `-P1DT2H3.5S`. Instants are epoch milliseconds: sub-millisecond digits are kept for
 * `fractionalseconds` and `time`, but comparisons resolve to the millisecond.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface TimeParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fraction digits as written ("" when absent), so sub-millisecond precision survives. */
  readonly fraction: string;
}

export interface DateTimeParts extends DateParts, TimeParts {
  /** Minutes east of UTC; 0 for `Z`. */
  readonly offsetMinutes: number;
}

const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function validTime(hour: number, minute: number, second: number): boolean {
  // Second 60 is a leap second (OData Part 2 §5.1.1.8.10); it rolls into the next minute.
  return hour <= 23 && minute <= 59 && second <= 60;
}

export function parseDate(text: string): DateParts | undefined {
  const m = DATE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return validDate(year, month, day) ? { year, month, day } : undefined;
}

export function parseTimeOfDay(text: string): TimeParts | undefined {
  const m = TIME.exec(text);
  if (m === null) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  return validTime(hour, minute, second) ? { hour, minute, second, fraction: m[4] ?? "" } : undefined;
}

function parseOffset(text: string): number {
  if (text === "Z" || text === "z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

export function parseDateTime(text: string): DateTimeParts | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(year, month, day) || !validTime(hour, minute, second)) return undefined;
  return { year, month, day, hour, minute, second, fraction: m[7] ?? "", offsetMinutes: parseOffset(m[8]!) };
}

/** `Date.UTC` maps years 0–99 to 1900–1999; this does not. */
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  return date.getTime();
}

function fractionMillis(fraction: string): number {
  return fraction === "" ? 0 : Number(`${fraction}00`.slice(0, 3));
}

export function epochOfDateTime(parts: DateTimeParts): number {
  const local = utcMillis(
    parts.year,
    parts.month,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    fractionMillis(parts.fraction),
  );
  return local - parts.offsetMinutes * MS_PER_MINUTE;
}

/**
 * `toISOString()` output for years 0000–9999: 24 characters, `T` at 10, `.` at 19, `Z` at 23.
 * Such strings sort chronologically as plain strings, which is the fast path of instant
 * comparisons (connectors are asked to emit this form).
 */
export function isCanonicalInstant(text: string): boolean {
  return (
    text.length === 24 &&
    text.charCodeAt(23) === 90 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(19) === 46
  );
}

/**
 * ISO date-times V8's `Date.parse` reads exactly as `parseDateTime` does: it rolls Feb 30 over
 * and rejects leap seconds, so days past 28 and second 60 take the slower exact path.
 */
const NATIVE_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Epoch milliseconds of a DateTimeOffset value (ISO text, epoch number or Date), else NaN. */
export function instantOf(value: unknown): number {
  if (typeof value === "string") {
    if (isCanonicalInstant(value) || NATIVE_DATE_TIME.test(value)) return Date.parse(value);
    const parts = parseDateTime(value);
    return parts === undefined ? Number.NaN : epochOfDateTime(parts);
  }
  if (typeof value === "number") return value;
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

/** Shaped like a date-time (a cheap test, not a validation). */
export function isDateTimeText(text: string): boolean {
  return text.length >= 16 && (text[10] === "T" || text[10] === "t");
}

export function isDateText(text: string): boolean {
  return text.length === 10 && parseDate(text) !== undefined;
}

export function epochOfDate(text: string): number {
  const parts = parseDate(text);
  return parts === undefined ? Number.NaN : utcMillis(parts.year, parts.month, parts.day);
}

/** The UTC calendar day of an instant, as an Edm.Date text. */
export function utcDateOf(ms: number): string {
  return formatInstant(ms).slice(0, -14);
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "Z";
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** An instant written in a given offset, so arithmetic keeps the offset a value was stated in. */
export function formatInstantAtOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return formatInstant(ms);
  return formatInstant(ms + offsetMinutes * MS_PER_MINUTE).slice(0, -1) + formatOffset(offsetMinutes);
}

/** Seconds since midnight, fraction included, or NaN. */
export function timeOfDaySeconds(text: string): number {
  const parts = parseTimeOfDay(text);
  if (parts === undefined) return Number.NaN;
  return parts.hour * 3600 + parts.minute * 60 + parts.second + fractionValue(parts.fraction);
}

export function fractionValue(fraction: string): number {
  return fraction === "" ? 0 : Number(`0.${fraction}`);
}

export function formatTimeOfDay(parts: TimeParts): string {
  const base = `${pad2(parts.hour)}:${pad2(parts.minute)}:${pad2(parts.second)}`;
  return parts.fraction === "" ? base : `${base}.${parts.fraction}`;
}

/**
 * Total seconds of an Edm.Duration (xs:dayTimeDuration: days, hours, minutes, seconds), or NaN.
 * Years and months are not durations in EDM; they do not parse.
 */
export function durationSeconds(text: string): number {
  const m = DURATION.exec(text);
  if (m === null || text.endsWith("P") || text.endsWith("T")) return Number.NaN;
  const total =
    Number(m[2] ?? 0) * 86_400 + Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
  return m[1] === "-" ? -total : total;
}

/** Canonical duration text: days and time parts, zero parts omitted, `PT0S` for zero. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "PT0S";
  const abs = Math.abs(seconds);
  let whole = Math.floor(abs);
  // Nine fraction digits, rounded once, so float residue never prints as 0.30000000000000004S.
  let nanos = Math.round((abs - whole) * 1e9);
  if (nanos === 1e9) {
    whole += 1;
    nanos = 0;
  }
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  let time = "";
  if (hours > 0) time += `${hours}H`;
  if (minutes > 0) time += `${minutes}M`;
  if (secs > 0 || nanos > 0) {
    const fraction = nanos > 0 ? `.${String(nanos).padStart(9, "0").replace(/0+$/, "")}` : "";
    time += `${secs}${fraction}S`;
  }
  if (days === 0 && time === "") return "PT0S";
  return `${seconds < 0 ? "-" : ""}P${days > 0 ? `${days}D` : ""}${time === "" ? "" : `T${time}`}`;
}

/**
 * Date plus a duration per XML Schema E.3.3, as OData Part 2 §5.1.1.2.1 spells out: midnight
 * plus the duration, then drop the time, so a positive duration under a day keeps the date.
 */
export function addSecondsToDate(date: string, seconds: number): string | null {
  const start = epochOfDate(date);
  if (Number.isNaN(start) || !Number.isFinite(seconds)) return null;
  const moved = start + seconds * 1000;
  return utcDateOf(Math.floor(moved / MS_PER_DAY) * MS_PER_DAY);
}

export const MIN_DATE_TIME = "0001-01-01T00:00:00.000Z";
export const MAX_DATE_TIME = "9999-12-31T23:59:59.999Z";
export { MS_PER_DAY };
