/**
 * Literals as the engine reads them (its evaluator is the specification this connector matches):
 * numbers as doubles, instants as epoch milliseconds, strings ordered by code point. Used to
 * bind parameters and to fold comparisons between two literals, which SQL would type loosely.
 */
import type { ComparisonOperator, Literal } from "@headgate/odata";
import { compareStrings, ODataNotImplementedError } from "@headgate/odata";

import type { Domain } from "./table-model.ts";

export type ConstantDomain = Domain | "duration" | "other";

export type Constant =
  | { readonly domain: "number"; readonly value: number; readonly literal: Literal }
  | { readonly domain: Exclude<ConstantDomain, "number">; readonly value: string | boolean | number };

const MS_PER_MINUTE = 60_000;

/** The value of a literal as the engine reads it; `null` for the null literal. */
export function constantOf(literal: Literal): Constant | null {
  switch (literal.kind) {
    case "null":
      return null;
    case "boolean":
      return { domain: "boolean", value: literal.value };
    case "integer":
      return { domain: "number", value: Number(literal.value), literal };
    case "decimal":
      return { domain: "number", value: Number(literal.value), literal };
    case "double":
      return { domain: "number", value: literal.value, literal };
    case "string":
      return { domain: "string", value: literal.value };
    case "date":
      return { domain: "date", value: literal.value };
    case "dateTimeOffset":
      return { domain: "instant", value: instantMs(literal.value) };
    case "timeOfDay":
      return { domain: "time", value: literal.value };
    case "guid":
      return { domain: "guid", value: literal.value.toLowerCase() };
    case "duration":
      return { domain: "duration", value: literal.value };
    case "binary":
    case "enum":
      return { domain: "other", value: literal.value };
    case "geo":
      throw new ODataNotImplementedError("Geography literals", "the SQL connector does not compare them");
  }
}

const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function utcMillis(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, h, m, s, ms));
  date.setUTCFullYear(year);
  return date.getTime();
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Epoch milliseconds of an ISO date-time text (fraction truncated to ms), or NaN. */
export function instantMs(text: string): number {
  const m = DATE_TIME.exec(text);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return Number.NaN;
  const ms = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
  const zone = m[8]!;
  let offset = 0;
  if (zone !== "Z" && zone !== "z") {
    const digits = zone.slice(1).replace(":", "");
    offset = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return utcMillis(year, month, day, hour, minute, second, ms) - offset * MS_PER_MINUTE;
}

/** `Date#toISOString()` of epoch milliseconds: the row contract's DateTimeOffset form. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** The UTC calendar day of an instant, as an Edm.Date text. */
export function utcDayOf(ms: number): string {
  return isoOf(ms).slice(0, -14);
}

export function isValidDateText(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function timeSeconds(text: string): number {
  const m = TIME.exec(text);
  if (m === null) return Number.NaN;
  const [h, min] = [Number(m[1]), Number(m[2])];
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || s > 60) return Number.NaN;
  return h * 3600 + min * 60 + s + (m[4] === undefined ? 0 : Number(`0.${m[4]}`));
}

export function durationSeconds(text: string): number {
  const m = DURATION.exec(text);
  if (m === null || text.endsWith("P") || text.endsWith("T")) return Number.NaN;
  const total =
    Number(m[2] ?? 0) * 86_400 + Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
  return m[1] === "-" ? -total : total;
}

// ---------------------------------------------------------------------------------------------
// Folding: a comparison between two literals, answered as the engine answers it.
// ---------------------------------------------------------------------------------------------

type Key = number | string | boolean;

/** The domain two literal kinds are compared in (the engine's `comparisonDomain`). */
function foldDomain(a: ConstantDomain, b: ConstantDomain): ConstantDomain | undefined {
  if (a === b) return a;
  if ((a === "date" && b === "instant") || (a === "instant" && b === "date")) return "date";
  if (a === "string" && b !== "number" && b !== "boolean") return b;
  if (b === "string" && a !== "number" && a !== "boolean") return a;
  return undefined;
}

function keyIn(domain: ConstantDomain, c: Constant): Key | undefined {
  const v = c.value;
  switch (domain) {
    case "number":
      return typeof v === "number" && !Number.isNaN(v) ? v : undefined;
    case "boolean":
      return typeof v === "boolean" ? v : undefined;
    case "string":
    case "other":
      return typeof v === "string" ? v : undefined;
    case "guid":
      return typeof v === "string" ? v.toLowerCase() : undefined;
    case "instant": {
      const ms = typeof v === "number" ? v : typeof v === "string" ? instantMs(v) : Number.NaN;
      return Number.isNaN(ms) ? undefined : ms;
    }
    case "date": {
      if (c.domain === "instant" && typeof v === "number") return Number.isNaN(v) ? undefined : utcDayOf(v);
      if (typeof v !== "string") return undefined;
      if (v.length === 10) return isValidDateText(v) ? v : undefined;
      const ms = instantMs(v);
      return Number.isNaN(ms) ? undefined : utcDayOf(ms);
    }
    case "time":
      return typeof v === "string" && !Number.isNaN(timeSeconds(v)) ? timeSeconds(v) : undefined;
    case "duration":
      return typeof v === "string" && !Number.isNaN(durationSeconds(v)) ? durationSeconds(v) : undefined;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function testComparison(op: ComparisonOperator, c: number | undefined): boolean {
  switch (op) {
    case "eq":
      return c === 0;
    case "ne":
      return c !== 0;
    case "gt":
      return c !== undefined && c > 0;
    case "ge":
      return c !== undefined && c >= 0;
    case "lt":
      return c !== undefined && c < 0;
    case "le":
      return c !== undefined && c <= 0;
  }
}

/** `a op b` for two literals (null included), with the engine's null rules. */
export function foldComparison(op: ComparisonOperator, a: Constant | null, b: Constant | null): boolean {
  if (a === null || b === null) {
    const bothNull = a === null && b === null;
    return op === "eq" ? bothNull : op === "ne" ? !bothNull : false;
  }
  const domain = foldDomain(a.domain, b.domain);
  if (domain === undefined) return testComparison(op, undefined);
  const ka = keyIn(domain, a);
  const kb = keyIn(domain, b);
  return testComparison(op, ka === undefined || kb === undefined ? undefined : compareKeys(ka, kb));
}
