/**
 * BudgetRows: the detail rows of a budget view (one per cost code x category), per project.
 * The company's first budget view is read unless the connection names another.
 */
import { ID_FILTER, nested, num, prop, text } from "../schema/property.ts";
import { PROJECT_FILTER, projectIdProperty } from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

export const budgetRows: ProcoreEntitySet = {
  scope: "project",
  needsBudgetView: true,
  definition: {
    name: "BudgetRows",
    description:
      "Budget detail rows of each project (one per cost code and cost type): original budget, modifications and forecast.",
    entityType: {
      name: "BudgetRow",
      key: ["id"],
      navigation: [],
      properties: [
        prop(
          "id",
          "Edm.Int64",
          "Procore id of the budget line item. Filters on it (eq, in) are evaluated by Procore.",
          {
            nullable: false,
            filter: ID_FILTER,
            sortable: true,
          },
        ),
        projectIdProperty,
        prop(
          "cost_code_id",
          "Edm.Int64",
          "Procore id of the cost code. Filters on it (eq, in) are evaluated by Procore.",
          {
            nullable: false,
            filter: ID_FILTER,
          },
        ),
        prop("cost_code", "Edm.String", "Cost code and name, e.g. '01-100 - Project Management'.", {
          searchable: true,
        }),
        prop("root_cost_code", "Edm.String", "Division, e.g. '01 - General Requirements'.", {
          searchable: true,
        }),
        prop(
          "category_id",
          "Edm.Int64",
          "Procore id of the cost type. Filters on it (eq, in) are evaluated by Procore.",
          {
            nullable: false,
            filter: ID_FILTER,
          },
        ),
        prop("category", "Edm.String", "Cost type, e.g. 'Labor', 'Material'.", { searchable: true }),
        prop("original_budget_amount", "Edm.Decimal", "Original budget in the project currency."),
        prop("budget_modifications", "Edm.Decimal", "Net budget modifications."),
        prop("budget_forecast_amount", "Edm.Decimal", "Forecast to complete."),
        prop("currency", "Edm.String", "ISO currency code, e.g. 'USD'."),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId, budgetViewId }) => ({
        path: `/rest/v1.0/budget_views/${budgetViewId}/detail_rows`,
        query: [["project_id", String(projectId)]],
      }),
      toRow: (r, projectId) => ({
        id: num(r.id),
        project_id: projectId ?? null,
        cost_code_id: num(r.cost_code_id),
        cost_code: text(r.cost_code),
        root_cost_code: text(r.root_cost_code),
        category_id: num(r.category_id),
        category: text(r.category),
        original_budget_amount: num(r.original_budget_amount),
        budget_modifications: num(r.budget_modifications),
        budget_forecast_amount: num(nested(r.budget_forecast, "amount")),
        currency: text(nested(r.currency_configuration, "currency_iso_code")),
      }),
    },
  ],
  filters: {
    ...PROJECT_FILTER,
    id: { kind: "ids", param: "budget_line_item_id" },
    cost_code_id: { kind: "ids", param: "cost_code_id" },
    category_id: { kind: "ids", param: "category_id" },
  },
  sort: { style: "list", fields: ["id"] },
};
