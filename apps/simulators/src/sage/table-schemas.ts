/**
 * Column types of the Sage tables as they appear on the SQL Server copy made by Sage SQL
 * Replicator: keys are VARCHAR holding the space-padded value, money DOUBLE PRECISION, percents
 * REAL, dates DATE. One declaration per table drives the DDL for SQLite and Postgres alike.
 */
import { KEY_WIDTH, type SageTableName } from "@headgate/demo-world";

export type ColumnType =
  | { readonly kind: "varchar"; readonly width: number }
  | { readonly kind: "date" | "double" | "real" | "integer" | "smallint" };

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
}

export interface TableSchema {
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey: readonly string[];
  /** Secondary indexes, created after the load. */
  readonly indexes?: readonly (readonly string[])[];
}

const varchar = (name: string, width: number): ColumnSpec => ({ name, type: { kind: "varchar", width } });
const key = (name: string, width: number) => varchar(name, width);
const date = (name: string, nullable = false): ColumnSpec => ({ name, type: { kind: "date" }, nullable });
const money = (name: string): ColumnSpec => ({ name, type: { kind: "double" } });
const percent = (name: string): ColumnSpec => ({ name, type: { kind: "real" } });
const integer = (name: string): ColumnSpec => ({ name, type: { kind: "integer" } });
const flag = (name: string): ColumnSpec => ({ name, type: { kind: "smallint" } });
const time = (name: string) => varchar(name, 8);

const JOB = key("Job", KEY_WIDTH.job);
const EXTRA = key("Extra", KEY_WIDTH.extra);
const COST_CODE = key("Cost_Code", KEY_WIDTH.costCode);
const CATEGORY = key("Category", KEY_WIDTH.category);
const VENDOR = key("Vendor", KEY_WIDTH.vendor);
const INVOICE = key("Invoice", KEY_WIDTH.invoice);
const STAMPS = [date("Date_Stamp"), time("Time_Stamp"), varchar("Operator_Stamp", KEY_WIDTH.operator)];

const TRANSACTION: TableSchema = {
  columns: [
    JOB,
    EXTRA,
    COST_CODE,
    CATEGORY,
    varchar("Transaction_Type", 20),
    money("Amount"),
    { name: "Units", type: { kind: "double" } },
    money("Unit_Cost"),
    date("Accounting_Date"),
    date("Transaction_Date"),
    VENDOR,
    INVOICE,
    key("Commitment", KEY_WIDTH.commitment),
    varchar("Commitment_Type", 20),
    varchar("Change_Order", 10),
    varchar("Description", 60),
    varchar("Batch", KEY_WIDTH.batch),
    varchar("Source", 4),
    money("Retainage"),
    key("Debit_Account", KEY_WIDTH.account),
    key("Credit_Account", KEY_WIDTH.account),
    ...STAMPS,
    integer("Row_ID"),
  ],
  primaryKey: ["Row_ID"],
  indexes: [["Job", "Cost_Code", "Category"], ["Accounting_Date"]],
};

export const TABLE_SCHEMAS: Readonly<Record<SageTableName, TableSchema>> = {
  JCM_MASTER__JOB: {
    columns: [
      JOB,
      varchar("Description", 60),
      varchar("Status", 12),
      key("Customer", KEY_WIDTH.customer),
      varchar("Project_Manager", 40),
      varchar("Estimator", 40),
      varchar("Supervisor", 40),
      varchar("Address_1", 60),
      varchar("City", 30),
      varchar("State", 2),
      varchar("Zip_Code", 10),
      date("Contract_Date"),
      money("Original_Contract_Amount"),
      money("JTD_Aprvd_Contract_Chgs"),
      money("Revised_Contract_Amount"),
      money("Original_Estimate"),
      money("Total_Estimate"),
      money("JTD_Cost"),
      money("JTD_Work_Billed"),
      money("JTD_Payments"),
      money("JTD_Retainage_Held"),
      money("Revised_Commitment"),
      percent("Percent_Complete"),
      date("Estimated_Start_Date"),
      date("Actual_Start_Date", true),
      date("Estimated_Comp_Date"),
      date("Actual_Complete_Date", true),
      varchar("Cost_Account_Prefix", 10),
      varchar("Job_Type", 20),
      varchar("Contract_Type", 20),
      percent("Retainage_Percent"),
      ...STAMPS,
    ],
    primaryKey: ["Job"],
  },
  JCM_MASTER__COST_CODE: {
    columns: [JOB, EXTRA, COST_CODE, varchar("Description", 60), key("Group_Cost_Code", KEY_WIDTH.costCode)],
    primaryKey: ["Job", "Extra", "Cost_Code"],
  },
  JCM_MASTER__CATEGORY: {
    columns: [
      JOB,
      EXTRA,
      COST_CODE,
      CATEGORY,
      varchar("Description", 30),
      key("Cost_Account", KEY_WIDTH.account),
      money("Original_Estimate"),
    ],
    primaryKey: ["Job", "Extra", "Cost_Code", "Category"],
  },
  JCM_MASTER__COMMITMENT: {
    columns: [
      key("Commitment", KEY_WIDTH.commitment),
      VENDOR,
      JOB,
      EXTRA,
      varchar("Description", 60),
      varchar("Commitment_Type", 20),
      date("Date"),
      money("Original_Commitment"),
      money("Approved_Changes"),
      money("Revised_Commitment"),
      money("Amount_Invoiced"),
      percent("Retainage_Percent"),
      flag("Closed"),
    ],
    primaryKey: ["Commitment"],
    indexes: [["Job"]],
  },
  JCT_CURRENT__TRANSACTION: TRANSACTION,
  JCT_HISTORY__TRANSACTION: TRANSACTION,
  APM_MASTER__VENDOR: {
    columns: [
      VENDOR,
      varchar("Name", 60),
      varchar("Type", 20),
      varchar("Address_1", 60),
      varchar("Address_2", 60),
      varchar("City", 30),
      varchar("State", 2),
      varchar("ZIP", 10),
      varchar("Telephone", 20),
      varchar("Fax_Number", 20),
      varchar("Contact_1_Name", 40),
      varchar("Contact_1_Email_Address", 80),
      varchar("Contact_1_Telephone", 20),
      varchar("Umb_Ins_Policy_Num", 20),
      date("Umb_Ins_Expir_Dt", true),
    ],
    primaryKey: ["Vendor"],
  },
  APM_MASTER__INVOICE: {
    columns: [
      VENDOR,
      INVOICE,
      date("Invoice_Date"),
      date("Accounting_Date"),
      date("Due_Date"),
      JOB,
      varchar("Description", 60),
      varchar("Status", 20),
      money("Amount"),
      money("Retainage"),
      money("Pmt_Amount"),
      flag("Included_For_Pmt"),
      varchar("Invoice_Code_1", 20),
    ],
    primaryKey: ["Vendor", "Invoice"],
    indexes: [["Job"]],
  },
  ARM_MASTER__CUSTOMER: {
    columns: [
      key("Customer", KEY_WIDTH.customer),
      varchar("Name", 60),
      varchar("Address_1", 60),
      varchar("City", 30),
      varchar("State", 2),
      varchar("ZIP", 10),
      varchar("Telephone", 20),
    ],
    primaryKey: ["Customer"],
  },
  GLM_MASTER__ACCOUNT: {
    columns: [key("Account", KEY_WIDTH.account), varchar("Description", 60), varchar("Account_Type", 12)],
    primaryKey: ["Account"],
  },
};
