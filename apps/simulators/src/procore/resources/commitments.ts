/**
 * Commitments: `GET /rest/v1.0/work_order_contracts?project_id=` (subcontracts) and
 * `GET /rest/v1.0/purchase_order_contracts?project_id=`. Deleted contracts are hidden unless
 * `filters[include_deleted]` is `with` (both) or `only` (see http/change-filters.ts).
 */

import type { ProcoreCommitment } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import type { StoredTools } from "../store/stored-records.ts";
import { queryProject, type ResourceContext } from "./resource-context.ts";

const FILTERS: readonly Filter<ProcoreCommitment>[] = [
  idFilter("filters[id]", (c) => c.id),
  valueFilter("filters[status]", (c) => c.status),
  valueFilter("filters[origin_id]", (c) => c.origin_id),
  dateRangeFilter("filters[created_at]", (c) => c.created_at),
];

export function registerCommitmentRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  const routes: [string, (tools: StoredTools) => readonly ProcoreCommitment[]][] = [
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
