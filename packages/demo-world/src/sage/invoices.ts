/**
 * `APM_MASTER__INVOICE`: one AP invoice per vendor cost transaction, so every invoice has a job
 * cost line and the two tables agree. Derived from the transaction stream, row by row.
 */

import type { Company } from "../company/types.ts";
import { DAY_MS, WORLD_END } from "../dates.ts";
import { roundCents, sageDate } from "./conventions.ts";
import type { JobPlan } from "./job-plan.ts";
import { jobTransactions, plannedJobs } from "./job-transactions.ts";
import type { InvoiceRow, TransactionRow } from "./tables.ts";

const PAYMENT_TERMS_DAYS = 30;

/** The invoice behind a vendor's cost transaction, or undefined for other transactions. */
export function invoiceOf(plan: JobPlan, row: TransactionRow): InvoiceRow | undefined {
  if (row.Vendor === "") return undefined;
  const invoiceDate = Date.parse(row.Transaction_Date);
  const due = invoiceDate + PAYMENT_TERMS_DAYS * DAY_MS;
  // A few old invoices stay open (disputes, missing lien releases); derived from Row_ID so it is stable.
  const disputed = (Math.imul(row.Row_ID, 2654435761) >>> 0) % 100 < 2;
  const paid = due < WORLD_END - 10 * DAY_MS && !disputed;
  // Retainage stays payable until the job closes, and keeps the invoice open until then.
  const held = plan.project.status === "Closed" ? 0 : row.Retainage;
  return {
    Vendor: row.Vendor,
    Invoice: row.Invoice,
    Invoice_Date: row.Transaction_Date,
    Accounting_Date: row.Accounting_Date,
    Due_Date: sageDate(due),
    Job: row.Job,
    Description: row.Description,
    Status: paid && held === 0 ? "Fully paid" : "Open",
    Amount: row.Amount,
    Retainage: row.Retainage,
    Pmt_Amount: paid ? roundCents(row.Amount - held) : 0,
    Included_For_Pmt: !paid && due <= WORLD_END + 15 * DAY_MS && !disputed ? 1 : 0,
    Invoice_Code_1: "",
  };
}

/** All AP invoices of the company, streamed alongside the transactions they come from. */
export function* companyInvoices(company: Company): Generator<InvoiceRow> {
  for (const { plan, firstRowId } of plannedJobs(company)) {
    for (const row of jobTransactions(company, plan, firstRowId)) {
      const invoice = invoiceOf(plan, row);
      if (invoice) yield invoice;
    }
  }
}
