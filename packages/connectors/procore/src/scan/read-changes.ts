/**
 * Incremental refresh of one broad scan (a project's whole list of a resource, or a company
 * list): the records Procore says changed since a moment, deleted ones included, through the
 * filters every list takes (`filters[updated_at]=from...to`, `filters[include_deleted]=with`;
 * upstreams.md §8.1). A deleted record comes back with `deleted_at` set and is reported by key.
 *
 * Lists whose request needs more than the project (BudgetRows' budget view, daily logs' date
 * window) are read whole instead.
 */
import {
  followLinkPages,
  type RequestContext,
  type ScanChanges,
  type ScanSpec,
} from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import type { ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { translateFilter } from "../pushdown/translate-filter.ts";
import { asRecords } from "./procore-records.ts";
import type { ScanEnvironment } from "./scan-environment.ts";

const OPEN_END = "9999-12-31T23:59:59Z";

export async function readChanges(
  set: ProcoreEntitySet,
  spec: ScanSpec,
  since: number,
  env: ScanEnvironment,
  ctx: RequestContext,
): Promise<ScanChanges | undefined> {
  if (set.needsBudgetView || Object.values(set.filters).some((f) => f.kind === "dateWindow"))
    return undefined;
  const projectId = projectOf(set, spec);
  if (projectId === null) return undefined;
  const changed: Row[] = [];
  const deleted: unknown[][] = [];
  const key = set.definition.entityType.key;
  for (const endpoint of set.endpoints) {
    const { path, query } = endpoint.request({ companyId: env.companyId, projectId });
    const url = env.client.url(path, [
      ...query,
      ["filters[updated_at]", `${new Date(since).toISOString()}...${OPEN_END}`],
      ["filters[include_deleted]", "with"],
      ["per_page", String(env.maxPerPage)],
    ]);
    for await (const page of followLinkPages(env.client, url, ctx)) {
      for (const record of asRecords(page.response.body)) {
        const row = endpoint.toRow(record, projectId);
        if (record.deleted_at) deleted.push(key.map((name) => row[name]));
        else changed.push(row);
      }
    }
  }
  return { rows: changed, deleted };
}

/** The one project a broad scan reads (undefined for a company list), or null when it is not one. */
function projectOf(set: ProcoreEntitySet, spec: ScanSpec): number | undefined | null {
  if (set.scope === "company") return spec.filter === undefined ? undefined : null;
  const projects = translateFilter(set, spec.filter).projects;
  return projects?.length === 1 ? projects[0]! : null;
}
