/**
 * The Sage 300 CRE tables this connector exposes, as SQL connector table mappings: friendly
 * entity set names over the standard dictionary tables (`StandardMode=1` names, the ones Sage
 * SQL Replicator also uses), properties named as Sage names its columns, and per column the
 * value convention Sage stores it with (upstreams.md §5.2):
 * - keys are fixed-width text padded with spaces: read trimmed, matched trimmed (equality
 *   compares the stored column with the padded value, so key indexes serve it);
 * - "none" is `''`, never NULL: optional codes and texts read as null when blank;
 * - money is a binary double holding cents: exposed as Edm.Decimal with 2 decimals (US
 *   dollars), compared as stored, and summed as whole cents, so sums are exact to the cent
 *   (with `moneyInCents: false`, rounded to the cent wherever it is used);
 * - 0/1 flags are exposed as booleans.
 *
 * Descriptions are written for a person and for an LLM choosing a filter: what the column
 * means in Sage, its units, its vocabulary, and the traps (`Work billed` rows are billing, not
 * cost).
 */
import type { SqlPropertyOptions, SqlTableOptions } from "@headgate/connector-sql";
import type { NavigationDef } from "@headgate/model";

/** Widths of Sage's fixed-width key columns (the Timberline dictionary's). */
export const SAGE_KEY_WIDTHS = {
  job: 10,
  extra: 10,
  costCode: 12,
  category: 3,
  vendor: 10,
  customer: 10,
  commitment: 10,
  invoice: 15,
  account: 12,
} as const;

export const JOB_STATUSES = ["In Progress", "Unstarted", "Closed", "Hold", "Pending"] as const;

/** Job cost transaction types: the cost types, billing, and the budget/commitment postings. */
export const TRANSACTION_TYPES = [
  "AP cost",
  "PR cost",
  "EQ cost",
  "JC cost",
  "SM cost",
  "Work billed",
  "Scheduled value",
] as const;

export const COMMITMENT_TYPES = ["Subcontract", "Purchase order"] as const;

export const TRANSACTION_TABLES = {
  JCT_CURRENT__TRANSACTION: "Current",
  JCT_HISTORY__TRANSACTION: "History",
};

export interface SageTableSettings {
  /** Compare keys as stored, padded to the standard widths; false: trimmed only. */
  readonly fixedWidthKeys: boolean;
  /** Money columns hold whole cents, used as stored; false: rounded to the cent wherever used. */
  readonly moneyInCents: boolean;
}

const USD = "US dollars";

