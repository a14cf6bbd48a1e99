/**
 * Example calls of the Action's operations, on the demo company's data (`pnpm start`): the
 * OpenAPI document lists each as named examples of the parameters it sets, and every value the
 * parameter descriptions show is the value of one of these calls. A test runs them all against
 * the demo, read back from the served document.
 */

export interface ActionExample {
  /** The example's name, the same under every parameter the call sets. */
  readonly name: string;
  readonly summary: string;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
}

export const DESCRIBE_EXAMPLES: readonly ActionExample[] = [
  { name: "jobs", summary: "The Sage jobs", parameters: { entitySet: "Jobs" } },
  { name: "rfis", summary: "The Procore RFIs", parameters: { entitySet: "Procore_RFIs" } },
];

export const QUERY_EXAMPLES: readonly ActionExample[] = [
  {
    name: "jobsInProgress",
    summary: "Jobs in progress with their contract, largest first",
    parameters: {
      entitySet: "Jobs",
      filter: "Status eq 'In Progress'",
      select: "Job,Description,Status",
      orderby: "Revised_Contract_Amount desc",
      top: 10,
    },
  },
  {
    name: "largeCosts",
    summary: "Cost transactions over 5,000 on job 23-104",
    parameters: {
      entitySet: "JobCostTransactions",
      filter: "Amount gt 5000 and Job eq '23-104'",
      select: "Cost_Code,Transaction_Type,Amount,Transaction_Date",
      top: 20,
    },
  },
  {
    name: "clinics",
    summary: "Jobs whose description mentions a clinic",
    parameters: { entitySet: "Jobs", filter: "contains(Description,'Clinic')", select: "Job,Description" },
  },
  {
    name: "vendorsStartingWith",
    summary: "Vendors whose code starts with BAK",
    parameters: { entitySet: "Vendors", filter: "startswith(Vendor,'BAK')", select: "Vendor,Name" },
  },
  {
    name: "recentContracts",
    summary: "Jobs contracted in 2024 or later",
    parameters: {
      entitySet: "Jobs",
      filter: "Contract_Date ge 2024-01-01",
      select: "Job,Description,Contract_Date",
    },
  },
  {
    name: "twoJobs",
    summary: "Two jobs by number",
    parameters: { entitySet: "Jobs", filter: "Job in ('23-104','23-110')", select: "Job,Description,Status" },
  },
  {
    name: "openJobs",
    summary: "Jobs not completed yet",
    parameters: { entitySet: "Jobs", filter: "Actual_Complete_Date eq null", select: "Job,Description" },
  },
  {
    name: "invoices2024",
    summary: "AP invoices dated in 2024, newest first per vendor",
    parameters: {
      entitySet: "ApInvoices",
      filter: "year(Invoice_Date) eq 2024",
      orderby: "Vendor,Invoice_Date desc",
      top: 20,
    },
  },
  {
    name: "page",
    summary: "Cost transactions 101 to 105",
    parameters: { entitySet: "JobCostTransactions", skip: 100, top: 5 },
  },
  {
    name: "countInProgress",
    summary: "How many jobs are in progress",
    parameters: { entitySet: "Jobs", filter: "Status eq 'In Progress'", count: true, top: 0 },
  },
  {
    name: "searchWord",
    summary: "Vendors found by a word",
    parameters: { entitySet: "Vendors", search: "concrete", select: "Vendor,Name" },
  },
  {
    name: "searchPhrase",
    summary: "Jobs found by a phrase",
    parameters: { entitySet: "Jobs", search: '"cold storage"', select: "Job,Description" },
  },
  {
    name: "searchEither",
    summary: "Cost codes found by either word",
    parameters: { entitySet: "CostCodes", search: "concrete OR steel", top: 10 },
  },
  {
    name: "contractByStatus",
    summary: "Contract amount and number of jobs per status",
    parameters: {
      entitySet: "Jobs",
      apply: "groupby((Status),aggregate(Revised_Contract_Amount with sum as Total,$count as Rows))",
      orderby: "Total desc",
    },
  },
  {
    name: "totalCost",
    summary: "All posted cost",
    parameters: { entitySet: "JobCostTransactions", apply: "aggregate(Amount with sum as Total)" },
  },
  {
    name: "costByCode",
    summary: "Job 23-104's cost per cost code",
    parameters: {
      entitySet: "JobCostTransactions",
      apply: "filter(Job eq '23-104')/groupby((Cost_Code),aggregate(Amount with sum as Cost))",
    },
  },
  {
    name: "jobsWithCommitments",
    summary: "Jobs with their commitments",
    parameters: { entitySet: "Jobs", select: "Job,Description", expand: "Commitments", top: 3 },
  },
  {
    name: "largestTransactions",
    summary: "Jobs with their five largest cost transactions",
    parameters: {
      entitySet: "Jobs",
      select: "Job,Description",
      expand: "Transactions($select=Amount,Transaction_Type;$orderby=Amount desc;$top=5)",
      top: 3,
    },
  },
  {
    name: "openRfis",
    summary: "Open Procore RFIs",
    parameters: {
      entitySet: "Procore_RFIs",
      filter: "status eq 'open'",
      select: "number,subject,due_date",
      top: 10,
    },
  },
];

export const GET_ENTITY_EXAMPLES: readonly ActionExample[] = [
  {
    name: "bareKey",
    summary: "Job 23-104, key as written",
    parameters: { entitySet: "Jobs", key: "23-104" },
  },
  {
    name: "quotedKey",
    summary: "Job 23-104, key in OData quotes, with its commitments",
    parameters: {
      entitySet: "Jobs",
      key: "'23-104'",
      select: "Job,Description,Status",
      expand: "Commitments",
    },
  },
  {
    name: "numberKey",
    summary: "A Procore project by its id",
    parameters: { entitySet: "Procore_Projects", key: "2783000" },
  },
  {
    name: "compoundKey",
    summary: "Cost code 01-100 of job 23-104 (CostCodes' key is Job, Extra, Cost_Code)",
    parameters: { entitySet: "CostCodes", key: "Job='23-104',Extra='',Cost_Code='01-100'" },
  },
];
