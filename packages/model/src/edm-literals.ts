/**
 * Literal forms of EDM primitive values as they are written in a model (allowed values are
 * strings whatever the property type) and in CSDL constant expressions.
 */
import type { EdmPrimitiveType } from "./types.ts";

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?$/;
const DATE_TIME_OFFSET =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DURATION = /^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const INT32_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const INT64_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;

function isIntegerIn(text: string, [min, max]: readonly [bigint, bigint]): boolean {
  if (!INTEGER.test(text)) return false;
  const value = BigInt(text);
  return value >= min && value <= max;
}

/** Types whose values a model can list as text (allowed values) and CSDL can state as constants. */
export type EdmLiteralType = Exclude<EdmPrimitiveType, "Edm.GeographyPoint" | "Edm.GeographyPolygon">;

/** Geography values are GeoJSON objects: they have no short literal a model could list. */
export function hasLiteralForm(type: EdmPrimitiveType): type is EdmLiteralType {
  return type !== "Edm.GeographyPoint" && type !== "Edm.GeographyPolygon";
}

/** Whether `text` is a valid literal of `type` in the OData primitive value syntax. */
export function isEdmLiteral(type: EdmLiteralType, text: string): boolean {
  switch (type) {
    case "Edm.String":
      return true;
    case "Edm.Boolean":
      return text === "true" || text === "false";
    case "Edm.Int32":
      return isIntegerIn(text, INT32_RANGE);
    case "Edm.Int64":
      return isIntegerIn(text, INT64_RANGE);
    case "Edm.Decimal":
      return DECIMAL.test(text);
    case "Edm.Double":
      return DECIMAL.test(text) || text === "INF" || text === "-INF" || text === "NaN";
    case "Edm.Date":
      return DATE.test(text);
    case "Edm.TimeOfDay":
      return TIME.test(text);
    case "Edm.DateTimeOffset":
      return DATE_TIME_OFFSET.test(text);
    case "Edm.Duration":
      return DURATION.test(text);
    case "Edm.Guid":
      return GUID.test(text);
  }
}
