/**
 * Every table except the two big streamed ones (transactions and AP invoices), in memory: they
 * are small (a few rows per job). Job-to-date figures come from `totals`, computed by streaming
 * the transactions when not given, so a loader that already streamed them passes its own.
 */
import type { Company } from "../company/types.ts";
import { commitmentRows } from "./commitments.ts";
import { categoryRows, costCodeRows } from "./cost-structure.ts";
import { accountRows, customerRows, vendorRows } from "./directory.ts";
import { planJob } from "./job-plan.ts";
import { computeJobTotals, type JobTotals } from "./job-totals.ts";
import { jobRow } from "./jobs.ts";
import type {
  AccountRow,
  CategoryRow,
  CommitmentRow,
  CostCodeRow,
  CustomerRow,
  JobRow,
  VendorRow,
} from "./tables.ts";

export interface SageMasterTables {
  readonly JCM_MASTER__JOB: JobRow[];
  readonly JCM_MASTER__COST_CODE: CostCodeRow[];
  readonly JCM_MASTER__CATEGORY: CategoryRow[];
  readonly JCM_MASTER__COMMITMENT: CommitmentRow[];
  readonly APM_MASTER__VENDOR: VendorRow[];
  readonly ARM_MASTER__CUSTOMER: CustomerRow[];
  readonly GLM_MASTER__ACCOUNT: AccountRow[];
}

export class MissingTotalsError extends Error {
  constructor(readonly jobNumber: string) {
    super(`no job-to-date totals for job ${jobNumber}`);
    this.name = "MissingTotalsError";
  }
}

export function generateSageMasterTables(
  company: Company,
  totals: ReadonlyMap<string, JobTotals> = computeJobTotals(company),
): SageMasterTables {
  const tables: SageMasterTables = {
    JCM_MASTER__JOB: [],
    JCM_MASTER__COST_CODE: [],
    JCM_MASTER__CATEGORY: [],
    JCM_MASTER__COMMITMENT: [],
    APM_MASTER__VENDOR: vendorRows(company),
    ARM_MASTER__CUSTOMER: customerRows(company),
    GLM_MASTER__ACCOUNT: accountRows(),
  };
  for (const project of company.projects) {
    const plan = planJob(company, project);
    const jobTotals = totals.get(project.jobNumber);
    if (!jobTotals) throw new MissingTotalsError(project.jobNumber);
    const commitments = commitmentRows(plan, jobTotals);
    tables.JCM_MASTER__JOB.push(jobRow(plan, jobTotals, commitments));
    tables.JCM_MASTER__COST_CODE.push(...costCodeRows(plan));
    tables.JCM_MASTER__CATEGORY.push(...categoryRows(plan));
    tables.JCM_MASTER__COMMITMENT.push(...commitments);
  }
  return tables;
}
