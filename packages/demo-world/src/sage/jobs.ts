/**
 * `JCM_MASTER__JOB`: one row per company project, its job-to-date figures summed from the job's
 * transactions and commitments, so the master and the detail agree.
 */
import type { RegionName } from "../company/types.ts";
import { KEY_WIDTH, padKey, roundCents, sageDate, sageTime } from "./conventions.ts";
import type { JobPlan } from "./job-plan.ts";
import type { JobTotals } from "./job-totals.ts";
import type { CommitmentRow, JobRow } from "./tables.ts";

/** The GL prefix each region's jobs post under. */
const COST_ACCOUNT_PREFIX: Readonly<Record<RegionName, string>> = {
  North: "10",
  South: "20",
  East: "30",
  West: "40",
};

export function jobRow(plan: JobPlan, totals: JobTotals, commitments: readonly CommitmentRow[]): JobRow {
  const { project } = plan;
  const closed = project.status === "Closed";
  const retainageHeld = closed ? 0 : totals.retainageBilled;
  const unpaid = closed ? 0 : totals.lastBillingNet;
  const lastActivity = plan.activity?.end ?? plan.contractDate;
  return {
    Job: plan.paddedJob,
    Description: project.name,
    Status: project.status,
    Customer: padKey(project.customer.code, KEY_WIDTH.customer),
    Project_Manager: project.projectManager.name,
    Estimator: project.estimator.name,
    Supervisor: project.superintendent.name,
    Address_1: project.address.street,
    City: project.address.city,
    State: project.address.state,
    Zip_Code: project.address.zip,
    Contract_Date: sageDate(plan.contractDate),
    Original_Contract_Amount: project.contractAmount,
    JTD_Aprvd_Contract_Chgs: plan.approvedChanges,
    Revised_Contract_Amount: plan.revisedContract,
    Original_Estimate: plan.originalEstimate,
    Total_Estimate: plan.totalEstimate,
    JTD_Cost: totals.cost,
    JTD_Work_Billed: totals.workBilled,
    JTD_Payments: roundCents(totals.workBilled - retainageHeld - unpaid),
    JTD_Retainage_Held: retainageHeld,
    Revised_Commitment: roundCents(commitments.reduce((sum, c) => sum + c.Revised_Commitment, 0)),
    Percent_Complete: percentComplete(plan, totals),
    Estimated_Start_Date: sageDate(project.startDate),
    Actual_Start_Date: plan.activity ? sageDate(plan.activity.start) : null,
    Estimated_Comp_Date: sageDate(project.completionDate),
    Actual_Complete_Date: closed ? sageDate(project.completionDate) : null,
    Cost_Account_Prefix: COST_ACCOUNT_PREFIX[project.region],
    Job_Type: project.type,
    Contract_Type: plan.contractType,
    Retainage_Percent: plan.retainagePercent,
    Date_Stamp: sageDate(lastActivity),
    // The start moment carries a working hour; the end of the world is one second to midnight.
    Time_Stamp: sageTime(project.startDate),
    Operator_Stamp: "MALVAREZ",
  };
}

/** Cost-to-cost percent complete, the way Sage computes it; a closed job is complete. */
function percentComplete(plan: JobPlan, totals: JobTotals): number {
  if (plan.project.status === "Closed") return 100;
  if (plan.totalEstimate <= 0) return 0;
  return Math.min(100, roundCents((totals.cost / plan.totalEstimate) * 100));
}
