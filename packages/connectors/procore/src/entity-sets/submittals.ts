/** Submittals: product data, shop drawings and samples sent for review, per project (v1.1 shape). */
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

export const submittals: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "Submittals",
    description: "Submittals (product data, shop drawings, samples) under review on the company's projects.",
    entityType: {
      name: "Submittal",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("submittal", true),
        projectIdProperty,
        prop("number", "Edm.String", "Submittal number within its specification section.", {
          searchable: true,
        }),
        prop("formatted_number", "Edm.String", "Number as printed, e.g. '221000-1'.", { searchable: true }),
        prop("revision", "Edm.String", "Revision, '0' for the original."),
        prop("title", "Edm.String", "Submittal title.", { searchable: true }),
        prop("description", "Edm.String", "What is submitted.", { searchable: true }),
        prop("status", "Edm.String", "Review status name, e.g. 'Open', 'Closed'.", { nullable: false }),
        prop("type", "Edm.String", "Submittal type, e.g. 'Product Information', 'Shop Drawing'."),
        prop("specification_section_number", "Edm.String", "Specification section, e.g. '22 10 00'."),
        prop("specification_section_description", "Edm.String", "Specification section title."),
        prop("submittal_manager_name", "Edm.String", "Name of the submittal manager."),
        prop(
          "ball_in_court_names",
          "Edm.String",
          "Names of the people who must act next, comma-separated; null when nobody.",
        ),
        prop("received_from_name", "Edm.String", "Who sent the submittal."),
        prop("responsible_contractor_id", "Edm.Int64", "Vendor id of the responsible contractor."),
        prop("responsible_contractor_name", "Edm.String", "Name of the responsible contractor."),
        prop("due_date", "Edm.Date", "Date the review is due."),
        prop("issue_date", "Edm.Date", "Date the submittal was issued."),
        prop("received_date", "Edm.Date", "Date it was received."),
        prop("distributed_at", "Edm.DateTimeOffset", "When the reviewed submittal was distributed."),
        prop("private", "Edm.Boolean", "Visible only to its distribution."),
        createdAt(true),
        updatedAt(true),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId }) => ({ path: `/rest/v1.1/projects/${projectId}/submittals`, query: [] }),
      toRow: (r, projectId) => {
        const courts = Array.isArray(r.ball_in_court)
          ? r.ball_in_court.map((u) => text(nested(u, "name")))
          : [];
        return {
          id: num(r.id),
          project_id: projectId ?? null,
          number: text(r.number),
          formatted_number: text(r.formatted_number),
          revision: text(r.revision),
          title: text(r.title),
          description: text(r.description),
          status: text(nested(r.status, "name")),
          type: text(nested(r.type, "name")),
          specification_section_number: text(nested(r.specification_section, "number")),
          specification_section_description: text(nested(r.specification_section, "description")),
          submittal_manager_name: text(nested(r.submittal_manager, "name")),
          ball_in_court_names: courts.length === 0 ? null : courts.filter(Boolean).join(", "),
          received_from_name: text(nested(r.received_from, "name")),
          responsible_contractor_id: num(nested(r.responsible_contractor, "id")),
          responsible_contractor_name: text(nested(r.responsible_contractor, "name")),
          due_date: text(r.due_date),
          issue_date: text(r.issue_date),
          received_date: text(r.received_date),
          distributed_at: timestamp(r.distributed_at),
          private: bool(r.private),
          created_at: timestamp(r.created_at),
          updated_at: timestamp(r.updated_at),
        };
      },
    },
  ],
  filters: { ...COMMON_FILTERS, ...PROJECT_FILTER },
  sort: { style: "list", fields: ["id", "created_at", "updated_at"] },
  search: { param: "filters[query]", fields: ["title", "number", "formatted_number", "description"] },
};
