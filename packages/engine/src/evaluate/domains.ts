/**
 * Comparison domains: how two values are put side by side. The compiler picks a domain from the
 * operands' static kinds once; per row a value is turned into a key of that domain (a number, a
 * string or a boolean) and keys are compared. Values whose kind is unknown are compared by what
 * they look like (`dynamicEquals` / `dynamicCompare`).
 */
import { compareStrings } from "@headgate/odata";
import {
  durationSeconds,
  instantOf,
  isDateText,
  isDateTimeText,
  parseDate,
  timeOfDaySeconds,
  utcDateOf,
} from "./temporal.ts";
import type { ValueKind } from "./types.ts";

export type Domain =
  | "number"
  | "string"
  | "boolean"
  | "instant"
  | "date"
  | "timeOfDay"
  | "duration"
  | "guid"
  | "enum"
  | "dynamic";

export type Key = number | string | boolean;

const DOMAIN_OF_KIND: Readonly<Record<ValueKind, Domain>> = {
  null: "dynamic",
  unknown: "dynamic",
  boolean: "boolean",
  string: "string",
  integer: "number",
  decimal: "number",
  double: "number",
  date: "date",
  timeOfDay: "timeOfDay",
  dateTimeOffset: "instant",
  duration: "duration",
  guid: "guid",
  enum: "enum",
  binary: "string",
  geo: "dynamic",
};

export function domainOfKind(kind: ValueKind): Domain {
  return DOMAIN_OF_KIND[kind];
}

/** Domains whose values travel as strings with a typed reading (ISO texts, GUIDs, enum names). */
const TEXTUAL: ReadonlySet<Domain> = new Set(["date", "instant", "timeOfDay", "duration", "guid", "enum"]);

/**
 * The domain two operands are compared in. An untyped side takes the other side's domain; a
 * plain string against a typed text (a GUID, a date) is read as that type, as the binder's
 * literal coercion would. Date against DateTimeOffset compares calendar days: see
 * `compile-comparison.ts` for the rule.
 */
export function comparisonDomain(a: ValueKind, b: ValueKind): Domain {
  const da = domainOfKind(a);
  const db = domainOfKind(b);
  if (da === "dynamic") return db;
  if (db === "dynamic" || da === db) return da;
  if ((da === "date" && db === "instant") || (da === "instant" && db === "date")) return "date";
  if (da === "string" && TEXTUAL.has(db)) return db;
  if (db === "string" && TEXTUAL.has(da)) return da;
  return "dynamic";
}

function normalizeFlags(text: string): string {
  return text.includes(",")
    ? text
        .split(",")
        .map((flag) => flag.trim())
        .join(",")
    : text.trim();
}

/** The value read in `domain`, or undefined when it cannot be (wrong type, malformed, NaN). */
export function keyOf(domain: Domain, value: unknown): Key | undefined {
  switch (domain) {
    case "number":
      return typeof value === "number" ? (Number.isNaN(value) ? undefined : value) : undefined;
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "instant":
      return definedNumber(instantOf(value));
    case "date":
      return dateKey(value);
    case "timeOfDay":
      return typeof value === "string" ? definedNumber(timeOfDaySeconds(value)) : undefined;
    case "duration":
      return typeof value === "string" ? definedNumber(durationSeconds(value)) : undefined;
    case "guid":
      return typeof value === "string" ? value.toLowerCase() : undefined;
    case "enum":
      return typeof value === "string"
        ? normalizeFlags(value)
        : typeof value === "number"
          ? value
          : undefined;
    case "dynamic":
      return undefined;
  }
}

function definedNumber(n: number): number | undefined {
  return Number.isNaN(n) ? undefined : n;
}

/** A Date text as is; a DateTimeOffset reduced to its UTC calendar day. */
export function dateKey(value: unknown): string | undefined {
  if (typeof value === "string" && value.length === 10)
    return parseDate(value) === undefined ? undefined : value;
  const ms = instantOf(value);
  return Number.isNaN(ms) ? undefined : utcDateOf(ms);
}

export function compareKeys(a: Key, b: Key): number {
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  // Keys of one domain share a type, except enums (names or numbers); rank those by type.
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function looksLikeDuration(text: string): boolean {
  return text.startsWith("P") || text.startsWith("-P");
}

function looksLikeTime(text: string): boolean {
  return text.length >= 5 && text.length <= 30 && text[2] === ":";
}

function looksLikeGuid(text: string): boolean {
  return text.length === 36 && text[8] === "-" && text[13] === "-";
}

/** Two strings of unknown type: compared as the temporal type both look like, else ordinally. */
function compareTexts(a: string, b: string): number {
  const typed = compareTyped(a, b);
  return typed === undefined ? compareStrings(a, b) : typed;
}

function compareTyped(a: string, b: string): number | undefined {
  if (isDateTimeText(a) || isDateTimeText(b)) return compareInstantTexts(a, b);
  if (looksLikeDuration(a) && looksLikeDuration(b))
    return compareNumbers(durationSeconds(a), durationSeconds(b));
  if (looksLikeTime(a) && looksLikeTime(b)) return compareNumbers(timeOfDaySeconds(a), timeOfDaySeconds(b));
  if (looksLikeGuid(a) && looksLikeGuid(b)) return compareStrings(a.toLowerCase(), b.toLowerCase());
  return undefined;
}

function compareInstantTexts(a: string, b: string): number | undefined {
  if (isDateText(a) || isDateText(b)) {
    const da = dateKey(a);
    const db = dateKey(b);
    return da === undefined || db === undefined ? undefined : compareStrings(da, db);
  }
  return compareNumbers(instantOf(a), instantOf(b));
}

function compareNumbers(a: number, b: number): number | undefined {
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** `eq` between values of unknown type (OData Part 2 §5.1.1.1.1); null equals only null. */
export function dynamicEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  if (typeof a === "string" && typeof b === "string") return compareTyped(a, b) === 0;
  if (typeof a === "object" && typeof b === "object") return structurallyEqual(a, b);
  return false;
}

/**
 * Order between values of unknown type, or undefined when they are not comparable (null, NaN,
 * different types): `gt`/`lt` then answer false.
 */
export function dynamicCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") return compareTexts(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Date || b instanceof Date) return compareNumbers(instantOf(a), instantOf(b));
  return undefined;
}

/**
 * Complex values and ordered collections are equal when they have the same structure and
 * equal members (OData Part 2 §5.1.1.1.1).
 */
function structurallyEqual(a: object, b: object): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => dynamicEquals(item, b[i]));
  }
  if (a instanceof Date || b instanceof Date) return instantOf(a) === instantOf(b);
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && dynamicEquals(ra[k], rb[k]));
}
