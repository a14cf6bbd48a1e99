/** Projects: the company's projects, active and inactive (`filters[by_status]=All`). */
import { bool, num, prop, text, timestamp } from "../schema/property.ts";
import { COMMON_FILTERS, createdAt, idProperty, updatedAt } from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

export const projects: ProcoreEntitySet = {
  scope: "company",
  definition: {
    name: "Projects",
    description: "Construction projects of the Procore company, active and inactive.",
    entityType: {
      name: "Project",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("project", true),
        prop("name", "Edm.String", "Project name.", { searchable: true }),
        prop(
          "display_name",
          "Edm.String",
          "Number and name as Procore shows them, e.g. '24-101 - Mill Creek Office'.",
          { searchable: true },
        ),
        prop("project_number", "Edm.String", "The company's project number, e.g. '24-101'.", {
          searchable: true,
        }),
        prop("active", "Edm.Boolean", "True while the project is active in Procore."),
        prop("stage", "Edm.String", "Project stage, e.g. 'Course of Construction'."),
        prop("address", "Edm.String", "Street address of the site."),
        prop("city", "Edm.String", "City of the site."),
        prop("state_code", "Edm.String", "State or province code, e.g. 'WA'."),
        prop("zip", "Edm.String", "Postal code."),
        prop("latitude", "Edm.Double", "Site latitude (WGS 84)."),
        prop("longitude", "Edm.Double", "Site longitude (WGS 84)."),
        prop("total_value", "Edm.Decimal", "Total contract value in the company currency."),
        prop("estimated_value", "Edm.Decimal", "Estimated value in the company currency."),
        prop("start_date", "Edm.Date", "Planned start date."),
        prop("completion_date", "Edm.Date", "Planned completion date."),
        prop(
          "origin_id",
          "Edm.String",
          "Id of the record in the ERP it came from (e.g. the Sage job), if any.",
        ),
        createdAt(true),
        updatedAt(true),
      ],
    },
  },
  endpoints: [
    {
      request: ({ companyId }) => ({
        path: "/rest/v1.0/projects",
        query: [
          ["company_id", String(companyId)],
          ["filters[by_status]", "All"],
        ],
      }),
      toRow: (r) => ({
        id: num(r.id),
        name: text(r.name),
        display_name: text(r.display_name),
        project_number: text(r.project_number),
        active: bool(r.active),
        stage: text(r.stage),
        address: text(r.address),
        city: text(r.city),
        state_code: text(r.state_code),
        zip: text(r.zip),
        latitude: num(r.latitude),
        longitude: num(r.longitude),
        total_value: num(r.total_value),
        estimated_value: num(r.estimated_value),
        start_date: text(r.start_date),
        completion_date: text(r.completion_date),
        origin_id: text(r.origin_id),
        created_at: timestamp(r.created_at),
        updated_at: timestamp(r.updated_at),
      }),
    },
  ],
  filters: COMMON_FILTERS,
  sort: { style: "list", fields: ["id", "created_at", "updated_at"] },
};
