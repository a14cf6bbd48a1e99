/**
 * ORDER BY with the engine's order (compare-values.ts): nulls first ascending and last
 * descending, text by code point, instants as instants. The key columns follow as tie-breakers,
 * so equal rows come back in one stable order and LIMIT/OFFSET pages neither repeat nor skip
 * rows. (The engine keeps ties in the order the connector delivered them; this connector
 * delivers them in key order.)
 */
import type { ScanOrder } from "@headgate/connector-kit";
import { unsupported } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { raw, type SqlFragment, sql } from "./sql-fragment.ts";
import type { TableModel } from "./table-model.ts";

const ASCENDING = raw("ASC NULLS FIRST");
const DESCENDING = raw("DESC NULLS LAST");

export function compileSqlOrder(
  order: readonly ScanOrder[] | undefined,
  table: TableModel,
  dialect: SqlDialect,
): SqlFragment[] {
  const items: SqlFragment[] = [];
  const ordered = new Set<string>();
  for (const item of order ?? []) {
    const column = table.columns.get(item.property);
    if (column === undefined) throw unsupported(`ordering by '${item.property}'`);
    items.push(sql`${dialect.sortKey(column)} ${item.direction === "desc" ? DESCENDING : ASCENDING}`);
    ordered.add(column.property);
  }
  for (const column of table.key) {
    if (!ordered.has(column.property)) items.push(sql`${dialect.sortKey(column)} ${ASCENDING}`);
  }
  return items;
}
