/**
 * Commitments: subcontracts (work order contracts) and purchase orders, per project, read from
 * both endpoints. Deleted contracts are left out, as Procore does by default.
 */
import type { Row } from "@headgate/model";
import { bool, nested, num, prop, text, timestamp } from "../schema/property.ts";
import {
  COMMON_FILTERS,
  createdAt,
  idProperty,
  PROJECT_FILTER,
  projectIdProperty,
  updatedAt,
} from "./common.ts";
import type { Endpoint, ProcoreEntitySet } from "./procore-entity-set.ts";

const STATUSES = ["Draft", "Out For Bid", "Out For Signature", "Approved", "Complete", "Terminated", "Void"];

function endpoint(path: string, contractType: string): Endpoint {
  return {
    request: ({ projectId }) => ({ path, query: [["project_id", String(projectId)]] }),
    toRow: (r, projectId): Row => ({
      id: num(r.id),
      project_id: projectId ?? null,
      contract_type: contractType,
      number: text(r.number),
      title: text(r.title),
      status: text(r.status),
      executed: bool(r.executed),
      vendor_id: num(nested(r.vendor, "id")),
      vendor_name: text(nested(r.vendor, "company")),
      grand_total: num(r.grand_total),
      approved_change_orders: num(r.approved_change_orders),
      pending_change_orders: num(r.pending_change_orders),
      revised_contract: num(r.revised_contract),
      total_payments: num(r.total_payments),
      remaining_balance_outstanding: num(r.remaining_balance_outstanding),
      retainage_percent: num(r.retainage_percent),
      contract_date: text(r.contract_date),
      execution_date: text(r.execution_date),
      origin_id: text(r.origin_id),
      created_at: timestamp(r.created_at),
      updated_at: timestamp(r.updated_at),
    }),
  };
}

export const commitments: ProcoreEntitySet = {
  scope: "project",
  definition: {
    name: "Commitments",
    description:
      "Subcontracts (work order contracts) and purchase orders of each project, with their values and payments.",
    entityType: {
      name: "Commitment",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("contract", false),
        projectIdProperty,
        prop("contract_type", "Edm.String", "WorkOrderContract (subcontract) or PurchaseOrderContract.", {
          nullable: false,
          allowedValues: ["WorkOrderContract", "PurchaseOrderContract"],
        }),
        prop("number", "Edm.String", "Contract number, e.g. '24-101-001'.", { searchable: true }),
        prop("title", "Edm.String", "Contract title.", { searchable: true }),
        prop("status", "Edm.String", "Contract status. Filters on it (eq, in) are evaluated by Procore.", {
          filter: ["eq", "in"],
          allowedValues: STATUSES,
        }),
        prop("executed", "Edm.Boolean", "True once signed by both parties."),
        prop("vendor_id", "Edm.Int64", "Procore id of the vendor."),
        prop("vendor_name", "Edm.String", "Vendor company name.", { searchable: true }),
        prop("grand_total", "Edm.Decimal", "Original contract value."),
        prop("approved_change_orders", "Edm.Decimal", "Total of approved change orders."),
        prop("pending_change_orders", "Edm.Decimal", "Total of pending change orders."),
        prop("revised_contract", "Edm.Decimal", "Contract value including approved change orders."),
        prop("total_payments", "Edm.Decimal", "Paid so far."),
        prop("remaining_balance_outstanding", "Edm.Decimal", "Still to be paid."),
        prop("retainage_percent", "Edm.Decimal", "Retainage held, in percent."),
        prop("contract_date", "Edm.Date", "Contract date."),
        prop("execution_date", "Edm.Date", "Date the contract was executed."),
        prop("origin_id", "Edm.String", "Id of the commitment in the ERP it came from, if any."),
        createdAt(false),
        updatedAt(false),
      ],
    },
  },
  endpoints: [
    endpoint("/rest/v1.0/work_order_contracts", "WorkOrderContract"),
    endpoint("/rest/v1.0/purchase_order_contracts", "PurchaseOrderContract"),
  ],
  filters: { ...COMMON_FILTERS, ...PROJECT_FILTER, status: { kind: "values", param: "filters[status]" } },
};
