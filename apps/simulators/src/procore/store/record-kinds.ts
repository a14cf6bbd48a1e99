/**
 * The project-scoped records the simulator can create, update and delete, by the path segment
 * the test endpoint names them with. `resourceName` is Procore's webhook resource name (the
 * `resource_name` of triggers and events), as Procore's webhook resource list spells it
 * (procore/documentation `plan_your_app/webhooks_api.md` points to that list; the names below
 * are the ones a Procore sandbox lists for these tools). Records of one `idSpace` share an id
 * sequence, as Procore's commitments do.
 */
import type { StoredTools } from "./stored-records.ts";

export type ToolList = Exclude<keyof StoredTools, "projectId" | "vendorIds">;

export interface RecordKind {
  readonly resourceName: string;
  readonly list: ToolList;
  readonly idSpace: string;
}

export const PROJECT_RECORD_KINDS = {
  rfis: { resourceName: "RFIs", list: "rfis", idSpace: "rfi" },
  submittals: { resourceName: "Submittals", list: "submittals", idSpace: "submittal" },
  observations: { resourceName: "Observation Items", list: "observations", idSpace: "observation" },
  work_order_contracts: {
    resourceName: "Work Order Contracts",
    list: "workOrderContracts",
    idSpace: "commitment",
  },
  purchase_order_contracts: {
    resourceName: "Purchase Order Contracts",
    list: "purchaseOrderContracts",
    idSpace: "commitment",
  },
  change_order_packages: {
    resourceName: "Change Order Packages",
    list: "changeOrderPackages",
    idSpace: "changeOrderPackage",
  },
} as const satisfies Record<string, RecordKind>;

export type ProjectRecordKind = keyof typeof PROJECT_RECORD_KINDS;

/** Projects are company-level records; Procore's webhook resource for them is "Projects". */
export const PROJECTS_RESOURCE_NAME = "Projects";
