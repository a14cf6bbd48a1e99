/**
 * The general ledger accounts job cost posts to. Every transaction's debit and credit account is
 * one of these, so GL lookups from job cost always resolve.
 */

export interface LedgerAccount {
  readonly account: string;
  readonly description: string;
  readonly type: "Asset" | "Liability" | "Equity" | "Income" | "Expense";
}

export const ACCOUNTS = {
  cash: { account: "1000-00", description: "Cash - Operating", type: "Asset" },
  receivable: { account: "1200-00", description: "Accounts Receivable", type: "Asset" },
  retainageReceivable: { account: "1250-00", description: "Retainage Receivable", type: "Asset" },
  payable: { account: "2000-00", description: "Accounts Payable", type: "Liability" },
  retainagePayable: { account: "2050-00", description: "Retainage Payable", type: "Liability" },
  accruedPayroll: { account: "2100-00", description: "Accrued Payroll", type: "Liability" },
  accruedJobExpense: { account: "2400-00", description: "Accrued Job Expenses", type: "Liability" },
  equity: { account: "3000-00", description: "Retained Earnings", type: "Equity" },
  contractRevenue: { account: "4000-00", description: "Contract Revenue", type: "Income" },
  equipmentRevenue: { account: "4900-00", description: "Equipment Revenue - Internal", type: "Income" },
  laborCost: { account: "5100-00", description: "Job Cost - Labor", type: "Expense" },
  materialCost: { account: "5200-00", description: "Job Cost - Material", type: "Expense" },
  subcontractCost: { account: "5300-00", description: "Job Cost - Subcontract", type: "Expense" },
  equipmentCost: { account: "5400-00", description: "Job Cost - Equipment", type: "Expense" },
  otherCost: { account: "5500-00", description: "Job Cost - Other", type: "Expense" },
  overhead: { account: "6000-00", description: "General and Administrative", type: "Expense" },
} as const satisfies Record<string, LedgerAccount>;

export const LEDGER: readonly LedgerAccount[] = Object.values(ACCOUNTS);
