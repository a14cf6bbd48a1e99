/**
 * ORDER BY with the engine's order (compare-values.ts): nulls first ascending and last
 * descending (spelled out where the dialect needs it, only for values that can be null), text
 * by code point, instants as instants. The key columns follow as tie-breakers, so equal rows
 * come back in one stable order and pages neither repeat nor skip rows. (The engine keeps ties
 * in the order the connector delivered them; this connector delivers them in key order.)
 */
import type { ScanOrder } from "@headgate/connector-kit";
import { unsupported } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { type SqlFragment, sql } from "./sql-fragment.ts";
import type { TableModel } from "./table-model.ts";

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
    // A repeated property cannot change the order (SQL Server even refuses it twice).
    if (ordered.has(column.property)) continue;
    const descending = item.direction === "desc";
    items.push(
      sql`${dialect.sortKey(column)} ${dialect.sortDirection(descending, column.nullable !== false)}`,
    );
    ordered.add(column.property);
  }
  for (const column of table.key) {
    if (!ordered.has(column.property))
      items.push(sql`${dialect.sortKey(column)} ${dialect.sortDirection(false, column.nullable !== false)}`);
  }
  return items;
}
