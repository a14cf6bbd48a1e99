/**
 * Terse property definitions for the Procore entity sets. Capabilities default to "nothing
 * pushed"; each entity set states exactly what its endpoint filters and sorts on.
 */
import type { EdmPrimitiveType, PropertyDef, PushableOperator } from "@headgate/model";

export interface PropertyOptions {
  readonly nullable?: boolean;
  readonly filter?: readonly PushableOperator[];
  readonly sortable?: boolean;
  readonly searchable?: boolean;
  readonly allowedValues?: readonly string[];
  readonly requiredInFilter?: boolean;
}

export function prop(
  name: string,
  type: EdmPrimitiveType,
  description: string,
  options: PropertyOptions = {},
): PropertyDef {
  return {
    name,
    type,
    nullable: options.nullable ?? true,
    description,
    ...(options.allowedValues ? { allowedValues: options.allowedValues } : {}),
    capabilities: {
      filter: options.filter ?? [],
      sortable: options.sortable ?? false,
      requiredInFilter: options.requiredInFilter ?? false,
      searchable: options.searchable ?? false,
    },
  };
}

/** Operators Procore's `filters[id]`-style id lists take. */
export const ID_FILTER: readonly PushableOperator[] = ["eq", "in"];
/** Operators a `filters[updated_at]=from...to` range takes. */
export const RANGE_FILTER: readonly PushableOperator[] = ["eq", "gt", "ge", "lt", "le"];

/**
 * UTC timestamps whose text already is (or, without milliseconds, nearly is) the canonical form.
 * Days past the 28th take the slow path: `Date.parse` rolls `02-30` over into March.
 */
const PLAIN_UTC =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/;

/** Procore timestamps (`2024-03-18T22:14:25Z`) in the model's canonical form. */
export function timestamp(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  // Reading thousands of rows, parsing and re-printing every timestamp costs more than the JSON.
  const plain = PLAIN_UTC.exec(value);
  if (plain) return plain[1] ? value : `${value.slice(0, 19)}.000Z`;
  const moment = Date.parse(value);
  return Number.isNaN(moment) ? null : new Date(moment).toISOString();
}

export function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function num(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

/** A nested object's field (`ball_in_court.name`), or null. */
export function nested(value: unknown, field: string): unknown {
  return typeof value === "object" && value !== null
    ? ((value as Record<string, unknown>)[field] ?? null)
    : null;
}
