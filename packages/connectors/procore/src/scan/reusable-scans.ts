/**
 * Procore's reusable broad scans (subset reuse, issue 16): a project-scoped resource has no
 * company-level list, so its cheapest reusable unit is one project's whole list. Any question
 * over the resource is answered by the lists of the projects it can touch (those its filter
 * names, else all of the company's), concatenated in project order: the order a live fan-out
 * gives. Company-level sets have one unit, the whole list.
 *
 * Daily logs are left out: without a date window Procore lists only today's logs, so no one
 * request holds every log a narrower question could match.
 */
import type { RequestContext, ScanRequest, ScanSpec } from "@headgate/connector-kit";
import type { Expr } from "@headgate/odata";
import type { ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { translateFilter } from "../pushdown/translate-filter.ts";
import type { ScanEnvironment } from "./scan-environment.ts";

export async function reusableScans(
  set: ProcoreEntitySet,
  request: ScanRequest,
  env: ScanEnvironment,
  ctx: RequestContext,
): Promise<readonly ScanSpec[] | undefined> {
  if (Object.values(set.filters).some((f) => f.kind === "dateWindow")) return undefined;
  const entitySet = request.entitySet;
  if (set.scope === "company") return [{ entitySet }];
  const plan = translateFilter(set, request.filter);
  if (plan.empty) return [];
  const projects = plan.projects ?? (await env.projectIds(ctx));
  return projects.map((id) => projectScan(entitySet, id));
}

/** One project's whole list of an entity set: the unit the cache keeps and a webhook names. */
export function projectScan(entitySet: string, projectId: number): ScanSpec {
  return { entitySet, filter: projectIs(projectId) };
}

function projectIs(id: number): Expr {
  return {
    kind: "binary",
    op: "eq",
    left: { kind: "member", path: ["project_id"] },
    right: { kind: "literal", literal: { kind: "integer", value: BigInt(id) } },
  };
}
