/** Properties and filters every project-scoped Procore entity set shares. */
import type { PropertyDef } from "@headgate/model";
import { ID_FILTER, prop, RANGE_FILTER } from "../schema/property.ts";
import type { FilterParam } from "./procore-entity-set.ts";

export const projectIdProperty = prop(
  "project_id",
  "Edm.Int64",
  "Procore id of the project the record belongs to. Filtering on it (eq or in) reads only those projects; without it every project of the company is read.",
  { nullable: false, filter: ID_FILTER },
);

export function idProperty(what: string, sortable: boolean): PropertyDef {
  return prop(
    "id",
    "Edm.Int64",
    `Procore id of the ${what}. Filters on it (eq, in) are evaluated by Procore.`,
    {
      nullable: false,
      filter: ID_FILTER,
      sortable,
    },
  );
}

export function createdAt(sortable: boolean): PropertyDef {
  return prop(
    "created_at",
    "Edm.DateTimeOffset",
    "When the record was created in Procore (UTC). Range filters are evaluated by Procore.",
    {
      nullable: false,
      filter: RANGE_FILTER,
      sortable,
    },
  );
}

export function updatedAt(sortable: boolean): PropertyDef {
  return prop(
    "updated_at",
    "Edm.DateTimeOffset",
    "When the record last changed in Procore (UTC). Range filters are evaluated by Procore: the cheap way to find recent changes.",
    { nullable: false, filter: RANGE_FILTER, sortable },
  );
}

export const COMMON_FILTERS: Readonly<Record<string, FilterParam>> = {
  id: { kind: "ids", param: "filters[id]" },
  created_at: { kind: "range", param: "filters[created_at]" },
  updated_at: { kind: "range", param: "filters[updated_at]" },
};

export const PROJECT_FILTER: Readonly<Record<string, FilterParam>> = { project_id: { kind: "project" } };
