/**
 * Commitments: `GET /rest/v1.0/work_order_contracts?project_id=` (subcontracts) and
 * `GET /rest/v1.0/purchase_order_contracts?project_id=`. Deleted contracts are hidden unless
 * `filters[include_deleted]` is `with` (both) or `only`.
 */

import type { ProcoreCommitment, ProcoreProjectTools } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { badRequest } from "../http/procore-error.ts";
import { queryProject, type ResourceContext } from "./resource-context.ts";

/** `filters[include_deleted]`, shared by the financial tools whose records carry `deleted_at`. */
export function deletedFilter<T extends { readonly deleted_at: string | null }>(): Filter<T> {
  return (query) => {
    const mode = query.value("filters[include_deleted]");
    if (mode === undefined) return (item) => item.deleted_at === null;
    if (mode === "with") return null;
    if (mode === "only") return (item) => item.deleted_at !== null;
    throw badRequest("filters[include_deleted] must be 'only' or 'with'");
  };
}

const FILTERS: readonly Filter<ProcoreCommitment>[] = [
  idFilter("filters[id]", (c) => c.id),
  valueFilter("filters[status]", (c) => c.status),
  valueFilter("filters[origin_id]", (c) => c.origin_id),
  dateRangeFilter("filters[created_at]", (c) => c.created_at),
  dateRangeFilter("filters[updated_at]", (c) => c.updated_at),
  deletedFilter(),
];

export function registerCommitmentRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  const routes: [string, (tools: ProcoreProjectTools) => readonly ProcoreCommitment[]][] = [
    ["/rest/v1.0/work_order_contracts", (tools) => tools.workOrderContracts],
    ["/rest/v1.0/purchase_order_contracts", (tools) => tools.purchaseOrderContracts],
  ];
  for (const [path, contracts] of routes) {
    app.get(path, (request, reply) => {
      const { tools } = queryProject(ctx, request);
      return listResponse(request, reply, contracts(tools), { filters: FILTERS }, ctx.paging);
    });
  }
}
