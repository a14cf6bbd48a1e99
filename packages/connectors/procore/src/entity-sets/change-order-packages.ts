/** ChangeOrderPackages: commitment change order packages, per project (deleted ones left out). */
import { bool, nested, num, prop, RANGE_FILTER, text, timestamp } from "../schema/property.ts";
import {
  COMMON_FILTERS,
  createdAt,
  idProperty,
  PROJECT_FILTER,
  projectIdProperty,
  updatedAt,
} from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

export const changeOrderPackages: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "ChangeOrderPackages",
    description: "Change order packages against the projects' commitments: amounts, status and review dates.",
    entityType: {
      name: "ChangeOrderPackage",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("change order package", false),
        projectIdProperty,
        prop("contract_id", "Edm.Int64", "Procore id of the commitment the package changes."),
        prop("number", "Edm.String", "Package number within the contract.", { searchable: true }),
        prop("title", "Edm.String", "What changed and why.", { searchable: true }),
        prop("status", "Edm.String", "draft, pending, approved, rejected or void.", {
          allowedValues: ["draft", "pending", "approved", "rejected", "void"],
        }),
        prop("executed", "Edm.Boolean", "True once executed."),
        prop("revision", "Edm.Int32", "Revision number."),
        prop("grand_total", "Edm.Decimal", "Amount of the package."),
        prop("due_date", "Edm.Date", "Date a decision is due."),
        prop(
          "reviewed_at",
          "Edm.DateTimeOffset",
          "When it was reviewed. Range filters are evaluated by Procore.",
          {
            filter: RANGE_FILTER,
          },
        ),
        prop("designated_reviewer_name", "Edm.String", "Who reviews it."),
        createdAt(false),
        updatedAt(false),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId }) => ({
        path: "/rest/v1.0/change_order_packages",
        query: [["project_id", String(projectId)]],
      }),
      toRow: (r, projectId) => ({
        id: num(r.id),
        project_id: projectId ?? null,
        contract_id: num(r.contract_id),
        number: text(r.number),
        title: text(r.title),
        status: text(r.status),
        executed: bool(r.executed),
        revision: num(r.revision),
        grand_total: num(r.grand_total),
        due_date: text(r.due_date),
        reviewed_at: timestamp(r.reviewed_at),
        designated_reviewer_name: text(nested(r.designated_reviewer, "name")),
        created_at: timestamp(r.created_at),
        updated_at: timestamp(r.updated_at),
      }),
    },
  ],
  filters: {
    ...COMMON_FILTERS,
    ...PROJECT_FILTER,
    reviewed_at: { kind: "range", param: "filters[reviewed_at]" },
  },
};
