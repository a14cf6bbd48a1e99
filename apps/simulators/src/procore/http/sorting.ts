/**
 * Sorting as the endpoints that support it accept it: `sort=name,-updated_at` (comma-separated,
 * `-` for descending) on most, `sort[attribute]=...&sort[direction]=asc|desc` on RFIs. Unknown
 * attributes are refused with a 400 rather than silently ignored, so a connector finds out here.
 */
import { badRequest } from "./procore-error.ts";
import type { QueryParams } from "./query-params.ts";

export interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

export interface SortSpec {
  readonly style: "list" | "attribute";
  readonly fields: readonly string[];
}

export function parseSort(query: QueryParams, spec: SortSpec): SortKey[] {
  const keys = spec.style === "list" ? listKeys(query) : attributeKeys(query);
  for (const key of keys) {
    if (!spec.fields.includes(key.field)) {
      throw badRequest(`Invalid sort attribute '${key.field}'. Valid attributes: ${spec.fields.join(", ")}`);
    }
  }
  return keys;
}

function listKeys(query: QueryParams): SortKey[] {
  const raw = query.value("sort");
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) =>
      part.startsWith("-") ? { field: part.slice(1), descending: true } : { field: part, descending: false },
    );
}

function attributeKeys(query: QueryParams): SortKey[] {
  const field = query.value("sort[attribute]");
  if (field === undefined) return [];
  const direction = (query.value("sort[direction]") ?? "asc").toLowerCase();
  if (direction !== "asc" && direction !== "desc") throw badRequest(`Invalid sort direction '${direction}'`);
  return [{ field, descending: direction === "desc" }];
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = String(a);
  const right = String(b);
  if (NUMERIC.test(left) && NUMERIC.test(right)) return Number(left) - Number(right);
  return left.localeCompare(right, "en", { sensitivity: "base" });
}

/** Sorted copy; ties keep the incoming (id) order. Nulls sort last in either direction. */
export function sortItems<T>(items: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...items];
  const field = (item: T, name: string) => (item as Record<string, unknown>)[name];
  return [...items].sort((x, y) => {
    for (const { field: name, descending } of keys) {
      const a = field(x, name);
      const b = field(y, name);
      if (a === null || a === undefined || b === null || b === undefined) {
        const order = compareValues(a, b);
        if (order !== 0) return order;
        continue;
      }
      const order = compareValues(a, b);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}
