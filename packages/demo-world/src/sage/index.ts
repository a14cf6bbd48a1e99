export type { LedgerAccount } from "./chart-of-accounts.ts";
export { ACCOUNTS, LEDGER } from "./chart-of-accounts.ts";
export type { SageDate } from "./conventions.ts";
export { CURRENT_FISCAL_YEAR, KEY_WIDTH, padKey } from "./conventions.ts";
export type { CostCategory, CostCode } from "./cost-codes.ts";
export { CATEGORIES, GENERAL_CONDITIONS, TRADE_COST_CODES } from "./cost-codes.ts";
export { companyInvoices, invoiceOf } from "./invoices.ts";
export type { CostLine, JobPlan, PlannedCommitment } from "./job-plan.ts";
export { expectedTransactionCount, planJob, sageRandom } from "./job-plan.ts";
export { computeJobTotals, JobTotals, totalsOfJob } from "./job-totals.ts";
export type { PlannedJob } from "./job-transactions.ts";
export {
  companyTransactions,
  jobTransactions,
  plannedJobs,
  transactionBatches,
  transactionTableOf,
} from "./job-transactions.ts";
export type { SageMasterTables } from "./master-tables.ts";
export { generateSageMasterTables, MissingTotalsError } from "./master-tables.ts";
export type { StreamMeasurement } from "./measure-transaction-stream.ts";
export { measureTransactionStream } from "./measure-transaction-stream.ts";
export type * from "./tables.ts";
export { SAGE_TABLES } from "./tables.ts";
