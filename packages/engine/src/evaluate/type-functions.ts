/**
 * `cast` and `isof` for primitive types, by the assignment rules of OData Part 2 §5.1.1.10.1:
 * null casts to any type; primitives cast to Edm.String in their literal form (WKT for geo);
 * a string casts to a type whose literal it contains; numbers cast to each other with rounding
 * (half away from zero) and fail when the integer part does not fit; a date-time string without
 * an offset is read as UTC. A failed cast is null.
 *
 * `isof(x, T)` is "x is assignable to T by those rules" (§5.1.1.10.2): so `isof(null, T)` is
 * true and `isof(3.7, Edm.Int32)` is true (3.7 rounds to 4, which fits). It never yields null.
 * Entity and complex type names are not supported here (501).
 */
import { ODataNotImplementedError } from "@headgate/odata";
import { fold, predicateNode, valueNode } from "./nodes.ts";
import { roundHalfAwayFromZero } from "./numeric-functions.ts";
import { durationSeconds, parseDate, parseDateTime, parseTimeOfDay } from "./temporal.ts";
import type { Compiled, ValueKind } from "./types.ts";

type Cast = (value: unknown, from: ValueKind) => unknown;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const DOUBLE = /^([+-]?\d+(\.\d+)?([eE][+-]?\d+)?|-?INF|NaN)$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_WITHOUT_OFFSET = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/i;

function readNumber(value: unknown, literal: RegExp): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !literal.test(value)) return null;
  if (value.endsWith("INF"))
    return value.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number(value);
}

function integerCast(min: number, max: number): Cast {
  return (value) => {
    const n = readNumber(value, typeof value === "string" ? INTEGER : DOUBLE);
    if (n === null || !Number.isFinite(n)) return null;
    const r = roundHalfAwayFromZero(n);
    return r >= min && r <= max ? r : null;
  };
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "INF" : "-INF";
  return String(n);
}

function wktPositions(positions: unknown): string {
  return Array.isArray(positions)
    ? positions.map((p) => (Array.isArray(p) ? p.slice(0, 2).join(" ") : "")).join(",")
    : "";
}

function wkt(value: object): string | null {
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === "Point" && Array.isArray(coordinates)) return `POINT(${coordinates.slice(0, 2).join(" ")})`;
  if (type === "LineString") return `LINESTRING(${wktPositions(coordinates)})`;
  if (type === "Polygon" && Array.isArray(coordinates)) {
    return `POLYGON(${coordinates.map((ring) => `(${wktPositions(ring)})`).join(",")})`;
  }
  return null;
}

function toText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberLiteral(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object" && value !== null) return wkt(value);
  return null;
}

function textCast(valid: (text: string) => boolean): Cast {
  return (value) => (typeof value === "string" && valid(value) ? value : null);
}

function geoCast(type: string): Cast {
  return (value) =>
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === type ? value : null;
}

const CASTS: Readonly<Record<string, Cast>> = {
  "Edm.String": toText,
  "Edm.Boolean": (value) => {
    if (typeof value === "boolean") return value;
    const text = typeof value === "string" ? value.toLowerCase() : "";
    return text === "true" ? true : text === "false" ? false : null;
  },
  "Edm.Byte": integerCast(0, 255),
  "Edm.SByte": integerCast(-128, 127),
  "Edm.Int16": integerCast(-32_768, 32_767),
  "Edm.Int32": integerCast(-2_147_483_648, 2_147_483_647),
  // Int64 bounds as doubles: rows carry Int64 as numbers.
  "Edm.Int64": integerCast(-(2 ** 63), 2 ** 63),
  "Edm.Decimal": (value) => {
    const n = readNumber(value, DECIMAL);
    return n !== null && Number.isFinite(n) ? n : null;
  },
  "Edm.Double": (value) => readNumber(value, DOUBLE),
  "Edm.Single": (value) => readNumber(value, DOUBLE),
  "Edm.Date": textCast((text) => text.length === 10 && parseDate(text) !== undefined),
  "Edm.TimeOfDay": textCast((text) => parseTimeOfDay(text) !== undefined),
  "Edm.Duration": textCast((text) => !Number.isNaN(durationSeconds(text))),
  "Edm.DateTimeOffset": (value) => {
    if (typeof value !== "string") return null;
    if (parseDateTime(value) !== undefined) return value;
    return DATE_TIME_WITHOUT_OFFSET.test(value) && parseDateTime(`${value}Z`) !== undefined
      ? `${value}Z`
      : null;
  },
  "Edm.Guid": (value) => (typeof value === "string" && GUID.test(value) ? value.toLowerCase() : null),
  "Edm.GeographyPoint": geoCast("Point"),
  "Edm.GeographyPolygon": geoCast("Polygon"),
  "Edm.GeographyLineString": geoCast("LineString"),
  "Edm.GeometryPoint": geoCast("Point"),
  "Edm.GeometryPolygon": geoCast("Polygon"),
  "Edm.GeometryLineString": geoCast("LineString"),
};

const KIND_OF_TARGET: Readonly<Record<string, ValueKind>> = {
  "Edm.String": "string",
  "Edm.Boolean": "boolean",
  "Edm.Decimal": "decimal",
  "Edm.Double": "double",
  "Edm.Single": "double",
  "Edm.Date": "date",
  "Edm.TimeOfDay": "timeOfDay",
  "Edm.Duration": "duration",
  "Edm.DateTimeOffset": "dateTimeOffset",
  "Edm.Guid": "guid",
};

function castFor(typeName: string, operation: "cast" | "isof"): Cast {
  const cast = CASTS[typeName];
  if (cast === undefined) {
    throw new ODataNotImplementedError(operation, `only primitive Edm types are supported, not ${typeName}`);
  }
  return cast;
}

function targetKind(typeName: string): ValueKind {
  if (typeName.startsWith("Edm.Geo")) return "geo";
  return KIND_OF_TARGET[typeName] ?? (/^Edm\.(S?Byte|Int\d+)$/.test(typeName) ? "integer" : "unknown");
}

export function compileCast(operand: Compiled, typeName: string): Compiled {
  const cast = castFor(typeName, "cast");
  const get = operand.evaluate;
  const from = operand.kind;
  return fold(
    valueNode((row) => {
      const v = get(row);
      return v == null ? null : cast(v, from);
    }, targetKind(typeName)),
    [operand],
  );
}

export function compileIsOf(operand: Compiled, typeName: string): Compiled {
  const cast = castFor(typeName, "isof");
  const get = operand.evaluate;
  const from = operand.kind;
  return fold(
    predicateNode((row) => {
      const v = get(row);
      return v == null || cast(v, from) !== null;
    }),
    [operand],
  );
}