export function sageTables(settings: SageTableSettings): SqlTableOptions[] {
  const width = (w: number) => (settings.fixedWidthKeys ? { fixedWidth: w } : {});
  /** Money: a double in Sage, exposed as dollars and cents. */
  const money = (name: string, description: string): SqlPropertyOptions => ({
    name,
    column: name,
    type: "Edm.Decimal",
    scale: 2,
    ...(settings.moneyInCents ? { storedAtScale: true } : {}),
    description: `${description} ${USD}.`,
  });
  /** A key that is always present: trimmed, matched trimmed. */
  const key = (name: string, w: number, description: string, more: Extra = {}): SqlPropertyOptions => ({
    name,
    column: name,
    convention: "trimPadded",
    ...width(w),
    description,
    ...more,
  });
  /** A code that may be blank ('' = none): trimmed, null when blank. */
  const ref = (name: string, w: number, description: string, more: Extra = {}): SqlPropertyOptions => ({
    name,
    column: name,
    convention: "emptyAsNull",
    ...width(w),
    description,
    ...more,
  });
  const job = (description = "Job number (key of Jobs), e.g. '23-104'.") =>
    key("Job", SAGE_KEY_WIDTHS.job, description);
  const optionalJob = (description: string) => ref("Job", SAGE_KEY_WIDTHS.job, description);

  return [
    {
      table: "JCM_MASTER__JOB",
      entitySet: "Jobs",
      entityType: "SageJob",
      description:
        "Sage 300 CRE Job Cost jobs (JCM_MASTER__JOB): one row per job (construction project) with its contract, budget and job-to-date totals. Money is in US dollars.",
      properties: [
        key(
          "Job",
          SAGE_KEY_WIDTHS.job,
          "Job number, the key of a job in Sage Job Cost, e.g. '23-104'. Sage stores it space-padded; here it is trimmed and matched trimmed.",
          { searchable: true },
        ),
        text("Description", "Job name, e.g. 'Summit Cold Storage'.", { searchable: true }),
        word(
          "Status",
          "Job status: 'In Progress' (active, taking costs), 'Unstarted' (set up, no work yet), 'Closed' (finished), 'Hold' (on hold), 'Pending' (not yet under way, e.g. awaiting award).",
          JOB_STATUSES,
        ),
        ref(
          "Customer",
          SAGE_KEY_WIDTHS.customer,
          "Customer (owner/client) code in Accounts Receivable: key of ArCustomers. Null when none.",
          { searchable: true },
        ),
        text("Project_Manager", "Project manager's name.", { searchable: true }),
        text("Estimator", "Estimator's name."),
        text("Supervisor", "Site supervisor (superintendent)'s name."),
        text("Address_1", "Job site street address."),
        text("City", "Job site city.", { searchable: true }),
        text("State", "Job site state (two-letter US code)."),
        text("Zip_Code", "Job site ZIP code."),
        plain("Contract_Date", "Date the prime contract was signed."),
        money("Original_Contract_Amount", "Prime contract amount as originally signed."),
        money(
          "JTD_Aprvd_Contract_Chgs",
          "Job-to-date approved contract change orders (added to the contract).",
        ),
        money("Revised_Contract_Amount", "Contract amount now: original contract plus approved changes."),
        money("Original_Estimate", "Original cost budget (estimate) of the job."),
        money("Total_Estimate", "Current cost budget: original estimate plus approved estimate changes."),
        money(
          "JTD_Cost",
          "Job-to-date cost: the sum of the job's cost transactions (every type except 'Work billed').",
        ),
        money("JTD_Work_Billed", "Job-to-date amount billed to the customer ('Work billed' transactions)."),
        money("JTD_Payments", "Job-to-date payments received from the customer."),
        money("JTD_Retainage_Held", "Retainage the customer is holding back from billings, job to date."),
        money(
          "Revised_Commitment",
          "Total of the job's subcontracts and purchase orders, with approved changes.",
        ),
        plain("Percent_Complete", "Percent complete, 0 to 100."),
        plain("Estimated_Start_Date", "Planned start date."),
        plain("Actual_Start_Date", "Date work actually started; null when not started."),
        plain("Estimated_Comp_Date", "Planned completion date."),
        plain("Actual_Complete_Date", "Date the job was completed; null while not complete."),
        text("Cost_Account_Prefix", "General ledger account prefix the job's costs post under."),
        text("Job_Type", "Kind of work, e.g. 'Commercial', 'Healthcare', 'Civil'."),
        text("Contract_Type", "Contract type, e.g. 'Lump sum', 'GMP', 'Unit price'."),
        plain("Retainage_Percent", "Percent of each billing the customer retains, 0 to 100."),
        ...stamps(),
      ],
      navigation: [
        many("Transactions", "JobCostTransactions", "Job", "Job", "The job's cost and billing transactions."),
        many("Commitments", "Commitments", "Job", "Job", "The job's subcontracts and purchase orders."),
        many("CostCodes", "CostCodes", "Job", "Job", "The job's cost codes (its budget structure)."),
        many("Categories", "Categories", "Job", "Job", "The job's cost code categories with their budgets."),
        many("ApInvoices", "ApInvoices", "Job", "Job", "Vendor invoices charged to the job."),
        one("CustomerDetails", "ArCustomers", "Customer", "Customer", "The job's customer."),
      ],
    },
    {
      table: "JCM_MASTER__COST_CODE",
      entitySet: "CostCodes",
      entityType: "SageCostCode",
      description:
        "Sage 300 CRE Job Cost cost codes (JCM_MASTER__COST_CODE): the work breakdown of each job, e.g. '03-100' Concrete. One row per job, extra and cost code.",
      properties: [
        job(),
        key(
          "Extra",
          SAGE_KEY_WIDTHS.extra,
          "Job extra (a sub-job or phase) the cost code belongs to; '' when the job does not use extras. In this table the empty value stays '' because it is part of the key; in transactions and commitments a missing extra is null.",
        ),
        key("Cost_Code", SAGE_KEY_WIDTHS.costCode, "Cost code, e.g. '03-100' (CSI-style division-item).", {
          searchable: true,
        }),
        text("Description", "What the cost code covers, e.g. 'General Conditions'.", { searchable: true }),
        ref(
          "Group_Cost_Code",
          SAGE_KEY_WIDTHS.costCode,
          "Summary cost code this one rolls up to, e.g. '03-000'.",
        ),
      ],
      key: ["Job", "Extra", "Cost_Code"],
      navigation: [one("JobDetails", "Jobs", "Job", "Job", "The job.")],
    },
    {
      table: "JCM_MASTER__CATEGORY",
      entitySet: "Categories",
      entityType: "SageCategory",
      description:
        "Sage 300 CRE Job Cost categories (JCM_MASTER__CATEGORY): the cost types within a job's cost code, each with its budget. One row per job, extra, cost code and category.",
      properties: [
        job(),
        key(
          "Extra",
          SAGE_KEY_WIDTHS.extra,
          "Job extra; '' when the job does not use extras (part of the key, so never null here).",
        ),
        key("Cost_Code", SAGE_KEY_WIDTHS.costCode, "Cost code, e.g. '03-100'."),
        key(
          "Category",
          SAGE_KEY_WIDTHS.category,
          "Cost category code, defined per company; commonly 'L' labor, 'M' material, 'S' subcontract, 'E' equipment, 'O' other.",
        ),
        text("Description", "Category name, e.g. 'Labor'.", { searchable: true }),
        ref(
          "Cost_Account",
          SAGE_KEY_WIDTHS.account,
          "General ledger account the category's costs post to (key of GlAccounts).",
        ),
        money("Original_Estimate", "Original budget of this category on this cost code."),
      ],
      key: ["Job", "Extra", "Cost_Code", "Category"],
      navigation: [one("JobDetails", "Jobs", "Job", "Job", "The job.")],
    },
    {
      table: "JCT_CURRENT__TRANSACTION",
      entitySet: "JobCostTransactions",
      entityType: "SageJobCostTransaction",
      description:
        "Sage 300 CRE job cost transactions: JCT_CURRENT__TRANSACTION (current fiscal year) and JCT_HISTORY__TRANSACTION (earlier years) as one set. Each row posts an amount to a job (and usually a cost code and category). Cost is the rows whose Transaction_Type ends in 'cost'; 'Work billed' rows are billings to the customer, not cost. Money is in US dollars.",
      union: {
        tables: ["JCT_HISTORY__TRANSACTION"],
        source: {
          property: "Transaction_Table",
          values: TRANSACTION_TABLES,
          description:
            "Which Sage table the row is in: 'Current' (JCT_CURRENT__TRANSACTION, the current fiscal year) or 'History' (JCT_HISTORY__TRANSACTION, earlier years).",
        },
      },
      key: ["Row_ID", "Transaction_Table"],
      properties: [
        job(),
        ref(
          "Extra",
          SAGE_KEY_WIDTHS.extra,
          "Job extra (sub-job or phase); null when the job does not use extras.",
        ),
        ref(
          "Cost_Code",
          SAGE_KEY_WIDTHS.costCode,
          "Cost code, e.g. '03-100'; null on 'Work billed' rows (billing is not posted to a cost code).",
        ),
        ref(
          "Category",
          SAGE_KEY_WIDTHS.category,
          "Cost category, e.g. 'L' labor, 'M' material, 'S' subcontract, 'E' equipment, 'O' other; null on 'Work billed' rows.",
        ),
        word(
          "Transaction_Type",
          "What the row posts. Cost: 'AP cost' (vendor invoices), 'PR cost' (payroll), 'EQ cost' (equipment), 'JC cost' (job cost entries), 'SM cost' (service management). Not cost: 'Work billed' (amount billed to the customer; WARNING: never add these into cost) and 'Scheduled value' (billing schedule).",
          TRANSACTION_TYPES,
        ),
        money(
          "Amount",
          "Amount posted: cost for the cost types, the billed amount for 'Work billed'. Negative for reversals and credits.",
        ),
        plain("Units", "Quantity posted (hours, cubic yards, ...); 0 when not tracked."),
        plain("Unit_Cost", "Cost per unit in US dollars; 0 when not tracked."),
        plain("Accounting_Date", "Date the row counts in the books (its accounting period)."),
        plain("Transaction_Date", "Date of the underlying document (invoice, timecard)."),
        ref(
          "Vendor",
          SAGE_KEY_WIDTHS.vendor,
          "Vendor code (key of Vendors) on 'AP cost' rows; null otherwise.",
        ),
        ref(
          "Invoice",
          SAGE_KEY_WIDTHS.invoice,
          "Vendor invoice number ('AP cost') or billing number ('Work billed'); null when none.",
        ),
        ref(
          "Commitment",
          SAGE_KEY_WIDTHS.commitment,
          "Subcontract or purchase order the cost is charged against (key of Commitments); null when none.",
        ),
        text(
          "Commitment_Type",
          "'Subcontract' or 'Purchase order' when the row is charged against a commitment; null otherwise.",
        ),
        text("Change_Order", "Change order number the row belongs to; null when none."),
        text("Description", "Line description, e.g. 'Progress billing - Doors and Frames'.", {
          searchable: true,
        }),
        text("Batch", "Posting batch, e.g. 'AP230330'."),
        text("Source", "Sage module that posted the row: 'AP', 'PR', 'EQ', 'JC', 'AR', 'SM'."),
        money("Retainage", "Retainage withheld on this row."),
        ref("Debit_Account", SAGE_KEY_WIDTHS.account, "General ledger account debited (key of GlAccounts)."),
        ref(
          "Credit_Account",
          SAGE_KEY_WIDTHS.account,
          "General ledger account credited (key of GlAccounts).",
        ),
        ...stamps(),
        plain("Row_ID", "Sage's row number within its table; with Transaction_Table it identifies the row."),
      ],
      navigation: [
        one("JobDetails", "Jobs", "Job", "Job", "The job the row posts to."),
        one("VendorDetails", "Vendors", "Vendor", "Vendor", "The vendor, on 'AP cost' rows."),
        one(
          "CommitmentDetails",
          "Commitments",
          "Commitment",
          "Commitment",
          "The subcontract or purchase order.",
        ),
      ],
    },
    {
      table: "JCM_MASTER__COMMITMENT",
      entitySet: "Commitments",
      entityType: "SageCommitment",
      description:
        "Sage 300 CRE commitments (JCM_MASTER__COMMITMENT): subcontracts and purchase orders issued to vendors for a job, with amounts invoiced against them. Money is in US dollars.",
      properties: [
        key("Commitment", SAGE_KEY_WIDTHS.commitment, "Commitment number, e.g. '23-101-01'.", {
          searchable: true,
        }),
        ref("Vendor", SAGE_KEY_WIDTHS.vendor, "Vendor (subcontractor or supplier) code: key of Vendors."),
        optionalJob("Job number (key of Jobs) the commitment is for."),
        ref("Extra", SAGE_KEY_WIDTHS.extra, "Job extra; null when none."),
        text("Description", "What is contracted, e.g. 'Subcontract - Doors and Hardware'.", {
          searchable: true,
        }),
        word("Commitment_Type", "'Subcontract' or 'Purchase order'.", COMMITMENT_TYPES),
        plain("Date", "Date the commitment was issued."),
        money("Original_Commitment", "Commitment amount as issued."),
        money("Approved_Changes", "Approved commitment change orders."),
        money("Revised_Commitment", "Commitment amount now: original plus approved changes."),
        money("Amount_Invoiced", "Amount the vendor has invoiced against the commitment so far."),
        plain("Retainage_Percent", "Percent retained from each vendor invoice, 0 to 100."),
        flag("Closed", "True when the commitment is closed (Sage stores 1), false while open (0)."),
      ],
      navigation: [
        one("JobDetails", "Jobs", "Job", "Job", "The job."),
        one("VendorDetails", "Vendors", "Vendor", "Vendor", "The vendor."),
        many("Transactions", "JobCostTransactions", "Commitment", "Commitment", "Costs charged against it."),
      ],
    },
    {
      table: "APM_MASTER__VENDOR",
      entitySet: "Vendors",
      entityType: "SageVendor",
      description:
        "Sage 300 CRE Accounts Payable vendors (APM_MASTER__VENDOR): subcontractors and suppliers the company pays.",
      properties: [
        key("Vendor", SAGE_KEY_WIDTHS.vendor, "Vendor code, e.g. 'BAKERCON'.", { searchable: true }),
        text("Name", "Vendor's name, e.g. 'Baker Concrete LLC'.", { searchable: true }),
        text("Type", "Vendor type, e.g. 'Subcontractor' or 'Supplier'."),
        text("Address_1", "Street line of the vendor's address (where to mail payments)."),
        text("Address_2", "Second address line (suite); null when none."),
        text("City", "City of the vendor's address.", { searchable: true }),
        text("State", "State of the vendor's address (two-letter US code)."),
        text("ZIP", "ZIP code of the vendor's address."),
        text("Telephone", "Vendor's main telephone number."),
        text("Fax_Number", "Fax number; null when none."),
        text("Contact_1_Name", "Main contact's name.", { searchable: true }),
        text("Contact_1_Email_Address", "Main contact's email address."),
        text("Contact_1_Telephone", "Main contact's telephone number."),
        text("Umb_Ins_Policy_Num", "Umbrella insurance policy number; null when none on file."),
        plain("Umb_Ins_Expir_Dt", "Umbrella insurance expiry date; null when none on file."),
      ],
      navigation: [
        many("ApInvoices", "ApInvoices", "Vendor", "Vendor", "The vendor's invoices."),
        many(
          "Commitments",
          "Commitments",
          "Vendor",
          "Vendor",
          "Subcontracts and purchase orders issued to the vendor.",
        ),
        many(
          "Transactions",
          "JobCostTransactions",
          "Vendor",
          "Vendor",
          "Job cost rows of the vendor's invoices.",
        ),
      ],
    },
    {
      table: "APM_MASTER__INVOICE",
      entitySet: "ApInvoices",
      entityType: "SageApInvoice",
      description:
        "Sage 300 CRE Accounts Payable invoices (APM_MASTER__INVOICE): bills from vendors, with amounts paid. One row per vendor and invoice number. Money is in US dollars.",
      properties: [
        key("Vendor", SAGE_KEY_WIDTHS.vendor, "Vendor code: key of Vendors."),
        key("Invoice", SAGE_KEY_WIDTHS.invoice, "The vendor's invoice number; unique per vendor.", {
          searchable: true,
        }),
        plain("Invoice_Date", "Date on the invoice."),
        plain("Accounting_Date", "Date the invoice counts in the books."),
        plain("Due_Date", "Date payment is due."),
        optionalJob("Job number (key of Jobs) the invoice is charged to; null when not job related."),
        text("Description", "What the invoice is for.", { searchable: true }),
        word("Status", "Payment status, e.g. 'Open' (not fully paid) or 'Fully paid'."),
        money("Amount", "Invoice amount."),
        money("Retainage", "Retainage withheld from the invoice."),
        money("Pmt_Amount", "Amount paid so far."),
        flag(
          "Included_For_Pmt",
          "True when the invoice is selected for the next payment run (Sage stores 1).",
        ),
        text("Invoice_Code_1", "User-defined invoice code 1; null when unused."),
      ],
      navigation: [
        one("VendorDetails", "Vendors", "Vendor", "Vendor", "The vendor."),
        one("JobDetails", "Jobs", "Job", "Job", "The job."),
      ],
    },
    {
      table: "GLM_MASTER__ACCOUNT",
      entitySet: "GlAccounts",
      entityType: "SageGlAccount",
      description: "Sage 300 CRE General Ledger accounts (GLM_MASTER__ACCOUNT): the chart of accounts.",
      properties: [
        key("Account", SAGE_KEY_WIDTHS.account, "Account number, e.g. '5100-00'.", { searchable: true }),
        text("Description", "Account name, e.g. 'Cash - Operating'.", { searchable: true }),
        word("Account_Type", "Account type, e.g. 'Asset', 'Liability', 'Equity', 'Income', 'Expense'."),
      ],
    },
    {
      table: "ARM_MASTER__CUSTOMER",
      entitySet: "ArCustomers",
      entityType: "SageArCustomer",
      description:
        "Sage 300 CRE Accounts Receivable customers (ARM_MASTER__CUSTOMER): the owners and clients the company bills.",
      properties: [
        key("Customer", SAGE_KEY_WIDTHS.customer, "Customer code, e.g. 'CITYHOSP'.", { searchable: true }),
        text("Name", "Customer's name, e.g. 'City Hospital District'.", { searchable: true }),
        text("Address_1", "Street line of the customer's billing address."),
        text("City", "City of the customer's billing address."),
        text("State", "State of the customer's billing address (two-letter US code)."),
        text("ZIP", "ZIP code of the customer's billing address."),
        text("Telephone", "Customer's telephone number."),
      ],
      navigation: [many("Jobs", "Jobs", "Customer", "Customer", "The customer's jobs.")],
    },
  ];
}

