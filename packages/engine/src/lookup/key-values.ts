/**
 * A key value must be exactly one value of its property's EDM type: a key lookup that quietly
 * compared a string with a number would answer "not found" instead of telling the caller what
 * to write. This file fits a literal (parsed from URL text or made from JSON) to a key
 * property's type, or says which literal form the property expects.
 */
import type { EdmPrimitiveType, PropertyDef } from "@headgate/model";
import type { Literal, LiteralKind } from "@headgate/odata";
import { coerceLiteral } from "../bind/coerce-literal.ts";
import { EngineError } from "../errors.ts";

/** A key JSON value, as tools and request bodies carry it. */
export type KeyJsonValue = string | number | boolean | null;

const EXAMPLES: Record<EdmPrimitiveType, string> = {
  "Edm.String": "a string in single quotes, e.g. 'A-100' (double a quote inside: 'O''Neil')",
  "Edm.Boolean": "true or false",
  "Edm.Int32": "an integer, e.g. 42",
  "Edm.Int64": "an integer, e.g. 42",
  "Edm.Decimal": "a number, e.g. 12.5",
  "Edm.Double": "a number, e.g. 12.5",
  "Edm.Date": "a date, e.g. 2024-01-31",
  "Edm.TimeOfDay": "a time of day, e.g. 13:20:00",
  "Edm.DateTimeOffset": "a timestamp, e.g. 2024-01-31T13:20:00Z",
  "Edm.Duration": "a duration, e.g. duration'P1DT2H'",
  "Edm.Guid": "a GUID, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e",
  "Edm.GeographyPoint": "(geography values cannot be keys)",
  "Edm.GeographyPolygon": "(geography values cannot be keys)",
};

const FITTING_KINDS: Record<EdmPrimitiveType, readonly LiteralKind[]> = {
  "Edm.String": ["string"],
  "Edm.Boolean": ["boolean"],
  "Edm.Int32": ["integer"],
  "Edm.Int64": ["integer"],
  "Edm.Decimal": ["integer", "decimal", "double"],
  "Edm.Double": ["integer", "decimal", "double"],
  "Edm.Date": ["date"],
  "Edm.TimeOfDay": ["timeOfDay"],
  "Edm.DateTimeOffset": ["dateTimeOffset"],
  "Edm.Duration": ["duration"],
  "Edm.Guid": ["guid"],
  "Edm.GeographyPoint": [],
  "Edm.GeographyPolygon": [],
};

const RANGES: Partial<Record<EdmPrimitiveType, readonly [bigint, bigint]>> = {
  "Edm.Int32": [-(2n ** 31n), 2n ** 31n - 1n],
  "Edm.Int64": [-(2n ** 63n), 2n ** 63n - 1n],
};

/** The literal form a key property expects, for error messages. */
export function expectedKeyForm(property: PropertyDef): string {
  return `key property '${property.name}' is ${property.type}: write ${EXAMPLES[property.type]}`;
}

/** `invalid key (23-104) for 'CostCodes': <reason>`: the key as given, so the caller sees which. */
export function invalidKey(entitySet: string, quotedKey: string, reason: string): EngineError {
  return new EngineError("InvalidKey", `invalid key ${quotedKey} for '${entitySet}': ${reason}`, entitySet);
}

/** The literal as the property's type wants it, or the `refuse`d error naming the form. */
export function fitKeyLiteral(
  refuse: (reason: string) => EngineError,
  property: PropertyDef,
  literal: Literal,
): Literal {
  if (literal.kind === "null") throw refuse(`a key value cannot be null; ${expectedKeyForm(property)}`);
  const fitted = coerceLiteral(literal, property.type);
  if (
    fitted === undefined ||
    !FITTING_KINDS[property.type].includes(fitted.kind) ||
    !inRange(fitted, property.type)
  )
    throw refuse(expectedKeyForm(property));
  return fitted;
}

function inRange(literal: Literal, type: EdmPrimitiveType): boolean {
  const range = RANGES[type];
  if (range === undefined || literal.kind !== "integer") return true;
  return literal.value >= range[0] && literal.value <= range[1];
}

/** A JSON key value as a literal, before fitting: numbers keep their exactness where they can. */
export function literalOfJson(value: KeyJsonValue): Literal {
  if (value === null) return { kind: "null" };
  if (typeof value === "string") return { kind: "string", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (Number.isSafeInteger(value)) return { kind: "integer", value: BigInt(value) };
  const text = String(value);
  return /^-?\d+\.\d+$/.test(text) ? { kind: "decimal", value: text } : { kind: "double", value };
}
