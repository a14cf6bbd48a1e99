/**
 * Daily log headers: `GET /rest/v1.0/projects/{project_id}/daily_log_headers` with `log_date` or
 * `start_date` + `end_date` (YYYY-MM-DD). With no date at all Procore returns only today's logs,
 * and so does the simulator, by its clock.
 */

import type { ProcoreDailyLogHeader } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { listResponse } from "../http/list-response.ts";
import { badRequest } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import { pathProject, type ResourceContext } from "./resource-context.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(query: QueryParams, name: string): string | undefined {
  const value = query.value(name);
  if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
    throw badRequest(`${name} must be a date (YYYY-MM-DD), got '${value}'`);
  return value;
}

/** The inclusive `[from, to]` log dates a request asks for. */
function requestedDates(query: QueryParams, today: string): readonly [string, string] {
  const logDate = date(query, "log_date");
  if (logDate) return [logDate, logDate];
  const start = date(query, "start_date");
  const end = date(query, "end_date");
  if (start === undefined && end === undefined) return [today, today];
  if (start === undefined || end === undefined)
    throw badRequest("start_date and end_date must be given together");
  return [start, end];
}

export function registerDailyLogRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get<{ Params: { project_id: string } }>(
    "/rest/v1.0/projects/:project_id/daily_log_headers",
    (request, reply) => {
      const { tools } = pathProject(ctx, request.params.project_id);
      const today = new Date(ctx.now()).toISOString().slice(0, 10);
      const [from, to] = requestedDates(QueryParams.of(request), today);
      const logs = tools.dailyLogHeaders.filter(
        (h: ProcoreDailyLogHeader) => h.log_date >= from && h.log_date <= to,
      );
      return listResponse(request, reply, logs, { filters: [] }, ctx.paging);
    },
  );
}
