/**
 * The company directory's vendors (`/rest/v1.0/vendors?company_id=` and
 * `/rest/v1.0/companies/{company_id}/vendors`) and a project's directory
 * (`/rest/v1.{0,1}/projects/{project_id}/vendors`).
 */

import type { ProcoreVendor } from "@headgate/demo-world";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { dateRangeFilter, type Filter, idFilter, searchFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { notFound } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import { checkCompany, pathProject, type ResourceContext } from "./resource-context.ts";

const SORT = {
  style: "list",
  fields: ["id", "name", "abbreviated_name", "created_at", "updated_at"],
} as const;

function vendorFilters(ctx: ResourceContext): Filter<ProcoreVendor>[] {
  const tradeIds = new Map(ctx.store.trades.map((t) => [t.name, t.id]));
  return [
    idFilter("filters[id]", (v) => v.id),
    idFilter("filters[trade_id]", (v) => tradeIds.get(v.trade_name)),
    // Procore matches the search on name, keywords, origin code and tax id; the demo has no keywords.
    searchFilter("filters[search]", (v) => [v.name, v.abbreviated_name, v.origin_code]),
    valueFilter("filters[origin_id]", (v) => v.origin_id),
    dateRangeFilter("filters[created_at]", (v) => v.created_at),
  ];
}

export function registerVendorRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  const spec = { filters: vendorFilters(ctx), sort: SORT };
  const companyVendors = (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as { company_id?: string };
    checkCompany(ctx, params.company_id ?? QueryParams.of(request).value("company_id"));
    return listResponse(request, reply, ctx.store.vendors, spec, ctx.paging);
  };
  app.get("/rest/v1.0/vendors", companyVendors);
  app.get("/rest/v1.0/companies/:company_id/vendors", companyVendors);
  app.get<{ Params: { id: string } }>("/rest/v1.0/vendors/:id", (request) => {
    checkCompany(ctx, QueryParams.of(request).value("company_id"));
    const vendor = /^\d+$/.test(request.params.id) ? ctx.vendors.get(Number(request.params.id)) : undefined;
    if (!vendor) throw notFound();
    return vendor;
  });
  for (const version of ["v1.0", "v1.1"]) {
    app.get<{ Params: { project_id: string } }>(
      `/rest/${version}/projects/:project_id/vendors`,
      (request, reply) => {
        const { tools } = pathProject(ctx, request.params.project_id);
        const vendors = tools.vendorIds
          .flatMap((id) => ctx.vendors.get(id) ?? [])
          .sort((a, b) => a.id - b.id);
        return listResponse(request, reply, vendors, spec, ctx.paging);
      },
    );
  }
}
