/**
 * The one place that builds the statements this connector sends: SELECTs, assembled by knex
 * from fragments whose values are all bound parameters. `compileReadOnly` checks every statement
 * before it runs (run-query.ts calls it), so no code path can send anything but a SELECT.
 * Both drivers also refuse several statements in one call (pg's extended protocol,
 * better-sqlite3's `prepare`), so a value could not append one even if it reached the text.
 */
import type { Knex } from "knex";
import { join, param, raw, type SqlFragment, sql } from "./sql-fragment.ts";

export interface SelectSpec {
  readonly from: SqlFragment;
  /** Select-list entries, each `expression AS alias`. */
  readonly columns: readonly SqlFragment[];
  readonly where?: SqlFragment;
  /** Group by the first N select-list entries (by position). */
  readonly groupBy?: number;
  readonly orderBy?: readonly SqlFragment[];
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
  if (spec.groupBy !== undefined && spec.groupBy > 0) {
    builder = builder.groupByRaw(Array.from({ length: spec.groupBy }, (_, i) => String(i + 1)).join(", "));
  }
  if (spec.orderBy && spec.orderBy.length > 0) {
    const order = join(spec.orderBy, ", ");
    builder = builder.orderByRaw(order.sql, order.bindings);
  }
  if (spec.limit !== undefined) builder = builder.limit(spec.limit);
  if (spec.offset !== undefined && spec.offset > 0) builder = builder.offset(spec.offset);
  return builder;
}

/**
 * One page of rows: the rows are chosen (filtered, ordered, limited) by an inner SELECT of the
 * stored columns, and the select list (trimming, formatting, rounding) is computed by the outer
 * SELECT for the page's rows only, not for every row the sort looks at. The outer SELECT sorts
 * the page again by the same keys, which end with the table's key, so the order is the inner
 * one; subquery order alone is not guaranteed by SQL.
 */
export function buildPageSelect(
  knex: Knex,
  spec: SelectSpec & { readonly orderBy: readonly SqlFragment[] },
): Knex.QueryBuilder {
  const where = spec.where ? sql` WHERE ${spec.where}` : raw("");
  const order = spec.orderBy.length > 0 ? sql` ORDER BY ${join(spec.orderBy, ", ")}` : raw("");
  const limit = spec.limit !== undefined ? sql` LIMIT ${param(spec.limit)}` : raw("");
  const offset = spec.offset !== undefined && spec.offset > 0 ? sql` OFFSET ${param(spec.offset)}` : raw("");
  const page = sql`(SELECT * FROM ${spec.from}${where}${order}${limit}${offset}) AS ${raw(PAGE_ALIAS)}`;
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