type Extra = Pick<SqlPropertyOptions, "searchable" | "allowedValues">;

/** Free text or an optional value: trimmed, null when blank. */
function text(name: string, description: string, more: Extra = {}): SqlPropertyOptions {
  return { name, column: name, convention: "emptyAsNull", description, ...more };
}

/** A status-like word that is always present: trimmed, with its vocabulary when known. */
function word(name: string, description: string, allowedValues?: readonly string[]): SqlPropertyOptions {
  return {
    name,
    column: name,
    convention: "trimPadded",
    description,
    ...(allowedValues === undefined ? {} : { allowedValues: [...allowedValues] }),
  };
}

/** A 0/1 flag, as a boolean. */
function flag(name: string, description: string): SqlPropertyOptions {
  return { name, column: name, type: "Edm.Boolean", description };
}

/** A column exposed as stored (dates, numbers). */
function plain(name: string, description: string): SqlPropertyOptions {
  return { name, column: name, description };
}

function stamps(): SqlPropertyOptions[] {
  return [
    plain("Date_Stamp", "Date the record was last added or changed in Sage."),
    text("Time_Stamp", "Time of that change, as 'HH:MM:SS' text."),
    text("Operator_Stamp", "Sage user who made that change."),
  ];
}

function one(
  name: string,
  target: string,
  local: string,
  remote: string,
  description: string,
): NavigationDef {
  return { name, target, collection: false, on: [{ local, remote }], description };
}

function many(
  name: string,
  target: string,
  local: string,
  remote: string,
  description: string,
): NavigationDef {
  return { name, target, collection: true, on: [{ local, remote }], description };
}
