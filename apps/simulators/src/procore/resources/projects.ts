/**
 * Companies and projects: `GET /rest/v1.0/companies`, `GET /rest/v1.{0,1}/projects?company_id=`
 * (active projects unless `filters[by_status]` says otherwise), `GET
 * /rest/v1.0/companies/{company_id}/projects`, `GET /rest/v1.0/projects/{id}` and `GET
 * /rest/v1.0/me`.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { dateRangeFilter, type Filter, idFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { badRequest } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import type { StoredProject } from "../store/stored-records.ts";
import { checkCompany, pathProject, type ResourceContext } from "./resource-context.ts";

const STATUSES = ["active", "inactive", "all"];

function statusFilter(): Filter<StoredProject> {
  return (query) => {
    const status = (query.value("filters[by_status]") ?? "Active").toLowerCase();
    if (!STATUSES.includes(status))
      throw badRequest("filters[by_status] must be one of Active, Inactive, or All");
    return status === "all" ? null : (project) => project.active === (status === "active");
  };
}

function projectFilters(ctx: ResourceContext, version: "v1.0" | "v1.1"): Filter<StoredProject>[] {
  const nameFilter: Filter<StoredProject> = (query) => {
    const name = query.value("filters[name]")?.toLowerCase();
    return name === undefined ? null : (p) => p.name.toLowerCase().includes(name);
  };
  const vendorFilter = idFilter<StoredProject>(
    "filters[vendor_id]",
    (p) => ctx.store.entry(p.id)?.tools.vendorIds,
  );
  const filters: Filter<StoredProject>[] = [
    statusFilter(),
    nameFilter,
    idFilter("filters[id]", (p) => p.id),
    valueFilter("filters[origin_id]", (p) => p.origin_id),
    vendorFilter,
    dateRangeFilter("filters[created_at]", (p) => p.created_at),
  ];
  return version === "v1.1"
    ? [...filters, valueFilter("filters[project_number]", (p) => p.project_number)]
    : filters;
}

const SORT = {
  style: "list",
  fields: ["id", "name", "display_name", "project_number", "created_at", "updated_at", "start_date"],
} as const;

function listProjects(ctx: ResourceContext, version: "v1.0" | "v1.1") {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const query = QueryParams.of(request);
    const params = request.params as { company_id?: string };
    checkCompany(ctx, params.company_id ?? query.value("company_id"));
    const page = listResponse(
      request,
      reply,
      ctx.store.projects(),
      { filters: projectFilters(ctx, version), sort: SORT },
      ctx.paging,
    );
    return query.value("serializer_view") === "compact"
      ? page.map(({ id, name, display_name }) => ({ id, name, display_name }))
      : page;
  };
}

export function registerProjectRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get("/rest/v1.0/companies", (request, reply) =>
    listResponse(request, reply, [ctx.store.company], { filters: [] }, ctx.paging),
  );
  app.get("/rest/v1.0/me", () => meOf(ctx));
  app.get("/rest/v1.0/projects", listProjects(ctx, "v1.0"));
  app.get("/rest/v1.1/projects", listProjects(ctx, "v1.1"));
  app.get("/rest/v1.0/companies/:company_id/projects", listProjects(ctx, "v1.0"));
  app.get<{ Params: { id: string } }>("/rest/v1.0/projects/:id", (request) => {
    checkCompany(ctx, QueryParams.of(request).value("company_id"));
    return pathProject(ctx, request.params.id).project;
  });
}

/** The signed-in user: the company admin who set up the budget views. */
function meOf(ctx: ResourceContext) {
  const admin = ctx.store.budgetViews[0]?.created_by;
  return admin ?? { id: 0, login: "service-account@procore.example", name: "Service Account" };
}
