/**
 * OData 4.01 lets a client write a string literal where another primitive is expected
 * (`Id eq '0f8f...'`, `StartDate ge '2024-03-01'`), and a date where a date-time is expected.
 * The binder turns such literals into the property's own literal kind, so connectors and the
 * evaluator only ever see well-typed literals.
 */

import type { EdmPrimitiveType } from "@headgate/model";
import type { Literal } from "@headgate/odata";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;

function isValidDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

function fromString(value: string, target: EdmPrimitiveType): Literal | undefined {
  switch (target) {
    case "Edm.Guid":
      return GUID.test(value) ? { kind: "guid", value: value.toLowerCase() } : undefined;
    case "Edm.Date":
      return DATE.test(value) && isValidDate(value) ? { kind: "date", value } : undefined;
    case "Edm.TimeOfDay":
      return TIME.test(value) ? { kind: "timeOfDay", value } : undefined;
    case "Edm.DateTimeOffset":
      if (DATE.test(value) && isValidDate(value))
        return { kind: "dateTimeOffset", value: `${value}T00:00:00Z` };
      return INSTANT.test(value) && !Number.isNaN(Date.parse(value))
        ? { kind: "dateTimeOffset", value }
        : undefined;
    case "Edm.Duration":
      return DURATION.test(value) && value !== "P" ? { kind: "duration", value } : undefined;
    case "Edm.Int32":
    case "Edm.Int64":
      return /^-?\d+$/.test(value) ? { kind: "integer", value: BigInt(value) } : undefined;
    case "Edm.Decimal":
    case "Edm.Double":
      return NUMBER.test(value) ? { kind: "decimal", value } : undefined;
    default:
      return undefined;
  }
}

/**
 * The literal as the target type wants it, or `undefined` when it cannot be one. Literals that
 * already fit are returned unchanged.
 */
export function coerceLiteral(literal: Literal, target: EdmPrimitiveType): Literal | undefined {
  if (literal.kind === "string" && target !== "Edm.String") return fromString(literal.value, target);
  if (literal.kind === "enum" && target === "Edm.String") return { kind: "string", value: literal.value };
  if (literal.kind === "date" && target === "Edm.DateTimeOffset") {
    return { kind: "dateTimeOffset", value: `${literal.value}T00:00:00Z` };
  }
  return literal;
}
