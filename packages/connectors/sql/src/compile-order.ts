/**
 * ORDER BY with the engine's order (compare-values.ts): nulls first ascending and last
 * descending (spelled out only for values that can be null), text by code point, instants as
 * instants. The key columns follow as tie-breakers, so equal rows come back in one stable order
 * and LIMIT/OFFSET pages neither repeat nor skip rows. (The engine keeps ties in the order the connector delivered them; this connector
 * delivers them in key order.)
 */
import type { ScanOrder } from "@headgate/connector-kit";
import { unsupported } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { raw, type SqlFragment, sql } from "./sql-fragment.ts";
import type { ColumnModel, TableModel } from "./table-model.ts";

const ASCENDING = raw("ASC NULLS FIRST");
const DESCENDING = raw("DESC NULLS LAST");
/** For values that are never null, the plain forms (the sort needs no null handling). */
const ASCENDING_NOT_NULL = raw("ASC");
const DESCENDING_NOT_NULL = raw("DESC");

function direction(column: ColumnModel, descending: boolean): SqlFragment {
  if (column.nullable === false) return descending ? DESCENDING_NOT_NULL : ASCENDING_NOT_NULL;
  return descending ? DESCENDING : ASCENDING;
}

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
    items.push(sql`${dialect.sortKey(column)} ${direction(column, item.direction === "desc")}`);
    ordered.add(column.property);
  }
  for (const column of table.key) {
    if (!ordered.has(column.property))
      items.push(sql`${dialect.sortKey(column)} ${direction(column, false)}`);
  }
  return items;
}
