/**
 * RFIs: `GET /rest/v1.0/projects/{project_id}/rfis` with its filters, `search` (subject or
 * number) and `sort[attribute]`/`sort[direction]`; `.../rfis/{id}`; and the filter-option helper
 * `.../rfis/filter_options/{field}` that lists the values a filter can take.
 */

import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter, searchFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { paginate } from "../http/pagination.ts";
import { notFound } from "../http/procore-error.ts";
import { isDeleted, type StoredRfi } from "../store/stored-records.ts";
import { pathProject, type ResourceContext } from "./resource-context.ts";

const FILTERS: readonly Filter<StoredRfi>[] = [
  idFilter("filters[id]", (r) => r.id),
  valueFilter("filters[status]", (r) => r.status),
  dateRangeFilter("filters[created_at]", (r) => r.created_at),
  idFilter("filters[ball_in_court_id]", (r) => r.ball_in_courts.map((u) => u.id)),
  idFilter("filters[assigned_id]", (r) => r.assignees.map((u) => u.id)),
  idFilter("filters[responsible_contractor_id]", (r) => r.responsible_contractor?.id),
  idFilter("filters[rfi_manager_id]", (r) => r.rfi_manager.id),
  idFilter("filters[cost_code_id]", (r) => r.cost_code?.id),
  searchFilter("search", (r) => [r.subject, r.number, r.full_number]),
];

const SORT = {
  style: "attribute",
  fields: [
    "id",
    "number",
    "subject",
    "status",
    "due_date",
    "created_at",
    "updated_at",
    "initiated_at",
    "time_resolved",
  ],
} as const;

/** `{key, value}` pairs a filter accepts, from the RFIs that exist. */
const FILTER_OPTIONS: Readonly<
  Record<string, (rfi: StoredRfi) => readonly { key: number | string; value: string }[]>
> = {
  responsible_contractor_id: (r) =>
    r.responsible_contractor
      ? [{ key: r.responsible_contractor.id, value: r.responsible_contractor.name }]
      : [],
  ball_in_court_id: (r) => r.ball_in_courts.map((u) => ({ key: u.id, value: u.name })),
  rfi_manager_id: (r) => [{ key: r.rfi_manager.id, value: r.rfi_manager.name }],
  assigned_id: (r) => r.assignees.map((u) => ({ key: u.id, value: u.name })),
  status: (r) => [{ key: r.status, value: r.translated_status }],
};

export function registerRfiRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get<{ Params: { project_id: string } }>("/rest/v1.0/projects/:project_id/rfis", (request, reply) => {
    const { tools } = pathProject(ctx, request.params.project_id);
    return listResponse(request, reply, tools.rfis, { filters: FILTERS, sort: SORT }, ctx.paging);
  });
  app.get<{ Params: { project_id: string; field: string } }>(
    "/rest/v1.0/projects/:project_id/rfis/filter_options/:field",
    (request, reply) => {
      const { tools } = pathProject(ctx, request.params.project_id);
      const options = FILTER_OPTIONS[request.params.field];
      if (!options) throw notFound();
      const live = tools.rfis.filter((r) => !isDeleted(r));
      const distinct = new Map(live.flatMap(options).map((o) => [o.key, o]));
      return paginate(
        request,
        reply,
        [...distinct.values()].sort((a, b) => a.value.localeCompare(b.value)),
        ctx.paging,
      );
    },
  );
  app.get<{ Params: { project_id: string; id: string } }>(
    "/rest/v1.0/projects/:project_id/rfis/:id",
    (request) => {
      const { tools } = pathProject(ctx, request.params.project_id);
      const rfi = tools.rfis.find((r) => String(r.id) === request.params.id && !isDeleted(r));
      if (!rfi) throw notFound();
      return rfi;
    },
  );
}
