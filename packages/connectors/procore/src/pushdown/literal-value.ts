/** The JavaScript value of a bound literal, in the form rows carry it. */
import type { Literal } from "@headgate/odata";

export function literalValue(literal: Literal): unknown {
  switch (literal.kind) {
    case "null":
      return null;
    case "integer":
      return Number(literal.value);
    case "decimal":
      return Number(literal.value);
    case "boolean":
    case "double":
    case "string":
    case "date":
    case "timeOfDay":
    case "dateTimeOffset":
    case "duration":
    case "guid":
    case "binary":
    case "enum":
      return literal.value;
    default:
      return undefined;
  }
}
