/**
 * Ordering the connector applies itself when Procore cannot (several projects, or more keys
 * than the endpoint sorts by). Only properties advertised as sortable reach here: integer ids
 * and non-null timestamps, whose order is unambiguous. The sort is stable.
 */
import type { ScanOrder } from "@headgate/connector-kit";
import type { Row } from "@headgate/model";

export function sortRowsBy(rows: Row[], order: readonly ScanOrder[]): Row[] {
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    const [x, y] = [Date.parse(String(a)), Date.parse(String(b))];
    if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x - y;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  };
  return rows.sort((left, right) => {
    for (const { property, direction } of order) {
      const result = compare(left[property], right[property]);
      if (result !== 0) return direction === "asc" ? result : -result;
    }
    return 0;
  });
}

/** Procore sort parameters for `order`, or undefined when the endpoint cannot express all of it. */
export function sortParams(
  spec: { style: "list" | "attribute"; fields: readonly string[] } | undefined,
  order: readonly ScanOrder[] | undefined,
): [string, string][] | undefined {
  if (!order || order.length === 0) return [];
  if (!spec || order.some((o) => !spec.fields.includes(o.property))) return undefined;
  if (spec.style === "list")
    return [["sort", order.map((o) => (o.direction === "desc" ? `-${o.property}` : o.property)).join(",")]];
  const [only] = order;
  if (order.length !== 1 || !only) return undefined;
  return [
    ["sort[attribute]", only.property],
    ["sort[direction]", only.direction],
  ];
}
