/**
 * `JCM_MASTER__COMMITMENT`: the subcontracts and purchase orders of each job, one per vendor and
 * kind of cost, with what has been invoiced against them taken from the job's transactions.
 */
import { DAY_MS } from "../dates.ts";
import { KEY_WIDTH, padKey, roundCents, sageDate } from "./conventions.ts";
import type { JobPlan, PlannedCommitment } from "./job-plan.ts";
import type { JobTotals } from "./job-totals.ts";
import type { CommitmentRow } from "./tables.ts";

export function commitmentRows(plan: JobPlan, totals: JobTotals): CommitmentRow[] {
  return plan.commitments.map((planned, index) => commitmentRow(plan, planned, index, totals));
}

function commitmentRow(
  plan: JobPlan,
  planned: PlannedCommitment,
  index: number,
  totals: JobTotals,
): CommitmentRow {
  const invoiced = totals.invoiced(planned.commitment);
  // Change orders follow the work: a sub that billed past its contract got a change order for it.
  const changes = roundCents(Math.max(0, invoiced - planned.originalAmount));
  // Trades are bought out in the weeks between the contract and the start of work.
  const awarded = Math.min(plan.project.startDate, plan.contractDate + (index % 6) * 7 * DAY_MS);
  return {
    Commitment: planned.commitment,
    Vendor: padKey(planned.vendor.code, KEY_WIDTH.vendor),
    Job: plan.paddedJob,
    Extra: "",
    Description: `${planned.type === "Subcontract" ? "Subcontract" : "PO"} - ${planned.vendor.trade}`,
    Commitment_Type: planned.type,
    Date: sageDate(awarded),
    Original_Commitment: planned.originalAmount,
    Approved_Changes: changes,
    Revised_Commitment: roundCents(planned.originalAmount + changes),
    Amount_Invoiced: invoiced,
    Retainage_Percent: planned.type === "Subcontract" ? plan.retainagePercent : 0,
    Closed: plan.project.status === "Closed" ? 1 : 0,
  };
}
