/**
 * Splits a bound query into what the connector takes (the scan) and what the engine evaluates
 * (the residual), by the rules docs/architecture.md gives (section 2, step 4):
 * - a filter conjunct goes down only when every part of it is pushable;
 * - order, top/skip and count go down only when the whole filter (and search) went down;
 * - top/skip also need the order to have gone down (or no order at all).
 */

import {
  type ConnectorCapabilities,
  isPushable,
  pushableOperators,
  referencedProperties,
  type ScanAggregation,
  type ScanOrder,
} from "@headgate/connector-kit";
import type { EntityTypeDef } from "@headgate/model";
import type { AggregateItem, Expr, OrderByItem, SearchExpr, Transformation } from "@headgate/odata";
import { type BoundQuery, conjuncts } from "../bind/bind-query.ts";

export interface PushedPart {
  readonly filter?: Expr;
  readonly search?: SearchExpr;
  readonly orderBy?: readonly ScanOrder[];
  /** top/skip may be pushed (the executor sizes them per page). */
  readonly paging: boolean;
  readonly count: boolean;
  readonly select?: readonly string[];
  readonly aggregation?: ScanAggregation;
}

export interface ResidualPart {
  readonly filter?: Expr;
  readonly search?: SearchExpr;
  /** `$apply` transformations evaluated by the engine (after any pushed aggregation). */
  readonly apply?: readonly Transformation[];
  /** `$filter` after `$apply`: always evaluated in the engine. */
  readonly postApplyFilter?: Expr;
  readonly orderBy?: readonly OrderByItem[];
}

export interface QueryPlan {
  readonly query: BoundQuery;
  readonly pushed: PushedPart;
  readonly residual: ResidualPart;
}

export function and(exprs: readonly Expr[]): Expr | undefined {
  return exprs.reduce<Expr | undefined>(
    (acc, e) => (acc ? { kind: "binary", op: "and", left: acc, right: e } : e),
    undefined,
  );
}

export function planQuery(query: BoundQuery, capabilities: ConnectorCapabilities): QueryPlan {
  if (query.options.apply) return planApplyQuery(query, capabilities);
  const operators = pushableOperators(query.entitySet.entityType);
  const parts = conjuncts(query.options.filter);
  // Computed aliases are not entity properties, so conjuncts that use them are never pushable.
  const pushedFilter = capabilities.filter ? parts.filter((p) => isPushable(p, operators)) : [];
  const residualFilter = parts.filter((p) => !pushedFilter.includes(p));
  const search = query.options.search;
  const searchPushed = search !== undefined && capabilities.search;
  const wholeFilterPushed = residualFilter.length === 0 && (search === undefined || searchPushed);
  const orderBy = pushableOrder(
    query.options.orderby,
    query.entitySet.entityType,
    capabilities,
    wholeFilterPushed,
  );
  const orderDone = query.options.orderby === undefined || orderBy !== undefined;
  const filter = and(pushedFilter);
  const residual = and(residualFilter);
  return {
    query,
    pushed: {
      ...(filter ? { filter } : {}),
      ...(searchPushed ? { search } : {}),
      ...(orderBy ? { orderBy } : {}),
      paging: wholeFilterPushed && orderDone && capabilities.paging === "offset",
      count: wholeFilterPushed && capabilities.count,
      ...projection(query, capabilities, residual),
    },
    residual: {
      ...(residual ? { filter: residual } : {}),
      ...(search && !searchPushed ? { search } : {}),
      ...(query.options.orderby && !orderBy ? { orderBy: query.options.orderby } : {}),
    },
  };
}

function pushableOrder(
  items: readonly OrderByItem[] | undefined,
  entityType: EntityTypeDef,
  capabilities: ConnectorCapabilities,
  wholeFilterPushed: boolean,
): ScanOrder[] | undefined {
  if (!items || !capabilities.orderBy || !wholeFilterPushed) return undefined;
  const order: ScanOrder[] = [];
  for (const item of items) {
    if (item.expr.kind !== "member" || item.expr.path.length !== 1) return undefined;
    const name = item.expr.path[0]!;
    const property = entityType.properties.find((p) => p.name === name);
    if (!property?.capabilities.sortable) return undefined;
    order.push({ property: name, direction: item.direction });
  }
  return order;
}

/** The properties the engine needs back from the connector when it can project. */
function projection(
  query: BoundQuery,
  capabilities: ConnectorCapabilities,
  residual: Expr | undefined,
): { select?: string[] } {
  const select = query.options.select;
  const needsEverything = query.options.compute !== undefined || query.options.search !== undefined;
  if (!capabilities.projection || !select || select.some((s) => s.kind === "star") || needsEverything)
    return {};
  const needed = new Set<string>(query.entitySet.entityType.key);
  const navigationNames = new Set(query.entitySet.entityType.navigation.map((n) => n.name));
  for (const item of select)
    if (item.kind === "path" && !navigationNames.has(item.path[0]!)) needed.add(item.path[0]!);
  if (residual) referencedProperties(residual, needed);
  for (const item of query.options.orderby ?? []) referencedProperties(item.expr, needed);
  for (const expand of query.expands) for (const on of expand.navigation.on) needed.add(on.local);
  return { select: [...needed] };
}

/**
 * With `$apply`: leading pushable `filter()` steps go down as the scan filter; a following
 * `groupby`/`aggregate` of plain properties goes down when the connector aggregates. The rest of
 * the pipeline, and every option after `$apply`, runs in the engine.
 */
function planApplyQuery(query: BoundQuery, capabilities: ConnectorCapabilities): QueryPlan {
  const operators = pushableOperators(query.entitySet.entityType);
  const steps = [...(query.options.apply ?? [])];
  const pushedFilters: Expr[] = [];
  while (capabilities.filter && steps[0]?.kind === "filter" && isPushable(steps[0].expr, operators)) {
    pushedFilters.push(steps[0].expr);
    steps.shift();
  }
  const search = query.options.search;
  const aggregation =
    capabilities.aggregation && search === undefined ? pushableAggregation(steps[0]) : undefined;
  if (aggregation) steps.shift();
  const filter = and(pushedFilters);
  return {
    query,
    pushed: {
      ...(filter ? { filter } : {}),
      ...(aggregation ? { aggregation } : {}),
      paging: false,
      count: false,
    },
    residual: {
      ...(search ? { search } : {}),
      ...(steps.length > 0 ? { apply: steps } : {}),
      ...(query.options.filter ? { postApplyFilter: query.options.filter } : {}),
      ...(query.options.orderby ? { orderBy: query.options.orderby } : {}),
    },
  };
}

function pushableAggregation(step: Transformation | undefined): ScanAggregation | undefined {
  if (!step) return undefined;
  const simple = (items: readonly AggregateItem[]) =>
    items.every((i) => i.kind === "count" || (i.expr.kind === "member" && i.expr.path.length === 1));
  if (step.kind === "aggregate" && simple(step.items)) return { groupBy: [], aggregates: step.items };
  if (step.kind !== "groupby") return undefined;
  const groupBy = step.properties.map((p) => p[0]!);
  if (step.apply.length === 0) return { groupBy, aggregates: [] };
  const [inner] = step.apply;
  if (step.apply.length === 1 && inner?.kind === "aggregate" && simple(inner.items))
    return { groupBy, aggregates: inner.items };
  return undefined;
}
