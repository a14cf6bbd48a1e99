/**
 * Which EDM types go together, and how a person should write a literal of each type. Used by the
 * binder to reject `Amount eq 'abc'` with a message that shows the right form.
 */

import type { EdmPrimitiveType } from "@headgate/model";
import type { Literal } from "@headgate/odata";

/** The type of an expression, `null` for the null literal (compatible with every type). */
export type ValueType = EdmPrimitiveType | "null";

export type TypeFamily =
  | "number"
  | "string"
  | "boolean"
  | "date"
  | "time"
  | "instant"
  | "duration"
  | "guid"
  | "geo";

const FAMILY: Record<EdmPrimitiveType, TypeFamily> = {
  "Edm.String": "string",
  "Edm.Boolean": "boolean",
  "Edm.Int32": "number",
  "Edm.Int64": "number",
  "Edm.Decimal": "number",
  "Edm.Double": "number",
  "Edm.Date": "date",
  "Edm.TimeOfDay": "time",
  "Edm.DateTimeOffset": "instant",
  "Edm.Duration": "duration",
  "Edm.Guid": "guid",
  "Edm.GeographyPoint": "geo",
  "Edm.GeographyPolygon": "geo",
};

export function familyOf(type: EdmPrimitiveType): TypeFamily {
  return FAMILY[type];
}

export function isNumeric(type: ValueType): boolean {
  return type !== "null" && FAMILY[type] === "number";
}

export function isIntegral(type: ValueType): boolean {
  return type === "Edm.Int32" || type === "Edm.Int64";
}

/** Two types can be compared with `eq`/`lt`/...: same family, or one side null. A Date may be
 * compared with a DateTimeOffset (the date means its midnight UTC). */
export function comparable(a: ValueType, b: ValueType): boolean {
  if (a === "null" || b === "null") return true;
  const fa = FAMILY[a];
  const fb = FAMILY[b];
  if (fa === fb) return fa !== "geo";
  return (fa === "date" && fb === "instant") || (fa === "instant" && fb === "date");
}

export function literalType(literal: Literal): ValueType {
  switch (literal.kind) {
    case "null":
      return "null";
    case "boolean":
      return "Edm.Boolean";
    case "integer":
      return "Edm.Int64";
    case "decimal":
      return "Edm.Decimal";
    case "double":
      return "Edm.Double";
    case "string":
    case "enum":
    case "binary":
      return "Edm.String";
    case "date":
      return "Edm.Date";
    case "timeOfDay":
      return "Edm.TimeOfDay";
    case "dateTimeOffset":
      return "Edm.DateTimeOffset";
    case "duration":
      return "Edm.Duration";
    case "guid":
      return "Edm.Guid";
    case "geo":
      return literal.shape.type === "Point" ? "Edm.GeographyPoint" : "Edm.GeographyPolygon";
  }
}

const EXAMPLES: Record<TypeFamily, string> = {
  number: "a number without quotes, like 1250.50",
  string: "text in single quotes, like 'open' (double a quote inside: 'O''Neil')",
  boolean: "true or false",
  date: "a date without quotes, like 2024-03-01",
  time: "a time of day without quotes, like 13:30:00",
  instant: "a date-time without quotes, like 2024-03-01T00:00:00Z (or a date like 2024-03-01)",
  duration: "a duration like duration'P1DT2H'",
  guid: "a GUID without quotes, like 01234567-89ab-cdef-0123-456789abcdef",
  geo: "a geography literal like geography'SRID=4326;POINT(-122.3 47.6)'",
};

export function literalExample(type: EdmPrimitiveType): string {
  return EXAMPLES[FAMILY[type]];
}

const OPERATORS: Record<TypeFamily, string> = {
  number: "eq, ne, gt, ge, lt, le, in, add, sub, mul, div, divby, mod, round, floor, ceiling",
  string:
    "eq, ne, gt, ge, lt, le, in, contains, startswith, endswith, indexof, length, tolower, toupper, trim, concat, substring, matchesPattern",
  boolean: "eq, ne, and, or, not",
  date: "eq, ne, gt, ge, lt, le, in, year, month, day",
  time: "eq, ne, gt, ge, lt, le, hour, minute, second",
  instant: "eq, ne, gt, ge, lt, le, year, month, day, hour, minute, second, date, time",
  duration: "eq, ne, gt, ge, lt, le, totalseconds",
  guid: "eq, ne, in",
  geo: "geo.distance, geo.intersects, geo.length",
};

/** The operators and functions that work on a type, for error messages. */
export function operatorsFor(type: EdmPrimitiveType): string {
  return OPERATORS[FAMILY[type]];
}
