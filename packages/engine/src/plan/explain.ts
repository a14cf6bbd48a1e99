/**
 * `explain`: what a query sends upstream and what the gateway evaluates itself, in terms a
 * person (or an LLM choosing a cheaper query) can act on.
 */

import type { Expr, OrderByItem } from "@headgate/odata";
import { serializeApply, serializeExpression, serializeSearch } from "@headgate/odata";
import type { QueryPlan } from "./plan-query.ts";

export interface Explanation {
  readonly entitySet: string;
  readonly connector: string;
  readonly pushed: {
    readonly filter?: string;
    readonly search?: string;
    readonly orderby?: string;
    readonly paging: boolean;
    readonly count: boolean;
    readonly select?: readonly string[];
    readonly aggregation?: string;
  };
  readonly residual: {
    readonly filter?: string;
    readonly search?: string;
    readonly apply?: string;
    readonly orderby?: string;
  };
  /** Sentences: what runs where, and what would make the query cheaper. */
  readonly summary: readonly string[];
  /** What the question costs upstream now (`explainWithCost`; only for metered upstreams). */
  readonly upstream?: UpstreamCost;
}

export interface UpstreamCost {
  /** Requests the question would send now: cached scans cost none. */
  readonly estimatedRequests: number;
  /** With a scan cache: the scans the question reads, and how many are cached. */
  readonly scans?: number;
  readonly cachedScans?: number;
  /** The connection's request budget, as far as the gateway knows it. */
  readonly budgetRemaining?: number;
  readonly budgetResetsAt?: string;
}

/** Plans are read by people and models, not sent in URLs: plain text, no percent-encoding. */
const PLAIN = { urlEncoded: false } as const;
const text = (expr: Expr) => serializeExpression(expr, PLAIN);
const orderText = (items: readonly OrderByItem[]) =>
  items.map((i) => `${text(i.expr)} ${i.direction}`).join(",");

export function explainPlan(plan: QueryPlan, connector: string): Explanation {
  const { pushed, residual, query } = plan;
  const pushedPart = {
    ...(pushed.filter ? { filter: text(pushed.filter) } : {}),
    ...(pushed.search ? { search: serializeSearch(pushed.search, PLAIN) } : {}),
    ...(pushed.orderBy
      ? { orderby: pushed.orderBy.map((o) => `${o.property} ${o.direction}`).join(",") }
      : {}),
    paging: pushed.paging,
    count: pushed.count && query.options.count === true,
    ...(pushed.select ? { select: pushed.select } : {}),
    ...(pushed.aggregation
      ? { aggregation: describeAggregation(pushed.aggregation.groupBy, pushed.aggregation.aggregates.length) }
      : {}),
  };
  const postFilter = residual.filter ?? residual.postApplyFilter;
  const residualPart = {
    ...(postFilter ? { filter: text(postFilter) } : {}),
    ...(residual.search ? { search: serializeSearch(residual.search, PLAIN) } : {}),
    ...(residual.apply ? { apply: serializeApply(residual.apply, PLAIN) } : {}),
    ...(residual.orderBy ? { orderby: orderText(residual.orderBy) } : {}),
  };
  return {
    entitySet: query.entitySet.name,
    connector,
    pushed: pushedPart,
    residual: residualPart,
    summary: summarize(plan, residualPart),
  };
}

function describeAggregation(groupBy: readonly string[], aggregates: number): string {
  return groupBy.length > 0
    ? `groupby(${groupBy.join(",")}) with ${aggregates} aggregate(s)`
    : `${aggregates} aggregate(s)`;
}

function summarize(plan: QueryPlan, residual: Explanation["residual"]): string[] {
  const lines: string[] = [];
  const { pushed, query } = plan;
  const residualParts = Object.keys(residual);
  if (residualParts.length === 0) {
    lines.push("The upstream evaluates the whole query; the gateway only shapes the response.");
  } else {
    lines.push(
      `The gateway evaluates ${residualParts.map((p) => `$${p}`).join(", ")} itself over rows the upstream returns.`,
    );
    if (!pushed.filter && !pushed.aggregation) {
      lines.push(
        "Nothing narrows the upstream read: every row of the entity set is scanned. Filter on properties whose filters are pushed down to make this cheaper.",
      );
    }
  }
  if ((query.options.top !== undefined || query.options.skip !== undefined) && !pushed.paging) {
    lines.push(
      "$top/$skip are applied in the gateway after filtering, so the upstream read is not limited by them.",
    );
  }
  return lines;
}
