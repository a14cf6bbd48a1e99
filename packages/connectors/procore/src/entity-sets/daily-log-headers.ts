/**
 * DailyLogHeaders: one per project and day. Procore returns only today's logs when no date is
 * given, so the connector always sends a window: the `log_date` filters when there are any,
 * otherwise every day from 2000-01-01 to 2099-12-31.
 */
import { bool, nested, num, prop, text, timestamp } from "../schema/property.ts";
import { PROJECT_FILTER, projectIdProperty } from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

export const dailyLogHeaders: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "DailyLogHeaders",
    description:
      "Daily log headers: one per project and working day, with whether the log was completed and distributed.",
    entityType: {
      name: "DailyLogHeader",
      key: ["id"],
      navigation: [],
      properties: [
        prop("id", "Edm.Int64", "Procore id of the daily log header.", { nullable: false }),
        projectIdProperty,
        prop(
          "log_date",
          "Edm.Date",
          "The day the log covers. Filters on it (eq, gt, ge, lt, le) are evaluated by Procore.",
          {
            nullable: false,
            filter: ["eq", "gt", "ge", "lt", "le"],
          },
        ),
        prop("completed", "Edm.Boolean", "True once the log was completed."),
        prop("completed_by_name", "Edm.String", "Who completed it."),
        prop("completed_at", "Edm.DateTimeOffset", "When it was completed."),
        prop("distributed", "Edm.Boolean", "True once it was sent out."),
        prop("distributed_at", "Edm.DateTimeOffset", "When it was sent out."),
      ],
    },
  },
  endpoints: [
    {
      request: ({ projectId }) => ({ path: `/rest/v1.0/projects/${projectId}/daily_log_headers`, query: [] }),
      toRow: (r, projectId) => ({
        id: num(r.id),
        project_id: projectId ?? null,
        log_date: text(r.log_date),
        completed: bool(r.completed),
        completed_by_name: text(nested(r.completed_by, "name")),
        completed_at: timestamp(r.completed_at),
        distributed: bool(r.distributed),
        distributed_at: timestamp(r.distributed_at),
      }),
    },
  ],
  filters: { ...PROJECT_FILTER, log_date: { kind: "dateWindow" } },
};
