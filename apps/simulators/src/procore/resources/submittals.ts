/** Submittals: `GET /rest/v1.{0,1}/projects/{project_id}/submittals` (the v1.1 shape on both). */

import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter, searchFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import type { StoredSubmittal } from "../store/stored-records.ts";
import { pathProject, type ResourceContext } from "./resource-context.ts";

const FILTERS: readonly Filter<StoredSubmittal>[] = [
  idFilter("filters[id]", (s) => s.id),
  idFilter("filters[status_id]", (s) => s.status.id),
  valueFilter("filters[type]", (s) => s.type.name),
  dateRangeFilter("filters[created_at]", (s) => s.created_at),
  idFilter("filters[ball_in_court_id]", (s) => s.ball_in_court.map((u) => u.id)),
  idFilter("filters[received_from_id]", (s) => s.received_from.id),
  idFilter("filters[responsible_contractor_id]", (s) => s.responsible_contractor.id),
  idFilter("filters[specification_section_id]", (s) => s.specification_section.id),
  idFilter("filters[submittal_manager_id]", (s) => s.submittal_manager.id),
  searchFilter("filters[query]", (s) => [s.title, s.number, s.formatted_number, s.description]),
];

const SORT = {
  style: "list",
  fields: [
    "id",
    "number",
    "formatted_number",
    "title",
    "due_date",
    "received_date",
    "created_at",
    "updated_at",
  ],
} as const;

export function registerSubmittalRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  for (const version of ["v1.0", "v1.1"]) {
    app.get<{ Params: { project_id: string } }>(
      `/rest/${version}/projects/:project_id/submittals`,
      (request, reply) => {
        const { tools } = pathProject(ctx, request.params.project_id);
        return listResponse(request, reply, tools.submittals, { filters: FILTERS, sort: SORT }, ctx.paging);
      },
    );
  }
}
