/**
 * A scan as the cache holds it: its rows (columnar, so each property name is stored once), the
 * count the connector reported, and when the upstream was read. Only rows of plain JSON values
 * are kept; a scan holding anything else (bigints, dates, buffers from a database driver) is
 * answered live rather than changed on its way through the cache.
 */
import type { JsonValue } from "@headgate/cache";
import type { Row } from "@headgate/model";

export interface CachedScan {
  readonly rows: readonly Row[];
  readonly count?: number;
  /** Epoch ms of the upstream state the rows show (the last read, whole or of changes). */
  readonly fetchedAt: number;
  /** Epoch ms when the rows were last read whole (incremental refreshes keep it). */
  readonly readWholeAt: number;
}

const FORMAT = 2;

/** The entry to store, or undefined when a row holds a value JSON would change. */
export function encodeCachedScan(scan: CachedScan): JsonValue | undefined {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of scan.rows)
    for (const name of Object.keys(row))
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
  const values: JsonValue[][] = [];
  for (const row of scan.rows) {
    const out: JsonValue[] = [];
    for (const name of columns) {
      if (!(name in row)) return undefined;
      const value = row[name];
      if (!isPlainJson(value)) return undefined;
      out.push(value);
    }
    values.push(out);
  }
  return {
    format: FORMAT,
    fetchedAt: scan.fetchedAt,
    readWholeAt: scan.readWholeAt,
    columns,
    values,
    ...(scan.count === undefined ? {} : { count: scan.count }),
  };
}

/** The cached scan, or undefined for an entry of another format or shape (read live instead). */
export function decodeCachedScan(value: JsonValue | undefined): CachedScan | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entry = value as Record<string, JsonValue>;
  const { columns, values, fetchedAt, readWholeAt, count } = entry;
  if (entry.format !== FORMAT || typeof fetchedAt !== "number" || typeof readWholeAt !== "number")
    return undefined;
  if (!Array.isArray(columns) || !Array.isArray(values)) return undefined;
  const names = columns as readonly string[];
  const rows = (values as readonly JsonValue[][]).map((cells) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = cells[i];
    return row;
  });
  return { rows, fetchedAt, readWholeAt, ...(typeof count === "number" ? { count } : {}) };
}

function isPlainJson(value: unknown): value is JsonValue {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isPlainJson);
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      return Object.values(value).every(isPlainJson);
    default:
      return false;
  }
}
