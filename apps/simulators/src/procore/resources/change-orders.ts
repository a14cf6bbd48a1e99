/**
 * Change order packages: `GET /rest/v1.0/change_order_packages?project_id=`, optionally for one
 * contract (`contract_id`; 404 when the project has no such contract).
 */

import type { ProcoreChangeOrderPackage } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { notFound } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import { queryProject, type ResourceContext } from "./resource-context.ts";

const FILTERS: readonly Filter<ProcoreChangeOrderPackage>[] = [
  idFilter("filters[id]", (p) => p.id),
  dateRangeFilter("filters[created_at]", (p) => p.created_at),
  dateRangeFilter("filters[reviewed_at]", (p) => p.reviewed_at),
];

export function registerChangeOrderRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get("/rest/v1.0/change_order_packages", (request, reply) => {
    const { tools } = queryProject(ctx, request);
    const [contractId] = QueryParams.of(request).ids("contract_id");
    let packages = tools.changeOrderPackages;
    if (contractId !== undefined) {
      const contracts = [...tools.workOrderContracts, ...tools.purchaseOrderContracts];
      if (!contracts.some((c) => c.id === contractId)) throw notFound();
      packages = packages.filter((p) => p.contract_id === contractId);
    }
    return listResponse(request, reply, packages, { filters: FILTERS }, ctx.paging);
  });
}
