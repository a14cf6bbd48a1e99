/**
 * The type facets $metadata states for a property. CSDL defaults differ from what Headgate rows
 * carry, so two facets are written even when the model leaves them out.
 */
import type { PropertyDef } from "./types.ts";

export interface CsdlFacets {
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number | "variable";
}

/**
 * - Decimal without a scale: CSDL reads a missing Scale as 0 (an integer), but Headgate decimals
 *   travel as doubles with any number of decimals, so the scale is `variable`.
 * - DateTimeOffset without a precision: CSDL reads a missing Precision as 0 (whole seconds), but
 *   rows carry `toISOString()` values with milliseconds, so the precision is 3.
 */
export function csdlFacets(property: PropertyDef): CsdlFacets {
  const scale = property.scale ?? (property.type === "Edm.Decimal" ? "variable" : undefined);
  const precision = property.precision ?? (property.type === "Edm.DateTimeOffset" ? 3 : undefined);
  return {
    ...(property.maxLength === undefined ? {} : { maxLength: property.maxLength }),
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
  };
}
