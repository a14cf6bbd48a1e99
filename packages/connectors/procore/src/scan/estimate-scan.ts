/**
 * What a scan will cost Procore before it runs: one request per project and endpoint it reads
 * (a company-wide question over a project-scoped resource reads every project), one more per
 * project and endpoint for a count from `Total` headers, and the budget-view lookup BudgetRows
 * needs once. Lists longer than one page (1,000 records) cost more than this says: the estimate
 * is a lower bound, which is what refusing early needs (never refuse what could be paid).
 */
import type { RequestContext, ScanRequest, UpstreamEstimate } from "@headgate/connector-kit";
import type { ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { requestPlan } from "./scan-entity-set.ts";
import type { ScanEnvironment } from "./scan-environment.ts";

export async function estimateScan(
  set: ProcoreEntitySet,
  request: ScanRequest,
  env: ScanEnvironment,
  ctx: RequestContext,
): Promise<UpstreamEstimate> {
  const plan = requestPlan(set, request);
  if (plan.empty || (request.top === 0 && !request.count)) return { requests: 0 };
  const named = set.scope === "company" ? 1 : plan.projects?.length;
  const projects = named ?? (await env.projectIds(ctx)).length;
  const sources = projects * set.endpoints.length;
  const counting = request.count === true && plan.exact ? sources : 0;
  const budgetView = set.needsBudgetView && !env.knowsBudgetView() ? 1 : 0;
  return {
    requests: sources + counting + budgetView,
    ...(named === undefined
      ? {
          narrowing: `A question over ${set.definition.name} without a project reads every project's list (${projects} projects); name the projects to read fewer, e.g. project_id eq 123 or project_id in (123,456).`,
        }
      : {}),
  };
}
