/** RFIs: requests for information, per project (`/projects/{id}/rfis`). */
import { bool, nested, num, prop, text, timestamp } from "../schema/property.ts";
import {
  COMMON_FILTERS,
  createdAt,
  idProperty,
  PROJECT_FILTER,
  projectIdProperty,
  updatedAt,
} from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

const STATUSES = ["draft", "open", "closed"];

export const rfis: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "RFIs",
    description:
      "Requests for information on the company's projects: the question, who holds the ball, and the cost and schedule impact.",
    entityType: {
      name: "Rfi",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("RFI", true),
        projectIdProperty,
        prop("number", "Edm.String", "RFI number within the project.", { searchable: true }),
        prop("full_number", "Edm.String", "Number with its prefix, as printed.", { searchable: true }),
        prop("subject", "Edm.String", "What the RFI asks about.", { searchable: true }),
        prop("status", "Edm.String", "Workflow status. Filters on it (eq, in) are evaluated by Procore.", {
          nullable: false,
          filter: ["eq", "in"],
          allowedValues: STATUSES,
        }),
        prop("due_date", "Edm.Date", "Date an answer is due."),
        prop("initiated_at", "Edm.DateTimeOffset", "When the RFI was sent out."),
        prop("time_resolved", "Edm.DateTimeOffset", "When the RFI was answered and closed."),
        prop("private", "Edm.Boolean", "Visible only to its distribution."),
        prop("ball_in_court_id", "Edm.Int64", "Procore user id of the person who must act next."),
        prop("ball_in_court_name", "Edm.String", "Name of the person who must act next ('ball in court')."),
        prop("rfi_manager_name", "Edm.String", "Name of the RFI manager."),
        prop("received_from_name", "Edm.String", "Who raised the question."),
        prop("responsible_contractor_id", "Edm.Int64", "Vendor id of the responsible contractor."),
        prop("responsible_contractor_name", "Edm.String", "Name of the responsible contractor."),
        prop(
          "cost_code_name",
          "Edm.String",
          "Cost code the RFI affects, e.g. '03-300 - Cast-in-Place Concrete'.",
        ),
        prop(
          "cost_impact_status",
          "Edm.String",
          "Cost impact: yes_known, yes_unknown, no_impact, tbd or n_a.",
          {
            allowedValues: ["yes_known", "yes_unknown", "no_impact", "tbd", "n_a"],
          },
        ),
        prop("cost_impact_value", "Edm.Decimal", "Cost impact amount when known."),
        prop(
          "schedule_impact_status",
          "Edm.String",
          "Schedule impact: yes_known, yes_unknown, no_impact, tbd or n_a.",
          {
            allowedValues: ["yes_known", "yes_unknown", "no_impact", "tbd", "n_a"],
          },
        ),
        prop("schedule_impact_value", "Edm.Int32", "Schedule impact in days when known."),
        prop("created_by_name", "Edm.String", "Who created the RFI."),
        prop("link", "Edm.String", "Link to the RFI in Procore's web app."),
        createdAt(true),
        updatedAt(true),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId }) => ({ path: `/rest/v1.0/projects/${projectId}/rfis`, query: [] }),
      toRow: (r, projectId) => ({
        id: num(r.id),
        project_id: projectId ?? null,
        number: text(r.number),
        full_number: text(r.full_number),
        subject: text(r.subject),
        status: text(r.status),
        due_date: text(r.due_date),
        initiated_at: timestamp(r.initiated_at),
        time_resolved: timestamp(r.time_resolved),
        private: bool(r.private),
        ball_in_court_id: num(nested(r.ball_in_court, "id")),
        ball_in_court_name: text(nested(r.ball_in_court, "name")),
        rfi_manager_name: text(nested(r.rfi_manager, "name")),
        received_from_name: text(nested(r.received_from, "name")),
        responsible_contractor_id: num(nested(r.responsible_contractor, "id")),
        responsible_contractor_name: text(nested(r.responsible_contractor, "name")),
        cost_code_name: text(nested(r.cost_code, "name")),
        cost_impact_status: text(nested(r.cost_impact, "status")),
        cost_impact_value: num(nested(r.cost_impact, "value")),
        schedule_impact_status: text(nested(r.schedule_impact, "status")),
        schedule_impact_value: num(nested(r.schedule_impact, "value")),
        created_by_name: text(nested(r.created_by, "name")),
        link: text(r.link),
        created_at: timestamp(r.created_at),
        updated_at: timestamp(r.updated_at),
      }),
    },
  ],
  filters: { ...COMMON_FILTERS, ...PROJECT_FILTER, status: { kind: "values", param: "filters[status]" } },
  sort: { style: "attribute", fields: ["id", "created_at", "updated_at"] },
  search: { param: "search", fields: ["subject", "number", "full_number"] },
};
