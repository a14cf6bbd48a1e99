/**
 * Budget: `GET /rest/v1.0/budget_views?project_id=` and
 * `GET /rest/v1.0/budget_views/{budget_view_id}/detail_rows?project_id=` with the detail rows'
 * own (unbracketed) filters `cost_code_id[]`, `root_cost_code_id[]`, `category_id[]`,
 * `budget_line_item_id[]`, `budget_row_type` and `sort` (default: biller, division, cost code,
 * category).
 */

import type { ProcoreBudgetDetailRow } from "@headgate/demo-world";
import type { FastifyInstance } from "fastify";
import { type Filter, idFilter } from "../http/filters.ts";
import { listResponse } from "../http/list-response.ts";
import { badRequest, notFound } from "../http/procore-error.ts";
import { sortItems } from "../http/sorting.ts";
import { queryProject, type ResourceContext } from "./resource-context.ts";

const ROW_TYPES = ["budgeted", "unbudgeted", "all"];

/** Every demo row has a budget line item, so `unbudgeted` rows never exist. */
const rowTypeFilter: Filter<ProcoreBudgetDetailRow> = (query) => {
  const type = query.value("budget_row_type") ?? "budgeted";
  if (!ROW_TYPES.includes(type)) throw badRequest("budget_row_type must be one of budgeted, unbudgeted, all");
  return type === "unbudgeted" ? () => false : null;
};

const FILTERS: readonly Filter<ProcoreBudgetDetailRow>[] = [
  idFilter("cost_code_id", (r) => r.cost_code_id),
  idFilter("root_cost_code_id", (r) => r.root_cost_code_id),
  idFilter("category_id", (r) => r.category_id),
  idFilter("budget_line_item_id", (r) => r.id),
  rowTypeFilter,
];

const SORT_FIELDS = [
  "biller_type",
  "biller",
  "root_cost_code",
  "cost_code",
  "category_id",
  "category",
  "original_budget_amount",
  "id",
];
const DEFAULT_ORDER = ["biller_type", "biller", "root_cost_code", "cost_code", "category_id"].map(
  (field) => ({
    field,
    descending: false,
  }),
);

export function registerBudgetRoutes(app: FastifyInstance, ctx: ResourceContext): void {
  app.get("/rest/v1.0/budget_views", (request, reply) => {
    queryProject(ctx, request);
    return listResponse(request, reply, ctx.store.budgetViews, { filters: [] }, ctx.paging);
  });
  app.get<{ Params: { budget_view_id: string } }>(
    "/rest/v1.0/budget_views/:budget_view_id/detail_rows",
    (request, reply) => {
      const { tools } = queryProject(ctx, request);
      if (!ctx.store.budgetViews.some((view) => String(view.id) === request.params.budget_view_id))
        throw notFound();
      const rows = sortItems(tools.budgetDetailRows, DEFAULT_ORDER);
      return listResponse(
        request,
        reply,
        rows,
        { filters: FILTERS, sort: { style: "list", fields: SORT_FIELDS } },
        ctx.paging,
      );
    },
  );
}
