/** Observations: safety and quality items found on site, per project. Procore does not sort them. */
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

const STATUSES = ["initiated", "ready_for_review", "not_accepted", "closed"];
const PRIORITIES = ["Low", "Medium", "High", "Urgent"];

export const observations: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "Observations",
    description: "Safety, quality and commissioning observations raised on site, with who must fix them.",
    entityType: {
      name: "Observation",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("observation", false),
        projectIdProperty,
        prop("number", "Edm.Int32", "Observation number within the project."),
        prop("name", "Edm.String", "Short title.", { searchable: true }),
        prop("description", "Edm.String", "What was observed.", { searchable: true }),
        prop("status", "Edm.String", "Workflow status. Filters on it (eq, in) are evaluated by Procore.", {
          nullable: false,
          filter: ["eq", "in"],
          allowedValues: STATUSES,
        }),
        prop("priority", "Edm.String", "Priority. Filters on it (eq, in) are evaluated by Procore.", {
          filter: ["eq", "in"],
          allowedValues: PRIORITIES,
        }),
        prop("type_name", "Edm.String", "Observation type, e.g. 'Safety', 'Commissioning'."),
        prop("trade_name", "Edm.String", "Trade responsible, e.g. 'Plumbing'."),
        prop("assignee_name", "Edm.String", "Person who must resolve it."),
        prop("created_by_name", "Edm.String", "Who raised it."),
        prop("due_date", "Edm.Date", "Date it must be resolved by."),
        prop("closed_at", "Edm.DateTimeOffset", "When it was closed."),
        prop("personal", "Edm.Boolean", "Visible only to its creator."),
        createdAt(false),
        updatedAt(false),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId }) => ({
        path: "/rest/v1.0/observations/items",
        query: [["project_id", String(projectId)]],
      }),
      toRow: (r, projectId) => ({
        id: num(r.id),
        project_id: projectId ?? null,
        number: num(r.number),
        name: text(r.name),
        description: text(r.description),
        status: text(r.status),
        priority: text(r.priority),
        type_name: text(nested(r.type, "name")),
        trade_name: text(nested(r.trade, "name")),
        assignee_name: text(nested(r.assignee, "name")),
        created_by_name: text(nested(r.created_by, "name")),
        due_date: text(r.due_date),
        closed_at: timestamp(r.closed_at),
        personal: bool(r.personal),
        created_at: timestamp(r.created_at),
        updated_at: timestamp(r.updated_at),
      }),
    },
  ],
  filters: {
    ...COMMON_FILTERS,
    ...PROJECT_FILTER,
    status: { kind: "values", param: "filters[status]" },
    priority: { kind: "values", param: "filters[priority]" },
  },
  search: { param: "filters[search]", fields: ["name", "description", "number"] },
};
