/**
 * What a planned question will cost its upstream now, for `explain`: the connector's estimate
 * of the scan it would send (a scan cache counts cached scans as free) and the connection's
 * request budget beside it, with a sentence a person or a model can act on.
 */
import type { Connector } from "@headgate/connector-kit";
import { scanRequestOf } from "../execute/scan-rows.ts";
import type { UpstreamCost } from "./explain.ts";
import type { QueryPlan } from "./plan-query.ts";

export async function estimateUpstreamCost(
  plan: QueryPlan,
  connector: Connector,
  timeoutMs: number,
): Promise<{ cost: UpstreamCost; sentence: string } | undefined> {
  if (!connector.estimate) return undefined;
  const { pushed, query } = plan;
  const window = {
    ...(pushed.paging && query.options.top !== undefined ? { top: query.options.top } : {}),
    ...(pushed.paging && query.options.skip !== undefined ? { skip: query.options.skip } : {}),
    ...(pushed.count && query.options.count === true ? { count: true } : {}),
  };
  const signal = AbortSignal.timeout(timeoutMs);
  const request = scanRequestOf(plan, { signal, deadline: Date.now() + timeoutMs }, window);
  const [estimate, budget] = await Promise.all([connector.estimate(request), connector.budget?.()]);
  const cost: UpstreamCost = {
    estimatedRequests: estimate.requests,
    ...(estimate.scans === undefined ? {} : { scans: estimate.scans }),
    ...(estimate.cachedScans === undefined ? {} : { cachedScans: estimate.cachedScans }),
    ...(budget?.remaining === undefined ? {} : { budgetRemaining: budget.remaining }),
    ...(budget?.resetAt === undefined ? {} : { budgetResetsAt: new Date(budget.resetAt).toISOString() }),
  };
  return { cost, sentence: describeCost(cost, estimate.narrowing) };
}

function describeCost(cost: UpstreamCost, narrowing: string | undefined): string {
  const cached =
    cost.scans === undefined
      ? ""
      : ` (${cost.cachedScans ?? 0} of the ${cost.scans} upstream lists it reads are cached and cost nothing)`;
  const budget =
    cost.budgetRemaining === undefined
      ? ""
      : ` The connection has about ${cost.budgetRemaining} requests left.`;
  const advice = cost.estimatedRequests > 1 && narrowing ? ` ${narrowing}` : "";
  return `Answering now needs about ${cost.estimatedRequests} upstream request${cost.estimatedRequests === 1 ? "" : "s"}${cached}.${budget}${advice}`;
}
