/**
 * Database values into the row contract (model/types.ts `EdmValue`): Int64 and Decimal as
 * numbers (pg returns them as strings), Date as `YYYY-MM-DD`, DateTimeOffset as
 * `toISOString()` text (both formatted by the select list, so no driver time zone applies),
 * booleans from SQLite's 0/1 and SQL Server's 1/0 (a `bit` arrives as a boolean already),
 * null for missing.
 */
import type { Row } from "@headgate/model";
import type { ColumnModel, Storage } from "./table-model.ts";

export function readNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  return null;
}

export function readValue(storage: Storage, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (storage) {
    case "int":
    case "bigint":
    case "decimal":
    case "double":
    case "float4":
      return readNumber(value);
    case "boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "number" || typeof value === "bigint") return Number(value) !== 0;
      return typeof value === "string" ? ["t", "true", "1", "y", "yes"].includes(value.toLowerCase()) : null;
    default:
      if (typeof value === "string") return value;
      if (value instanceof Date) return value.toISOString();
      return String(value);
  }
}

/** Reads a result record whose columns are aliased `c0`, `c1`... in the order of `columns`. */
export function rowReader(columns: readonly ColumnModel[]): (record: Record<string, unknown>) => Row {
  const aliases = columns.map((_, i) => `c${i}`);
  const properties = columns.map((c) => c.property);
  const storages = columns.map((c) => c.storage);
  // Called for every row of every page: plain indexed loops, no closure per column.
  return (record) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < properties.length; i++) {
      row[properties[i]!] = readValue(storages[i]!, record[aliases[i]!]);
    }
    return row;
  };
}
