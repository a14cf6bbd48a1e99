/**
 * The one place that builds the statements this connector sends: SELECTs, assembled by knex
 * from fragments whose values are all bound parameters. `compileReadOnly` checks every statement
 * before it runs (run-query.ts calls it), so no code path can send anything but a SELECT.
 * pg (extended protocol) and better-sqlite3 (`prepare`) also refuse several statements in one
 * call. tedious does not (SQL Server runs the text as a batch through `sp_executesql`), so there
 * the guard is the one above and that values only ever travel as `sp_executesql` parameters.
 */
import type { Knex } from "knex";
import type { SqlDialect } from "./dialects/dialect.ts";
import { join, raw, type SqlFragment, sql } from "./sql-fragment.ts";

export interface SelectSpec {
  readonly from: SqlFragment;
  /** Select-list entries, each `expression AS alias`. */
  readonly columns: readonly SqlFragment[];
  readonly where?: SqlFragment;
  /**
   * The grouping expressions, spelled out (SQL Server cannot group by select-list position).
   * They carry no bound values: a select-list entry over one must repeat its text exactly.
   */
  readonly groupBy?: readonly SqlFragment[];
  readonly orderBy?: readonly SqlFragment[];
}

/** A page of rows: the rows of `orderBy` order after skipping `offset`, at most `limit` of them. */
export interface PageSpec extends SelectSpec {
  readonly orderBy: readonly SqlFragment[];
  readonly limit?: number;
  readonly offset?: number;
}

export class WriteAttemptError extends Error {
  constructor(method: string) {
    super(`the SQL connector only reads, but a '${method}' statement was built`);
    this.name = "WriteAttemptError";
  }
}

export function buildSelect(knex: Knex, spec: SelectSpec): Knex.QueryBuilder {
  const list = join(spec.columns, ", ");
  let builder = knex
    .queryBuilder()
    .select(knex.raw(list.sql, list.bindings))
    .from(knex.raw(spec.from.sql, spec.from.bindings));
  if (spec.where) builder = builder.whereRaw(spec.where.sql, spec.where.bindings);
  if (spec.groupBy !== undefined && spec.groupBy.length > 0) {
    const group = join(spec.groupBy, ", ");
    builder = builder.groupByRaw(group.sql, group.bindings);
  }
  if (spec.orderBy && spec.orderBy.length > 0) {
    const order = join(spec.orderBy, ", ");
    builder = builder.orderByRaw(order.sql, order.bindings);
  }
  // No knex limit/offset here: paging is `buildPageSelect`'s, through the dialect (knex's mssql
  // `offset` would need an ORDER BY it does not check for).
  return builder;
}

/**
 * One page of rows: the rows are chosen (filtered, ordered, limited) by an inner SELECT of the
 * stored columns, and the select list (trimming, formatting, rounding) is computed by the outer
 * SELECT for the page's rows only, not for every row the sort looks at. The outer SELECT sorts
 * the page again by the same keys, which end with the table's key, so the order is the inner
 * one; subquery order alone is not guaranteed by SQL. The window after the ORDER BY is the
 * dialect's: `LIMIT ? OFFSET ?`, or SQL Server's `OFFSET ? ROWS FETCH NEXT ? ROWS ONLY` (which
 * is also what makes an ORDER BY legal in a SQL Server derived table).
 */
export function buildPageSelect(knex: Knex, dialect: SqlDialect, spec: PageSpec): Knex.QueryBuilder {
  const where = spec.where ? sql` WHERE ${spec.where}` : raw("");
  const order = spec.orderBy.length > 0 ? sql` ORDER BY ${join(spec.orderBy, ", ")}` : raw("");
  const window = dialect.pageWindow(spec.limit, spec.offset ?? 0);
  const page = sql`(SELECT * FROM ${spec.from}${where}${order}${window}) AS ${raw(PAGE_ALIAS)}`;
  return buildSelect(knex, { from: page, columns: spec.columns, orderBy: spec.orderBy });
}

const PAGE_ALIAS = "headgate_page";

/** The builder's statement, compiled once; throws unless it is a single SELECT. */
export function compileReadOnly(builder: Knex.QueryBuilder): Knex.Sql {
  const compiled = builder.toSQL();
  const method = (compiled as { method?: unknown }).method;
  if (method !== "select" && method !== "first" && method !== "pluck")
    throw new WriteAttemptError(String(method));
  if (!/^\s*select\s/i.test(compiled.sql)) throw new WriteAttemptError("non-select");
  return compiled;
}
