/**
 * Observation items: `GET /rest/v1.0/observations/items?project_id=`. `filters[status]` takes the
 * status names or, as Procore's filtering guide shows, their numeric codes
 * (0 initiated, 1 ready_for_review, 2 not_accepted, 3 closed).
 */

import type { ObservationStatus } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { dateRangeFilter, type Filter, idFilter, searchFilter, valueFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import type { StoredObservation } from "../store/stored-records.ts";
import { queryProject, type ResourceContext } from "./resource-context.ts";

const STATUS_CODES: Readonly<Record<ObservationStatus, string>> = {
  initiated: "0",
  ready_for_review: "1",
  not_accepted: "2",
  closed: "3",
};

const FILTERS: readonly Filter<StoredObservation>[] = [
  idFilter("filters[id]", (o) => o.id),
  valueFilter("filters[status]", (o) => [o.status, STATUS_CODES[o.status]]),
  idFilter("filters[type_id]", (o) => o.type.id),
  valueFilter("filters[priority]", (o) => o.priority),
  idFilter("filters[assignee_id]", (o) => o.assignee.id),
  idFilter("filters[created_by_id]", (o) => o.created_by.id),
  idFilter("filters[trade_ids]", (o) => o.trade?.id),
  dateRangeFilter("filters[created_at]", (o) => o.created_at),
  searchFilter("filters[search]", (o) => [o.name, o.description, String(o.number)]),
];

export function registerObservationRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get("/rest/v1.0/observations/items", (request, reply) => {
    const { tools } = queryProject(ctx, request);
    return listResponse(request, reply, tools.observations, { filters: FILTERS }, ctx.paging);
  });
}
