/**
 * Rows of the Sage 300 CRE tables under their standard dictionary names (`StandardMode=1`, the
 * names Sage SQL Replicator also uses). Property names are the column names, so a row can be
 * inserted as is. Key columns hold space-padded values (see conventions.ts).
 */
import type { SageDate } from "./conventions.ts";

export const SAGE_TABLES = [
  "JCM_MASTER__JOB",
  "JCM_MASTER__COST_CODE",
  "JCM_MASTER__CATEGORY",
  "JCM_MASTER__COMMITMENT",
  "JCT_CURRENT__TRANSACTION",
  "JCT_HISTORY__TRANSACTION",
  "APM_MASTER__VENDOR",
  "APM_MASTER__INVOICE",
  "ARM_MASTER__CUSTOMER",
  "GLM_MASTER__ACCOUNT",
] as const;

export type SageTableName = (typeof SAGE_TABLES)[number];

export type TransactionTableName = "JCT_CURRENT__TRANSACTION" | "JCT_HISTORY__TRANSACTION";

export type CategoryCode = "L" | "M" | "S" | "E" | "O";

export type TransactionType = "AP cost" | "PR cost" | "EQ cost" | "JC cost" | "Work billed";

export type CommitmentType = "Subcontract" | "Purchase order";

export interface JobRow {
  Job: string;
  Description: string;
  Status: string;
  Customer: string;
  Project_Manager: string;
  Estimator: string;
  Supervisor: string;
  Address_1: string;
  City: string;
  State: string;
  Zip_Code: string;
  Contract_Date: SageDate;
  Original_Contract_Amount: number;
  JTD_Aprvd_Contract_Chgs: number;
  Revised_Contract_Amount: number;
  Original_Estimate: number;
  Total_Estimate: number;
  JTD_Cost: number;
  JTD_Work_Billed: number;
  JTD_Payments: number;
  JTD_Retainage_Held: number;
  Revised_Commitment: number;
  Percent_Complete: number;
  Estimated_Start_Date: SageDate;
  Actual_Start_Date: SageDate | null;
  Estimated_Comp_Date: SageDate;
  Actual_Complete_Date: SageDate | null;
  Cost_Account_Prefix: string;
  Job_Type: string;
  Contract_Type: string;
  Retainage_Percent: number;
  Date_Stamp: SageDate;
  Time_Stamp: string;
  Operator_Stamp: string;
}

export interface CostCodeRow {
  Job: string;
  Extra: string;
  Cost_Code: string;
  Description: string;
  Group_Cost_Code: string;
}

export interface CategoryRow {
  Job: string;
  Extra: string;
  Cost_Code: string;
  Category: string;
  Description: string;
  Cost_Account: string;
  Original_Estimate: number;
}

export interface CommitmentRow {
  Commitment: string;
  Vendor: string;
  Job: string;
  Extra: string;
  Description: string;
  Commitment_Type: CommitmentType;
  Date: SageDate;
  Original_Commitment: number;
  Approved_Changes: number;
  Revised_Commitment: number;
  Amount_Invoiced: number;
  Retainage_Percent: number;
  Closed: number;
}

export interface TransactionRow {
  Job: string;
  Extra: string;
  Cost_Code: string;
  Category: string;
  Transaction_Type: TransactionType;
  Amount: number;
  Units: number;
  Unit_Cost: number;
  Accounting_Date: SageDate;
  Transaction_Date: SageDate;
  Vendor: string;
  Invoice: string;
  Commitment: string;
  Commitment_Type: string;
  Change_Order: string;
  Description: string;
  Batch: string;
  Source: string;
  Retainage: number;
  Debit_Account: string;
  Credit_Account: string;
  Date_Stamp: SageDate;
  Time_Stamp: string;
  Operator_Stamp: string;
  Row_ID: number;
}

export interface VendorRow {
  Vendor: string;
  Name: string;
  Type: string;
  Address_1: string;
  Address_2: string;
  City: string;
  State: string;
  ZIP: string;
  Telephone: string;
  Fax_Number: string;
  Contact_1_Name: string;
  Contact_1_Email_Address: string;
  Contact_1_Telephone: string;
  Umb_Ins_Policy_Num: string;
  Umb_Ins_Expir_Dt: SageDate | null;
}

export type InvoiceStatus = "Open" | "Fully paid";

export interface InvoiceRow {
  Vendor: string;
  Invoice: string;
  Invoice_Date: SageDate;
  Accounting_Date: SageDate;
  Due_Date: SageDate;
  Job: string;
  Description: string;
  Status: InvoiceStatus;
  Amount: number;
  Retainage: number;
  Pmt_Amount: number;
  Included_For_Pmt: number;
  Invoice_Code_1: string;
}

export interface CustomerRow {
  Customer: string;
  Name: string;
  Address_1: string;
  City: string;
  State: string;
  ZIP: string;
  Telephone: string;
}

export interface AccountRow {
  Account: string;
  Description: string;
  Account_Type: string;
}

/** The row type of each table. */
export interface SageRows {
  JCM_MASTER__JOB: JobRow;
  JCM_MASTER__COST_CODE: CostCodeRow;
  JCM_MASTER__CATEGORY: CategoryRow;
  JCM_MASTER__COMMITMENT: CommitmentRow;
  JCT_CURRENT__TRANSACTION: TransactionRow;
  JCT_HISTORY__TRANSACTION: TransactionRow;
  APM_MASTER__VENDOR: VendorRow;
  APM_MASTER__INVOICE: InvoiceRow;
  ARM_MASTER__CUSTOMER: CustomerRow;
  GLM_MASTER__ACCOUNT: AccountRow;
}
