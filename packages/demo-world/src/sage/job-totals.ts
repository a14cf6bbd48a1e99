/**
 * Job-to-date figures of a job, summed from its transactions as they stream by. The job master
 * (`JTD_Cost`, `JTD_Work_Billed`...) and the commitments (`Amount_Invoiced`) are filled from
 * these, so they agree with the transaction tables to the cent.
 */
import type { Company } from "../company/types.ts";
import { toCents } from "./conventions.ts";
import type { JobPlan } from "./job-plan.ts";
import { jobTransactions, plannedJobs } from "./job-transactions.ts";
import type { TransactionRow } from "./tables.ts";

export class JobTotals {
  transactions = 0;
  private costCents = 0;
  private billedCents = 0;
  private retainageBilledCents = 0;
  private lastBillingCents = 0;
  private readonly invoicedCents = new Map<string, number>();

  constructor(readonly jobNumber: string) {}

  /** Sums in whole cents, so a million additions do not drift. */
  add(row: TransactionRow): void {
    this.transactions++;
    const cents = toCents(row.Amount);
    if (row.Transaction_Type === "Work billed") {
      this.billedCents += cents;
      this.retainageBilledCents += toCents(row.Retainage);
      this.lastBillingCents = cents - toCents(row.Retainage);
      return;
    }
    this.costCents += cents;
    if (row.Commitment !== "")
      this.invoicedCents.set(row.Commitment, (this.invoicedCents.get(row.Commitment) ?? 0) + cents);
  }

  get cost(): number {
    return this.costCents / 100;
  }

  get workBilled(): number {
    return this.billedCents / 100;
  }

  get retainageBilled(): number {
    return this.retainageBilledCents / 100;
  }

  /** The latest billing net of retainage: still unpaid at the end of the world. */
  get lastBillingNet(): number {
    return this.lastBillingCents / 100;
  }

  /** What has been invoiced against a commitment (padded id). */
  invoiced(commitment: string): number {
    return (this.invoicedCents.get(commitment) ?? 0) / 100;
  }
}

/** One job's totals, streaming only that job's transactions. */
export function totalsOfJob(company: Company, plan: JobPlan): JobTotals {
  const totals = new JobTotals(plan.project.jobNumber);
  for (const row of jobTransactions(company, plan)) totals.add(row);
  return totals;
}

/** Totals of every job by job number; holds one small record per job, never the rows. */
export function computeJobTotals(company: Company): Map<string, JobTotals> {
  const totals = new Map<string, JobTotals>();
  for (const { plan, firstRowId } of plannedJobs(company)) {
    const job = new JobTotals(plan.project.jobNumber);
    for (const row of jobTransactions(company, plan, firstRowId)) job.add(row);
    totals.set(job.jobNumber, job);
  }
  return totals;
}
