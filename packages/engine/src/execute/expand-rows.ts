/**
 * `$expand` as batched key lookups: the page's join keys are collected and sent to the target
 * entity set as `key in (...)` filters (in chunks), never one call per row. Nested `$top`/`$skip`
 * apply per parent row, as OData requires.
 */

import type { EdmPrimitiveType, Row } from "@headgate/model";
import { type Expr, type Literal, ODataNotImplementedError } from "@headgate/odata";
import type { BoundExpand, BoundQuery } from "../bind/bind-query.ts";
import { and } from "../plan/plan-query.ts";

/** Runs a bound query to completion (every matching row, expanded and projected). */
export type RunQuery = (query: BoundQuery) => Promise<Row[]>;

const KEYS_PER_LOOKUP = 100;

export async function expandRows(
  rows: readonly Row[],
  expands: readonly BoundExpand[],
  run: RunQuery,
): Promise<Row[]> {
  let result = rows.map((row) => ({ ...row }));
  for (const expand of expands) result = await expandOne(result, expand, run);
  return result;
}

async function expandOne(
  rows: Record<string, unknown>[],
  expand: BoundExpand,
  run: RunQuery,
): Promise<Record<string, unknown>[]> {
  const { navigation, target } = expand;
  const [join, ...more] = navigation.on;
  if (!join || more.length > 0) {
    throw new ODataNotImplementedError(
      `Expanding '${navigation.name}'`,
      "navigation over composite keys is not supported yet",
      "$expand",
    );
  }
  const remoteType = target.entityType.properties.find((p) => p.name === join.remote)?.type ?? "Edm.String";
  const keys = [...new Set(rows.map((r) => r[join.local]).filter((v) => v !== null && v !== undefined))];
  const children: Row[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
    const chunk = keys.slice(i, i + KEYS_PER_LOOKUP);
    children.push(...(await run(lookupQuery(expand.query, join.remote, chunk, remoteType))));
  }
  const byKey = groupBy(children, join.remote, !selects(expand.query, join.remote));
  const { skip = 0, top } = expand.query.options;
  for (const row of rows) {
    const matches = byKey.get(row[join.local]) ?? [];
    row[navigation.name] = navigation.collection
      ? matches.slice(skip, top === undefined ? undefined : skip + top)
      : (matches[0] ?? null);
  }
  return rows;
}

/** The nested query, restricted to the given keys, without per-parent paging. */
function lookupQuery(
  query: BoundQuery,
  remote: string,
  keys: readonly unknown[],
  type: EdmPrimitiveType,
): BoundQuery {
  const keyFilter: Expr = {
    kind: "in",
    left: { kind: "member", path: [remote] },
    right: { kind: "list", items: keys.map((k) => ({ kind: "literal", literal: valueToLiteral(k, type) })) },
  };
  const { top: _top, skip: _skip, count: _count, ...options } = query.options;
  const filter = and(options.filter ? [keyFilter, options.filter] : [keyFilter])!;
  const select = selects(query, remote)
    ? options.select
    : [...(options.select ?? []), { kind: "path" as const, path: [remote], options: null }];
  return { ...query, options: { ...options, filter, ...(select ? { select } : {}) } };
}

/** True when the nested query returns `property` anyway (no `$select`, `*`, or listed). */
function selects(query: BoundQuery, property: string): boolean {
  const select = query.options.select;
  return !select || select.some((s) => s.kind === "star" || s.path[0] === property);
}

/** Children by join key; the key is dropped again when only the join needed it. */
function groupBy(rows: readonly Row[], property: string, dropKey: boolean): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const row of rows) {
    const key = row[property];
    const child = dropKey ? withoutProperty(row, property) : row;
    const list = groups.get(key);
    if (list) list.push(child);
    else groups.set(key, [child]);
  }
  return groups;
}

function withoutProperty(row: Row, property: string): Row {
  const { [property]: _dropped, ...rest } = row;
  return rest;
}

/** A row value as the literal of its property's type. */
export function valueToLiteral(value: unknown, type: EdmPrimitiveType): Literal {
  if (value === null || value === undefined) return { kind: "null" };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") {
    if (Number.isInteger(value) && (type === "Edm.Int32" || type === "Edm.Int64"))
      return { kind: "integer", value: BigInt(value) };
    const text = String(value);
    return Number.isFinite(value) && !text.includes("e")
      ? { kind: "decimal", value: text }
      : { kind: "double", value };
  }
  const text = String(value);
  switch (type) {
    case "Edm.Guid":
      return { kind: "guid", value: text.toLowerCase() };
    case "Edm.Date":
      return { kind: "date", value: text };
    case "Edm.DateTimeOffset":
      return { kind: "dateTimeOffset", value: text };
    case "Edm.TimeOfDay":
      return { kind: "timeOfDay", value: text };
    case "Edm.Duration":
      return { kind: "duration", value: text };
    default:
      return { kind: "string", value: text };
  }
}
