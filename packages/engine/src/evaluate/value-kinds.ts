/**
 * Static kinds: what the compiler knows about a node's values before seeing a row, from the
 * binder's property types and from literals. Also the literal conversions done once at compile
 * time, and the decimal-scale arithmetic used to keep decimal results free of binary residue.
 */
import type { EdmPrimitiveType } from "@headgate/model";
import type { Literal } from "@headgate/odata";
import type { ValueKind } from "./types.ts";

const KIND_OF_EDM_TYPE: Readonly<Record<EdmPrimitiveType, ValueKind>> = {
  "Edm.String": "string",
  "Edm.Boolean": "boolean",
  "Edm.Int32": "integer",
  "Edm.Int64": "integer",
  "Edm.Decimal": "decimal",
  "Edm.Double": "double",
  "Edm.Date": "date",
  "Edm.TimeOfDay": "timeOfDay",
  "Edm.DateTimeOffset": "dateTimeOffset",
  "Edm.Duration": "duration",
  "Edm.Guid": "guid",
  "Edm.GeographyPoint": "geo",
  "Edm.GeographyPolygon": "geo",
};

export function kindOfEdmType(type: EdmPrimitiveType | undefined): ValueKind {
  return type === undefined ? "unknown" : KIND_OF_EDM_TYPE[type];
}

export interface LiteralValue {
  readonly value: unknown;
  readonly kind: ValueKind;
  readonly geoFamily?: "geography" | "geometry";
}

/**
 * A literal in its row representation (the EdmValue contract), so a literal and a property
 * value of the same type look alike. Integers become numbers because rows carry Int64 as
 * numbers too: beyond 2^53 both sides are the same double, so comparisons stay consistent.
 */
export function literalValue(literal: Literal): LiteralValue {
  switch (literal.kind) {
    case "null":
      return { value: null, kind: "null" };
    case "boolean":
      return { value: literal.value, kind: "boolean" };
    case "integer":
      return { value: Number(literal.value), kind: "integer" };
    case "decimal":
      return { value: Number(literal.value), kind: "decimal" };
    case "double":
      return { value: literal.value, kind: "double" };
    case "string":
      return { value: literal.value, kind: "string" };
    case "enum":
      return { value: literal.value, kind: "enum" };
    case "geo":
      return { value: literal.shape, kind: "geo", geoFamily: literal.family };
    default:
      // date, timeOfDay, dateTimeOffset, duration, guid, binary: ISO / canonical text.
      return { value: literal.value, kind: literal.kind };
  }
}

export function isNumericKind(kind: ValueKind): boolean {
  return kind === "integer" || kind === "decimal" || kind === "double";
}

/** Numeric promotion (OData Part 2 §5.1.1, numeric promotion): the wider operand wins. */
export function promoteNumeric(a: ValueKind, b: ValueKind): ValueKind {
  if (a === "double" || b === "double") return "double";
  if (a === "unknown" || b === "unknown") return a === "decimal" || b === "decimal" ? "decimal" : "unknown";
  if (a === "decimal" || b === "decimal") return "decimal";
  return "integer";
}

/**
 * Digits after the decimal point in the shortest text that reads back as `n` (what a person
 * would have written), e.g. 0.1 -> 1, 1.25 -> 2, 1e-7 -> 7.
 */
export function decimalScale(n: number): number {
  if (Number.isInteger(n) || !Number.isFinite(n)) return 0;
  const text = String(n);
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf(".");
  const scale = dot < 0 ? 0 : mantissa.length - dot - 1;
  return e < 0 ? scale : Math.max(0, scale - Number(text.slice(e + 1)));
}

/**
 * Rounds a decimal result to the scale its exact decimal value must have (e.g. the larger scale
 * of two addends), which removes binary residue such as 0.1 + 0.2 = 0.30000000000000004.
 * Beyond 15 digits a double carries no such residue worth removing, so it is left alone.
 */
export function roundToScale(x: number, scale: number): number {
  if (!Number.isFinite(x) || scale > 15) return x;
  return Number(x.toFixed(scale));
}
