/**
 * A pushed `$search` as a SQL predicate, with the engine's meaning (match-search.ts): a term
 * matches a row when one of the searchable text columns contains it, ignoring case; a phrase is
 * one term, spaces included; NOT, AND and OR combine matches, which are never null.
 *
 * "Ignoring case" is JavaScript's `toLowerCase` on both sides. The term is lower-cased here; the
 * column by the dialect's exact case mapping (ICU in Postgres, a registered JavaScript function
 * in SQLite). Without one the connector does not advertise `$search`.
 */
import type { SearchExpr } from "@headgate/odata";
import { chainOperands } from "./chain-operands.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { and, notTrue, or, type SqlFragment } from "./sql-fragment.ts";
import type { TableModel } from "./table-model.ts";

export function compileSqlSearch(search: SearchExpr, table: TableModel, dialect: SqlDialect): SqlFragment {
  return matches(search, true, table, dialect);
}

function matches(search: SearchExpr, want: boolean, table: TableModel, dialect: SqlDialect): SqlFragment {
  switch (search.kind) {
    case "term": {
      const term = search.text.toLowerCase();
      const hit = or(table.searchColumns.map((column) => dialect.searchMatch(column, term)));
      return want ? hit : notTrue(hit);
    }
    case "not":
      return matches(search.operand, !want, table, dialect);
    case "and":
    case "or": {
      const kind = search.kind;
      const split = (s: SearchExpr) => (s.kind === kind ? ([s.left, s.right] as const) : undefined);
      const parts = chainOperands(search, split).map((operand) => matches(operand, want, table, dialect));
      return (kind === "and") === want ? and(parts) : or(parts);
    }
  }
}
